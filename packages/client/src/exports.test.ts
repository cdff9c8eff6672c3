import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as entry from './index.js';

const indexPath = fileURLToPath(new URL('./index.ts', import.meta.url));

describe('public API', () => {
  test('the runtime exports of the client, and nothing of the portal core', () => {
    const clientExports = [
      'AbortError',
      'AuthError',
      'BadRequestError',
      'CANCEL_REASON_CATEGORIES',
      'CANCEL_REASON_CODES',
      'CANCEL_REASON_CODES_BY_CATEGORY',
      'CANCEL_REASON_MAX_LENGTHS',
      'ConflictError',
      'ConnectionError',
      'CrmGatewayError',
      'ENTITLEMENT_STATUSES',
      'EntitlementIdInUseError',
      'EntitlementNotFoundError',
      'ForbiddenError',
      'HEADER_TOKEN_RULE',
      'IDENTIFIER_RULE',
      'PurchaseOutcomeUnknownError',
      'REASON_CODE_RULE',
      'STATUS_UPDATE_MAX_LENGTHS',
      'ServerError',
      'TenantNotFoundError',
      'TimeoutError',
      'ValidationError',
      'createCrmGatewayClient',
      'isCorrelationId',
      'isCrmGatewayError',
      'newCorrelationId',
      'signNotification',
      'verifyNotificationSignature',
    ];
    expect(Object.keys(entry).sort()).toEqual(clientExports);
    for (const portalName of [
      'runPortalRoute',
      'PORTAL_ROUTES',
      'handlePurchase',
      'createNotificationReceiver',
      'mapGatewayError',
    ]) {
      expect(entry).not.toHaveProperty(portalName);
    }
  });

  test('every export of the client has JSDoc with an @example', () => {
    const program = ts.createProgram([indexPath], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(indexPath)!;
    const moduleSymbol = checker.getSymbolAtLocation(source)!;
    const missing: string[] = [];
    let checked = 0;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (!declaration) continue;
      const file = declaration.getSourceFile().fileName;
      // Generated types are documented by the spec.
      if (file.includes('/generated/')) continue;
      checked += 1;
      const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
      const docs = ts
        .getJSDocCommentsAndTags(node)
        .map((d) => d.getText())
        .join('\n');
      if (!docs.includes('@example')) missing.push(exported.getName());
    }
    expect(checked).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });
});
