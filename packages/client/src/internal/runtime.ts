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
