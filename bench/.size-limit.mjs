// The client bundle budget, checked by `pnpm test` (this package's `test` script is `size-limit`) and measured by
// `pnpm bench` (clientBundleGzipBytes): what a service ships when it imports the client, ESM, bundled by esbuild,
// minified and gzipped, openapi-fetch included. The budget is set here, and only here (./goals.mjs reads it). The second check, openapi-fetch
// alone, has no limit: it is the baseline `pnpm bench` sets the client against.
import { fileURLToPath } from 'node:url';

/** The client's ESM bundle budget, minified + gzip, openapi-fetch included, in bytes (DESIGN.md: 11 kB). */
export const CLIENT_BUNDLE_GZIP_BUDGET = 11_000;

/**
 * What `pnpm test` enforces until the client is back under the budget: the size it has now, plus a few bytes, so it
 * cannot grow unseen. The hardening (redaction of encoded echoes, https checks, Retry-After) took it over the budget;
 * `pnpm bench` reports the budget as missed until this ceiling can be lowered to it. Lower it, never raise it without
 * saying why in the commit. Lowered from 12,850: the bundle cut (compiled spec patterns, leaner validation, token
 * and entitlement code) brought the client to 12,527 B. Raised to 12,750: the entitlement calls' direct road to
 * the transport (api/direct-call.ts, +222 B) takes about 8 % off every purchase's latency (bench/client/
 * overhead.mjs: 1.27x to 1.18x a raw fetch), the size it has with it, 12,749 B, rounded up to the next 50 bytes.
 * Raised to 13,000: on Node's own fetch an attempt carries no AbortSignal (undici closes a timed-out attempt's
 * connection by its own timeouts) and is sent with `redirect: 'error'`, which spares undici's copy of every request
 * and its body stream (transport/send-attempt.ts, +220 B with the success path's redaction side table removed):
 * the client went from about 1.09x to 0.97x a raw fetch, under the 1.05x goal. It measures 12,970 B.
 */
export const CLIENT_BUNDLE_GZIP_CEILING = 13_000;

export const CLIENT_CHECK =
  '@crm-gateway/client: createCrmGatewayClient + isCrmGatewayError (ESM, min+gzip, openapi-fetch included)';
export const OPENAPI_FETCH_CHECK = 'openapi-fetch alone: createClient (baseline, no limit)';

export default [
  {
    name: CLIENT_CHECK,
    path: '../packages/client/dist/index.js',
    import: '{ createCrmGatewayClient, isCrmGatewayError }',
    gzip: true,
    limit: `${Math.max(CLIENT_BUNDLE_GZIP_BUDGET, CLIENT_BUNDLE_GZIP_CEILING)} B`,
  },
  {
    name: OPENAPI_FETCH_CHECK,
    import: { [fileURLToPath(import.meta.resolve('openapi-fetch'))]: 'createClient' },
    gzip: true,
  },
];
