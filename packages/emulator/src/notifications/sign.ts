import { createHmac } from 'node:crypto';

/**
 * Default HMAC key of the webhook signature.
 *
 * @example
 * signNotification(DEFAULT_NOTIFICATION_SECRET, rawBody);
 */
export const DEFAULT_NOTIFICATION_SECRET = 'emulator-notification-secret';

/**
 * The `x-opf-signature` header value for a raw body: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 *
 * @example
 * const header = signNotification('secret', '{"eventId":"e1"}', 1767225600);
 * // 't=1767225600,v1=…'
 */
export function signNotification(
  secret: string,
  rawBody: string,
  timestampSec = Math.floor(Date.now() / 1000),
): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${rawBody}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}
