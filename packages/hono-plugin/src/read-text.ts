import type { Context } from 'hono';
import { PayloadTooLargeError } from './errors.js';

/**
 * Default largest body the plugin's routes read (the portal's bodies are tiny); override with `maxBodyBytes`.
 *
 * @example
 * crmGatewayRoutes({ resolveAccountId, maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 4 });
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** @internal Reads the body text exactly as received, refusing more than `maxBytes` (413). */
export async function readBodyText(c: Context, maxBytes: number): Promise<string> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const text = await c.req.text();
  // A UTF-16 code unit takes 1 to 3 bytes in UTF-8: encode only when the text could be too large.
  if (
    text.length > maxBytes ||
    (text.length * 3 > maxBytes && new TextEncoder().encode(text).length > maxBytes)
  ) {
    throw new PayloadTooLargeError(maxBytes);
  }
  return text;
}
