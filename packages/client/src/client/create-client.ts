import { createContextApi, createRawApi } from '../api/create-api.js';
import { createFetchAdapter } from '../api/fetch-adapter.js';
import type { CrmGatewayApi } from '../api/gateway-api.js';
import { createTokenProvider } from '../auth/create-token-provider.js';
import { createEntitlementsApi } from '../entitlements/create-entitlements-api.js';
import type { EntitlementsApi } from '../entitlements/types.js';
import { ValidationError } from '../errors/validation-error.js';
import { Redactor } from '../internal/redactor.js';
import { DEFAULT_BACKOFF, type Backoff } from '../retry/retry-policy.js';
import { Transport } from '../transport/transport.js';
import {
  checkHeaderToken,
  checkHttpUrl,
  checkObject,
  checkOptionalDuration,
  checkOptionalInteger,
} from '../validation/validate.js';
import type { CallDefaults } from './call-settings.js';
import type { Gateway } from './gateway-call.js';
import type { CrmGatewayClientOptions } from './options.js';

/**
 * Defaults a {@link CrmGatewayClient.withContext} view applies to its calls.
 *
 * @example
 * ```ts
 * const context: ClientContext = { correlationId: req.headers['x-request-id'], tenantId: 'tenant2' };
 * ```
 */
export interface ClientContext {
  correlationId?: string;
  tenantId?: string;
}

/**
 * A CRM Gateway client: `entitlements` has one method per use case, `api` reaches any operation of the spec.
 *
 * @example
 * ```ts
 * const client: CrmGatewayClient = createCrmGatewayClient(options);
 * const { entitlementId } = await client.entitlements.purchaseThirdPartyProduct({ accountId, productId });
 * ```
 */
export interface CrmGatewayClient {
  /** The typed openapi-fetch client of the spec, with tokens, headers, retries and timeouts applied underneath. */
  readonly api: CrmGatewayApi;
  /** The third-party entitlement use cases; they throw the client's error classes. */
  readonly entitlements: EntitlementsApi;
  /** A view with other defaults (correlation id, tenant) sharing this client's token cache and settings. */
  withContext(context: ClientContext): CrmGatewayClient;
}

/**
 * Creates a client for OPF's CRM Gateway. The options are checked at once (`ValidationError` naming the field);
 * no request is made until the first call.
 *
 * @example
 * ```ts
 * import { createCrmGatewayClient } from '@crm-gateway/client';
 *
 * const client = createCrmGatewayClient({
 *   baseUrl: 'http://127.0.0.1:4010',
 *   tenantId: 'tenant1',
 *   auth: {
 *     tokenUrl: 'http://127.0.0.1:4010/keycloak/auth/realms/nagra/protocol/openid-connect/token',
 *     clientId: 'crm_client',
 *     username: 'crm_client_user',
 *     password: 'crm-client-password',
 *   },
 * });
 * const purchase = await client.entitlements.purchaseThirdPartyProduct({
 *   accountId: 'account-alice',
 *   productId: 'Netflix_EU_B_BUNDLE_BASIC',
 * });
 * ```
 */
export function createCrmGatewayClient(options: CrmGatewayClientOptions): CrmGatewayClient {
  const checked = checkObject(options, 'options');
  const baseUrl = checkHttpUrl(checked['baseUrl'], 'baseUrl').replace(/\/+$/, '');
  const tenantId = checkHeaderToken(checked['tenantId'], 'tenantId');
  const timeoutMs = checkOptionalDuration(checked['timeoutMs'], 'timeoutMs') ?? 10_000;
  const totalTimeoutMs = checkOptionalDuration(checked['totalTimeoutMs'], 'totalTimeoutMs') ?? 60_000;
  const maxRetries = checkOptionalInteger(checked['maxRetries'], 'maxRetries', 0, 20) ?? 2;
  const backoff = readBackoff(checked['backoff']);
  const fetchImpl = checked['fetch'] ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new ValidationError('fetch', 'must be a fetch function');
  const logger = options.logger;
  if (logger !== undefined && (typeof logger !== 'object' || logger === null)) {
    throw new ValidationError('logger', 'must be an object with debug/info/warn/error functions');
  }
  const boundFetch: typeof fetch = (input, init) => (fetchImpl as typeof fetch)(input, init);
  const redactor = new Redactor();
  const tokens = createTokenProvider(options.auth, { fetch: boundFetch, timeoutMs, redactor, logger });
  const transport = new Transport({ fetch: boundFetch, tokens, backoff, redactor, logger });
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const rootDefaults: CallDefaults = { tenantId, timeoutMs, totalTimeoutMs, maxRetries };
  const raw = createRawApi(baseUrl, createFetchAdapter(transport, basePath, rootDefaults));

  const build = (defaults: CallDefaults): CrmGatewayClient => {
    const gateway: Gateway = { baseUrl, transport, redactor, defaults };
    return {
      api: createContextApi(raw, createFetchAdapter(transport, basePath, defaults)),
      entitlements: createEntitlementsApi(gateway),
      withContext(context: ClientContext): CrmGatewayClient {
        const fields = checkObject(context, 'context');
        const next: CallDefaults = { ...defaults };
        if (fields['tenantId'] !== undefined)
          next.tenantId = checkHeaderToken(fields['tenantId'], 'context.tenantId');
        if (fields['correlationId'] !== undefined) {
          next.correlationId = checkHeaderToken(fields['correlationId'], 'context.correlationId');
        }
        return build(next);
      },
    };
  };
  return build(rootDefaults);
}

function readBackoff(value: unknown): Backoff {
  if (value === undefined) return DEFAULT_BACKOFF;
  const fields = checkObject(value, 'backoff');
  const initialDelayMs =
    checkNonNegative(fields['initialDelayMs'], 'backoff.initialDelayMs') ?? DEFAULT_BACKOFF.initialDelayMs;
  const maxDelayMs =
    checkNonNegative(fields['maxDelayMs'], 'backoff.maxDelayMs') ?? DEFAULT_BACKOFF.maxDelayMs;
  const maxRetryAfterMs =
    checkNonNegative(fields['maxRetryAfterMs'], 'backoff.maxRetryAfterMs') ?? DEFAULT_BACKOFF.maxRetryAfterMs;
  return { initialDelayMs, maxDelayMs: Math.max(maxDelayMs, initialDelayMs), maxRetryAfterMs };
}

function checkNonNegative(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(field, 'must be a number of milliseconds >= 0');
  }
  return value;
}
