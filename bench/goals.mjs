// Every goal `pnpm bench` checks its figures against (DESIGN.md's quality bars), in one place; the client bundle
// budget is the limit of the size-limit check that `pnpm test` runs, so it is set in ./.size-limit.mjs and read here.
// `kind: 'correctness'` figures make `pnpm bench` exit non-zero when they miss; the others are reported.

import { CLIENT_BUNDLE_GZIP_BUDGET } from './.size-limit.mjs';

export const GOALS = {
  clientOverheadRatio: { max: 1.05, kind: 'performance' },
  openapiFetchOverheadRatio: { kind: 'peer' },
  clientVsOpenapiFetchRatio: { max: 1, kind: 'performance' },
  // What following no redirect saves a raw fetch (undici copies a request it may have to redirect, body stream and
  // all; the client sends `redirect: 'error'` on Node), and the client over that cheapest fetch of the same request:
  // reported beside clientOverheadRatio (DESIGN.md's bar, against the default raw fetch) so what the redirect mode
  // saves and what the client's own work costs read apart.
  noRedirectFetchOverheadRatio: { kind: 'reported' },
  clientVsNoRedirectFetchRatio: { kind: 'reported' },
  tokenRequestsFor1000ConcurrentCalls: { equals: 1, kind: 'correctness' },
  redisFleetTokenRequestsFor3Clients: { equals: 1, kind: 'correctness' },
  expressPluginThroughputRatio: { min: 0.95, kind: 'performance' },
  honoPluginThroughputRatio: { min: 0.95, kind: 'performance' },
  emulatorPurchasesPerSecond: { kind: 'reported' },
  emulatorP99Ms: { kind: 'reported' },
  emulatorVsPrismThroughputRatio: { min: 2, kind: 'performance' },
  receiverNotificationsPerSecond: { kind: 'reported' },
  clientBundleGzipBytes: { max: CLIENT_BUNDLE_GZIP_BUDGET, kind: 'performance' },
  // "Near 0": under 26 bytes a call; a leak of one small object per call (~100 B) is 1 MB per 10,000.
  heapGrowthBytesPer10kCalls: { max: 256 * 1024, kind: 'performance' },
  soakDuplicates: { equals: 0, kind: 'correctness' },
  soakLost: { equals: 0, kind: 'correctness' },
  soakUnresolved: { equals: 0, kind: 'correctness' },
};
