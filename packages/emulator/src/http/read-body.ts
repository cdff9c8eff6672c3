import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

/** The largest request body the token endpoint and the gateway routes read: 64 KiB. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * A request body over its limit. The read stopped there: the rest is never buffered. (After the 413 answer the
 * server discards what is still in flight, at most 64 MiB or 500 ms, then closes the connection, so the client can
 * read the answer instead of a reset.)
 *
 * @example
 * if (error instanceof BodyTooLargeError) return c.json({ error: 'invalid_request' }, 413);
 */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the request body as UTF-8 text, at most `limit` bytes: a `content-length` over the limit is refused before
 * reading, a body within its declared length is read whole, and a chunked body is counted while it streams and the read is abandoned at the first byte over the
 * limit (throws {@link BodyTooLargeError}). The stream is not cancelled: that would destroy the socket before
 * the 413 is written.
 *
 * @example
 * const form = new URLSearchParams(await readBodyText(c));
 */
export async function readBodyText(c: Context<AppEnv>, limit = BODY_LIMIT_BYTES): Promise<string> {
  const tooLarge = (): never => {
    throw new BodyTooLargeError(limit);
  };
  const declared = c.req.header('content-length');
  if (Number(declared) > limit) tooLarge();
  // Within its declared length the body cannot be longer (HTTP framing): `text()` reads it on node-server's fast
  // path, with no web stream built for it. Only a chunked body is counted as it streams.
  if (declared !== undefined) return c.req.text();
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) tooLarge();
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
