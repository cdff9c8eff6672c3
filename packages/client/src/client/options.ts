import type { AuthOptions } from '../auth/auth-options.js';
import type { TokenCache } from '../auth/token-cache.js';
import type { Logger } from '../internal/logger.js';
import type { BackoffOptions } from '../retry/retry-policy.js';

/**
 * An OPF deployment: with SSP (purchases through the CRM Gateway) or without (purchases through TPES).
 *
 * @example
 * ```ts
 * const deployment: Deployment = 'tpes';
 * ```
 */
export type Deployment = 'ssp' | 'tpes';

/**
 * Everything `createCrmGatewayClient` takes.
 *
 * @example
 * ```ts
 * const options: CrmGatewayClientOptions = {
 *   baseUrl: 'https://operator.example',
 *   tenantId: 'tenant1',
 *   auth: { keycloakUrl: 'https://operator.example/keycloak/auth', clientId: 'crm_client', username, password },
 *   timeoutMs: 5_000,
 *   maxRetries: 3,
 * };
 * ```
 */
export interface CrmGatewayClientOptions {
  /** The gateway's base URL (the spec's paths hang off it), e.g. `https://operator.example`. */
  baseUrl: string;
  /**
   * How the OPF deployment is set up: `'ssp'` (default) purchases through the CRM Gateway
   * (`POST /crm-gateway/v2/rmg/v1/entitlements`), `'tpes'` (a deployment without SSP) through TPES
   * (`POST /tpes/v1/operator/entitlements`). Every other call takes the same path in both.
   */
  deployment?: Deployment;
  /** The default `nv-tenant-id`; a call or `withContext` may override it. */
  tenantId: string;
  /** How to obtain the Keycloak access token. */
  auth: AuthOptions;
  /**
   * Accept `http:` for `baseUrl` and the token URL (`auth.tokenUrl`, `auth.keycloakUrl`) on a host that is not
   * loopback. Default `false`: they must be `https:` (plain `http:` only to `localhost`, 127.0.0.0/8 or `[::1]`,
   * such as the emulator), else `ValidationError` naming the field, since the password grant and every token would
   * cross the network in clear. Set it only behind a TLS-terminating sidecar or on a trusted test network.
   */
  allowInsecureHttp?: boolean;
  /** Per-attempt timeout in ms (also the token request's). Default 10 000. */
  timeoutMs?: number;
  /** Whole-call timeout (all attempts and backoff waits) in ms. Default 60 000. */
  totalTimeoutMs?: number;
  /** Retries after the first attempt for network errors, timeouts and 408/429/5xx. Default 2. */
  maxRetries?: number;
  /** Backoff between retries. Defaults: 250 ms doubling to 8 s, jitter 50–100 %, Retry-After up to 20 s. */
  backoff?: BackoffOptions;
  /** The `fetch` to use (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Where to write log lines (never secrets, tokens or bodies). Default: silent. */
  logger?: Logger;
  /**
   * Whether concurrent calls share one in-flight token request, and the token is refreshed ahead of expiry in
   * the background. Default `true`, except on Cloudflare Workers, where a promise made while serving one
   * request may never settle in another: there each call that finds no valid token requests its own (the token
   * is still cached and reused) and nothing runs in the background.
   */
  shareTokenRefresh?: boolean;
  /**
   * A token cache shared by several instances of the portal (e.g. `createRedisTokenCache` from
   * `@crm-gateway/redis`), so the whole fleet requests one token at a time instead of one per instance. Only the
   * access token is shared. Refused (`ValidationError`) with `auth.getAccessToken`. Default: each instance caches
   * its own token in memory, which is right for a single instance.
   */
  tokenCache?: TokenCache;
}
