import { ValidationError } from '../errors/validation-error.js';

/**
 * What {@link verifyNotificationSignature} checks.
 *
 * @example
 * ```ts
 * const input: VerifyNotificationSignatureInput = {
 *   secret: process.env.OPF_NOTIFICATION_SECRET!,
 *   signatureHeader: req.headers['x-opf-signature'],
 *   rawBody,
 * };
 * ```
 */
export interface VerifyNotificationSignatureInput {
  /** The secret shared with OPF. */
  secret: string;
  /** The `x-opf-signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>` (several `v1` allowed). */
  signatureHeader: string | null | undefined;
  /** The body exactly as received (before any JSON parsing). */
  rawBody: string | Uint8Array | ArrayBuffer;
  /** Largest accepted distance between `t` and now, in seconds. Default 300. */
  toleranceSec?: number;
  /** The current time: a `Date`, or a number of milliseconds (a number below 10^11 is read as seconds). */
  now?: Date | number;
}

const encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/**
 * Checks the `x-opf-signature` of a notification OPF sent: HMAC-SHA256 keyed with the shared secret over
 * `"<t>.<raw body>"`, compared in constant time (Web Crypto `verify`), with `t` within `toleranceSec` of now.
 * Resolves `false` for a missing, malformed, wrong or too old signature; never throws for bad input from the
 * network (only a missing `secret` is a `ValidationError`). Runs wherever Web Crypto exists (Node, Bun, Deno,
 * Workers).
 *
 * @example
 * ```ts
 * import { verifyNotificationSignature } from '@crm-gateway/client';
 *
 * const ok = await verifyNotificationSignature({
 *   secret: process.env.OPF_NOTIFICATION_SECRET!,
 *   signatureHeader: request.headers.get('x-opf-signature'),
 *   rawBody: await request.text(),
 * });
 * if (!ok) return new Response('invalid signature', { status: 401 });
 * ```
 */
export async function verifyNotificationSignature(input: VerifyNotificationSignatureInput): Promise<boolean> {
  if (typeof input !== 'object' || input === null) throw new ValidationError('input', 'must be an object');
  const { secret, signatureHeader, rawBody } = input;
  if (typeof secret !== 'string' || secret.length === 0)
    throw new ValidationError('secret', 'must be a non-empty string');
  const toleranceSec = input.toleranceSec ?? 300;
  if (typeof toleranceSec !== 'number' || !Number.isFinite(toleranceSec) || toleranceSec < 0) {
    throw new ValidationError('toleranceSec', 'must be a number of seconds >= 0');
  }
  const parsed = parseSignatureHeader(signatureHeader);
  if (!parsed) return false;
  const nowSec = toUnixSeconds(input.now);
  if (Math.abs(nowSec - parsed.timestamp) > toleranceSec) return false;
  const body = toBytes(rawBody);
  if (!body) return false;
  const prefix = encode(`${parsed.timestampText}.`);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix, 0);
  message.set(body, prefix.length);
  const key = await crypto.subtle.importKey('raw', encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  let valid = false;
  for (const signature of parsed.signatures) {
    // Web Crypto's verify compares in constant time; every candidate is checked.
    if (await crypto.subtle.verify('HMAC', key, signature, message)) valid = true;
  }
  return valid;
}

/**
 * Builds an `x-opf-signature` header value the way OPF does (for tests and for emulating OPF).
 *
 * @example
 * ```ts
 * import { signNotification } from '@crm-gateway/client';
 * const header = await signNotification({ secret: 'shared', rawBody: JSON.stringify(event) });
 * await fetch(portalUrl, { method: 'POST', headers: { 'x-opf-signature': header }, body: JSON.stringify(event) });
 * ```
 */
export async function signNotification(input: {
  secret: string;
  rawBody: string | Uint8Array | ArrayBuffer;
  timestamp?: number;
}): Promise<string> {
  if (typeof input?.secret !== 'string' || input.secret.length === 0) {
    throw new ValidationError('secret', 'must be a non-empty string');
  }
  const body = toBytes(input.rawBody);
  if (!body) throw new ValidationError('rawBody', 'must be a string, Uint8Array or ArrayBuffer');
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const prefix = encode(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix, 0);
  message.set(body, prefix.length);
  const key = await crypto.subtle.importKey(
    'raw',
    encode(input.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return `t=${timestamp},v1=${hex}`;
}

interface ParsedSignature {
  timestamp: number;
  timestampText: string;
  signatures: Uint8Array<ArrayBuffer>[];
}

function parseSignatureHeader(header: string | null | undefined): ParsedSignature | undefined {
  if (typeof header !== 'string' || header.length === 0 || header.length > 4096) return undefined;
  let timestampText: string | undefined;
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(',')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name === 't') {
      if (timestampText !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      timestampText = value;
    } else if (name === 'v1') {
      const bytes = hexToBytes(value);
      if (bytes) signatures.push(bytes);
    }
  }
  if (timestampText === undefined || signatures.length === 0) return undefined;
  return { timestamp: Number(timestampText), timestampText, signatures };
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length !== 64 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function toBytes(body: string | Uint8Array | ArrayBuffer): Uint8Array | undefined {
  if (typeof body === 'string') return encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return undefined;
}

function toUnixSeconds(now: Date | number | undefined): number {
  if (now === undefined) return Date.now() / 1000;
  if (now instanceof Date) return now.getTime() / 1000;
  return now < 1e11 ? now : now / 1000;
}
