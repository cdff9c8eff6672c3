import { createNotificationReceiver, type NotificationReceiverOptions } from '@crm-gateway/client';
import type { Handler } from 'hono';
import { getCorrelationId } from './middleware.js';
import { DEFAULT_MAX_BODY_BYTES, readBodyText } from './read-text.js';
import { sendPortalResponse } from './send.js';

/**
 * Options of the Hono notification receiver: the shared `secret`, your `onNotification(notification, ctx)`
 * handler, an optional `store` of handled event ids (default: in memory), `toleranceSec`, `onError`, and
 * `maxBodyBytes` (default 64 KiB).
 *
 * @example
 * const options: HonoNotificationReceiverOptions = { secret: c.env.OPF_SECRET, onNotification: (n) => save(n) };
 */
export interface HonoNotificationReceiverOptions extends NotificationReceiverOptions {
  maxBodyBytes?: number;
}

/**
 * `POST` handler for OPF's entitlement notifications: reads the raw body with `c.req.text()`, checks the
 * `x-opf-signature` (401), validates the body (400 naming the field), skips an event already handled (200),
 * and answers 200 only once `onNotification` resolved (500 otherwise, so OPF delivers it again). On Workers,
 * pass a shared `store` (e.g. KV): each isolate has its own memory. Does not need {@link crmGateway}.
 *
 * @example
 * app.post('/opf/notifications', notificationReceiver({
 *   secret: 'shared-with-opf',
 *   onNotification: async (n) => { await db.saveStatus(n.entitlementId, n.status); },
 * }));
 */
export function notificationReceiver(options: HonoNotificationReceiverOptions): Handler {
  const receive = createNotificationReceiver(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async function crmGatewayNotificationReceiver(c) {
    const rawBody = await readBodyText(c, maxBodyBytes);
    const answer = await receive({ rawBody, headers: c.req.raw.headers });
    const id = (answer.body as { correlationId?: unknown }).correlationId;
    if (typeof id === 'string' && getCorrelationId(c) === undefined) {
      c.header('x-correlation-id', id);
    }
    return sendPortalResponse(c, answer);
  };
}
