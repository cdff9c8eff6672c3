import { createNotificationReceiver, type NotificationReceiverOptions } from '@crm-gateway/client';
import type { Request, RequestHandler } from 'express';
import { DEFAULT_MAX_BODY_BYTES, readRawBody } from './raw-body.js';
import { sendPortalResponse } from './send.js';

/**
 * Options of the Express notification receiver: the shared `secret`, your `onNotification(notification, ctx)`
 * handler, an optional `store` of handled event ids (default: in memory), `toleranceSec`, `onError`, and
 * `maxBodyBytes` (default 64 KiB).
 *
 * @example
 * const options: ExpressNotificationReceiverOptions = { secret, onNotification: (n) => save(n) };
 */
export interface ExpressNotificationReceiverOptions extends NotificationReceiverOptions {
  maxBodyBytes?: number;
}

/**
 * `POST` handler for OPF's entitlement notifications. Reads the raw body itself (mount it before
 * `express.json()`, or give its route `express.raw({ type: 'application/json' })`), checks the
 * `x-opf-signature` (401), validates the body (400 naming the field), skips an event already handled (200),
 * and answers 200 only once `onNotification` resolved (500 otherwise, so OPF delivers it again). Does not need
 * {@link crmGateway}.
 *
 * @example
 * app.post('/opf/notifications', notificationReceiver({
 *   secret: process.env.OPF_NOTIFICATION_SECRET!,
 *   onNotification: async (n) => { await db.saveStatus(n.entitlementId, n.status); },
 * }));
 */
export function notificationReceiver(options: ExpressNotificationReceiverOptions): RequestHandler {
  const receive = createNotificationReceiver(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async function crmGatewayNotificationReceiver(req: Request, res) {
    const rawBody = await readRawBody(req, maxBodyBytes);
    const answer = await receive({ rawBody, headers: { get: (name) => req.get(name) ?? null } });
    if (!res.hasHeader('x-correlation-id')) {
      const id = (answer.body as { correlationId?: unknown }).correlationId;
      if (typeof id === 'string') res.setHeader('x-correlation-id', id);
    }
    sendPortalResponse(res, answer);
  };
}
