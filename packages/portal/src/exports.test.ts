import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as entry from './index.js';

// The public names of @crm-gateway/portal. A name that disappears (or appears) fails here: change the list in the same commit,
// with a changeset that says so.
const indexPath = fileURLToPath(new URL('./index.ts', import.meta.url));

describe('public API of @crm-gateway/portal', () => {
  test('the runtime exports', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'CrmGatewayPluginError',
      'DEFAULT_CANCEL_REASONS',
      'DEFAULT_HANDLED_RETENTION_MS',
      'DEFAULT_MAX_BODY_BYTES',
      'IDEMPOTENCY_KEY_HEADER',
      'InvalidJsonBodyError',
      'MissingCrmGatewayMiddlewareError',
      'NOTIFICATION_SIGNATURE_HEADER',
      'PORTAL_ROUTES',
      'PayloadTooLargeError',
      'RawBodyUnavailableError',
      'assertRouteOptions',
      'correlationIdOf',
      'createMemoryNotificationStore',
      'createNotificationReceiver',
      'createPortalAdapter',
      'createRequestGatewayBinder',
      'deriveEntitlementId',
      'guardStateChange',
      'handleActivationLink',
      'handleCancel',
      'handleListEntitlements',
      'handlePurchase',
      'handleResume',
      'handleSuspend',
      'mapGatewayError',
      'normalizeCorrelationId',
      'notFound',
      'parseJsonBody',
      'portalError',
      'readIdempotencyKey',
      'readLimitedText',
      'receiveNotification',
      'runPortalRoute',
      'validateNotification',
    ]);
  });

  test('the type-only exports', () => {
    const program = ts.createProgram([indexPath], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(indexPath)!)!;
    const names = checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.getName());
    expect(names.filter((name) => !(name in entry)).sort()).toEqual([
      'AccountResolver',
      'AdapterReceiverOptions',
      'AdapterRouteOptions',
      'CrmGatewayOptions',
      'EntitlementChangeNotification',
      'GuardedHeaders',
      'MemoryNotificationStore',
      'MemoryNotificationStoreOptions',
      'MountedPortalRoute',
      'NotificationClaim',
      'NotificationContext',
      'NotificationDelivery',
      'NotificationHandler',
      'NotificationReceiverOptions',
      'NotificationStore',
      'PortalAdapter',
      'PortalEntitlement',
      'PortalErrorBody',
      'PortalErrorCode',
      'PortalFramework',
      'PortalHandler',
      'PortalHandlerInput',
      'PortalHandlerSettings',
      'PortalResponse',
      'PortalRouteDefinition',
      'PortalRouteFactoryName',
      'PortalRouteName',
      'PortalRouteOptions',
      'PortalRouteRequest',
      'RequestGateway',
      'RequestGatewayBinder',
      'TenantResolver',
    ]);
  });
});
