/** What an attempt rejects with when its own timer fires first. */
export const ATTEMPT_TIMEOUT = { timeout: true };

/** What an attempt rejects with when Node's own `fetch` refused to follow a redirect (its status is not known). */
export const REDIRECTED = { redirected: true };

/** Where Node's own `fetch` (undici) finds the dispatcher it sends through. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** How long after the attempt's timer undici's own timeouts close a connection that has not answered. */
const CLOSE_GRACE_MS = 1_000;

/** The part of undici's dispatcher an attempt uses (`isMockActive`: a test's `MockAgent` is installed). */
interface Dispatcher {
  dispatch(options: object, handler: object): boolean;
  isMockActive?: boolean;
}

/**
 * One attempt: `fetch`, then the answer's text, within `ms` (else it rejects with {@link ATTEMPT_TIMEOUT} when the
 * timer fires). The caller's `signal` ends it at once, and no redirect is followed. With Node's own `fetch`
 * (`nodeFetch`, once it has made its dispatcher), two costs undici adds to every request are spared:
 * - the attempt carries no `AbortSignal` (undici ties each one to its request): a timed-out attempt's connection
 *   is closed by undici's own headers and body timeouts, a second after the attempt's timer;
 * - it is sent with `redirect: 'error'` (with `'manual'` or `'follow'` undici copies the request and its body
 *   stream before sending it): a redirect rejects with {@link REDIRECTED}.
 *
 * With any other `fetch`, the attempt's own `AbortController` cancels it and a redirect is the 3xx answer itself
 * (`redirect: 'manual'`).
 */
export function sendAttempt(
  fetch: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  ms: number,
  signal: AbortSignal | undefined,
  nodeFetch: boolean,
): Promise<[Response, string]> {
  const undici = nodeFetch
    ? ((globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as Dispatcher | undefined)
    : undefined;
  const controller = undici ? undefined : new AbortController();
  const onAbort = (): void => controller!.abort();
  if (controller) {
    signal?.addEventListener('abort', onAbort);
    Object.assign(init, { signal: controller.signal, redirect: 'manual' });
  } else {
    const timeout = ms + CLOSE_GRACE_MS;
    const dispatcher: Dispatcher = {
      // `options` is made by fetch for this request alone: set on it, not copied (a copy costs more than the rest).
      dispatch: (options, handler) =>
        undici!.dispatch(Object.assign(options, { headersTimeout: timeout, bodyTimeout: timeout }), handler),
      // fetch hands a `MockAgent` the body as given (so its body matchers still match) only when it says so.
      isMockActive: undici!.isMockActive,
    };
    Object.assign(init, { dispatcher, signal, redirect: 'error' });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(ATTEMPT_TIMEOUT);
      controller?.abort(ATTEMPT_TIMEOUT);
    }, ms);
    fetch(url, init)
      .then((response) => response.text().then((text): [Response, string] => [response, text]))
      .then(resolve, (error: { cause?: { message?: unknown } }) =>
        reject(error?.cause?.message === 'unexpected redirect' ? REDIRECTED : error),
      )
      .finally(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      });
  });
}
