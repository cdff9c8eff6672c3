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

async function readStream(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) throw new PayloadTooLargeError(maxBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
