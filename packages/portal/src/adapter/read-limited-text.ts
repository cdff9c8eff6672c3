import { PayloadTooLargeError } from '../errors/payload-too-large-error.js';

/**
 * Default largest request body the plugins read (the portal's bodies are tiny); override with `maxBodyBytes`.
 *
 * @example
 * crmGatewayRouter({ resolveAccountId, maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 4 });
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a Web `ReadableStream` body as UTF-8 text, counting bytes as they arrive: more than `maxBytes` (declared
 * by `content-length` or received) cancels the stream and throws {@link PayloadTooLargeError}, so an oversized
 * upload is never held in memory. Web-standard (Node, Bun, Workers).
 *
 * @example
 * const text = await readLimitedText(request.body, request.headers.get('content-length'), 64 * 1024);
 */
export async function readLimitedText(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null | undefined,
  maxBytes: number,
): Promise<string> {
  const declared = Number(contentLength);
  if (contentLength != null && Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw new PayloadTooLargeError(maxBytes);
  }
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
