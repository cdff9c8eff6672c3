import type { Request } from 'express';
import { PayloadTooLargeError, RawBodyUnavailableError } from './errors.js';

/**
 * Default largest body the plugin's routes read (the portal's bodies are tiny); override with `maxBodyBytes`.
 *
 * @example
 * crmGatewayRoutes({ resolveAccountId, maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 4 });
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads the request body as UTF-8 text exactly as received: a body kept by `express.raw()` / `express.text()`
 * or a `rawBody` Buffer set by a `verify` hook, else the request stream itself. Throws
 * {@link RawBodyUnavailableError} when another parser already consumed the stream.
 * @internal
 */
export async function readRawBody(req: Request, maxBytes: number): Promise<string> {
  const kept: unknown = req.body;
  if (Buffer.isBuffer(kept)) return kept.toString('utf8');
  if (typeof kept === 'string') return kept;
  const rawBody: unknown = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(rawBody)) return rawBody.toString('utf8');
  if (kept !== undefined || req.readableEnded) {
    if (kept === undefined && Number(req.headers['content-length'] ?? 0) === 0) return '';
    throw new RawBodyUnavailableError();
  }
  return readStream(req, maxBytes);
}

function readStream(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(new PayloadTooLargeError(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        cleanup();
        req.resume(); // drain the rest so the connection stays usable
        reject(new PayloadTooLargeError(maxBytes));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
