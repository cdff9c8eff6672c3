/**
 * Whether this code runs on Cloudflare Workers (or a runtime that identifies as it), where a promise created
 * while serving one request must not be awaited by another.
 *
 * @example
 * const share = !isWorkersRuntime();
 */
export function isWorkersRuntime(): boolean {
  return globalThis.navigator?.userAgent === 'Cloudflare-Workers';
}

/** What the client reads of Node's `process`, on a runtime that may have none. */
type NodeLike = { process?: { versions?: Record<string, string | undefined> } };

/**
 * Whether the runtime's own `fetch` is undici's, as on Node (which names undici's version in `process.versions`);
 * read with a guard, so it is simply false where there is no `process`.
 *
 * @example
 * const nodeFetch = options.fetch === undefined && hasUndiciFetch();
 */
export function hasUndiciFetch(): boolean {
  return !!(globalThis as NodeLike).process?.versions?.['undici'];
}
