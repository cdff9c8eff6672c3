import { createContextApi, createSharedApi } from '../api/create-api.js';
import type { CrmGatewayApi } from '../api/gateway-api.js';
import { createTokenProvider } from '../auth/create-token-provider.js';
import { createEntitlementsApi } from '../entitlements/create-entitlements-api.js';
import type { EntitlementsApi } from '../entitlements/create-entitlements-api.js';
import { createRedactor } from '../internal/redactor.js';
import { hasUndiciFetch, isWorkersRuntime } from '../internal/runtime.js';
import { DEFAULT_BACKOFF, type Backoff } from '../retry/retry-policy.js';
import { createTransport } from '../transport/transport.js';
import {
  checkOneOf,
  checkOptionalBoolean,
  checkHeaderToken,
  checkHttpUrl,
  checkObject,
  checkOptionalDuration,
  checkOptionalInteger,
  fail,
} from '../validation/validate.js';
import {
  bindContext,
  boundContext,
  type BoundContext,
  type ClientContext,
  type ContextDefaults,
} from './call-context.js';
import type { CrmGatewayClientOptions } from './options.js';

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
  /**
   * What this client or view is bound with: its tenant, and the correlation id `withContext` bound (absent on a
   * client from `createCrmGatewayClient`: each call then gets a new id unless it gives one).
   */
  readonly context: BoundContext;
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
  const allowInsecureHttp = checkOptionalBoolean(checked['allowInsecureHttp'], 'allowInsecureHttp');
  const baseUrl = checkHttpUrl(checked['baseUrl'], 'baseUrl', allowInsecureHttp).replace(/\/+$/, '');
  const deployment =
    checked['deployment'] === undefined
      ? 'ssp'
      : checkOneOf(checked['deployment'], ['ssp', 'tpes'] as const, 'deployment');
  const timeoutMs = checkOptionalDuration(checked['timeoutMs'], 'timeoutMs') ?? 10_000;
  const rootDefaults: ContextDefaults = {
    tenantId: checkHeaderToken(checked['tenantId'], 'tenantId'),
    timeoutMs,
    totalTimeoutMs: checkOptionalDuration(checked['totalTimeoutMs'], 'totalTimeoutMs') ?? 60_000,
    maxRetries: checkOptionalInteger(checked['maxRetries'], 'maxRetries', 0, 20) ?? 2,
  };
  const backoff: Backoff = { ...DEFAULT_BACKOFF };
  const given = checked['backoff'] === undefined ? {} : checkObject(checked['backoff'], 'backoff');
  for (const key in backoff) {
    const name = key as keyof Backoff;
    backoff[name] = checkOptionalDuration(given[name], `backoff.${name}`, undefined, true) ?? backoff[name];
  }
  const fetchImpl = (checked['fetch'] ?? globalThis.fetch) as typeof fetch;
  if (typeof fetchImpl !== 'function') fail('fetch', 'must be a function');
  const logger = options.logger;
  if (logger !== undefined) checkObject(logger, 'logger');
  // What the token provider and the transport share (each reads its own fields).
  const settings = {
    fetch: ((input, init) => fetchImpl(input, init)) as typeof fetch,
    nodeFetch: checked['fetch'] === undefined && hasUndiciFetch(),
    timeoutMs,
    redactor: createRedactor(),
    logger,
    backoff,
    share: checkOptionalBoolean(checked['shareTokenRefresh'], 'shareTokenRefresh') ?? !isWorkersRuntime(),
    allowInsecureHttp,
    tokenCache: checked['tokenCache'] as CrmGatewayClientOptions['tokenCache'],
  };
  const { redactor } = settings;
  const transport = createTransport({ ...settings, tokens: createTokenProvider(options.auth, settings) });
  const shared = createSharedApi(baseUrl, redactor);

  const build = (defaults: ContextDefaults): CrmGatewayClient => {
    const api = createContextApi(shared, transport, defaults);
    return {
      context: boundContext(defaults),
      api,
      entitlements: createEntitlementsApi({ api, redactor, defaults, deployment }),
      withContext: (context) => build(bindContext(defaults, context)),
    };
  };
  return build(rootDefaults);
}
