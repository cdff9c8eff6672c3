import { verifyNotificationSignature } from '@crm-gateway/client';
import { normalizeCorrelationId } from '../correlation-id.js';
import { InvalidJsonBodyError, parseJsonBody } from '../json-body.js';
import { portalError, type PortalResponse } from '../portal-response.js';
import { createMemoryNotificationStore, type NotificationStore } from './notification-store.js';
import { validateNotification, type EntitlementChangeNotification } from './validate-notification.js';

/**
 * Header carrying OPF's body signature: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 *
 * @example
 * const signature = request.headers.get(NOTIFICATION_SIGNATURE_HEADER);
 */
export const NOTIFICATION_SIGNATURE_HEADER = 'x-opf-signature';

/**
 * What the portal's handler learns besides the notification itself.
 *
 * @example
 * const onNotification: NotificationHandler = (n, ctx) => log.info('entitlement changed', { ...ctx, status: n.status });
 */
export interface NotificationContext {
  eventId: string;
  /** The delivery's `x-correlation-id` (OPF's id of the change), or a new one. */
  correlationId: string;
  /** The delivery's `nv-tenant-id` header, if any. */
  tenantId: string | undefined;
}

/**
 * The portal's reaction to an entitlement change. The delivery is answered 200 only after it resolved; when it
 * throws, the answer is 500 and OPF delivers the event again.
 *
 * @example
 * const onNotification: NotificationHandler = async (n) => { await db.entitlements.update(n.entitlementId, n.status); };
 */
export type NotificationHandler = (
  notification: EntitlementChangeNotification,
  context: NotificationContext,
) => Promise<void> | void;

/**
 * Options of a notification receiver.
 *
 * @example
 * const options: NotificationReceiverOptions = { secret: process.env.OPF_NOTIFICATION_SECRET!, onNotification };
 */
export interface NotificationReceiverOptions {
  /** The HMAC secret agreed with OPF. */
  secret: string;
  onNotification: NotificationHandler;
  /** Where handled event ids are remembered; default an in-memory store per receiver. */
  store?: NotificationStore;
  /** Oldest accepted signature, in seconds (default 300). */
  toleranceSec?: number;
  /** Called when the handler or the store fails (for the portal's logs). */
  onError?: (error: unknown, context: NotificationContext) => void;
}

/**
 * One delivery as a plugin hands it over: the raw body text (exactly as received: the signature covers it)
 * and the request headers.
 *
 * @example
 * const delivery: NotificationDelivery = { rawBody: await c.req.text(), headers: c.req.raw.headers };
 */
export interface NotificationDelivery {
  rawBody: string;
  headers: { get(name: string): string | null };
}

/** Event ids being handled right now, per store (plain strings: nothing is shared across requests but ids). */
const inFlightByStore = new WeakMap<NotificationStore, Set<string>>();

let defaultStore: NotificationStore | undefined;

/**
 * Handles one delivery of OPF's entitlement notification: checks the signature (timing-safe; 401 if missing,
 * wrong or too old), validates the body (400 naming the field), answers 200 without calling the handler for
 * an event already handled, answers 409 (OPF retries) while the same event is being handled by another
 * delivery, else calls the handler and answers 200 once it resolved, or 500 if it failed (the event is then
 * not marked handled, so OPF's retry runs it again). Without `store`, a process-wide in-memory store is used;
 * prefer {@link createNotificationReceiver}, which keeps one store per receiver.
 *
 * @example
 * const answer = await receiveNotification({ rawBody, headers: request.headers, secret, onNotification });
 * return new Response(JSON.stringify(answer.body), { status: answer.status });
 */
export async function receiveNotification(
  input: NotificationDelivery & NotificationReceiverOptions,
): Promise<PortalResponse> {
  const store = input.store ?? (defaultStore ??= createMemoryNotificationStore());
  const correlationId = normalizeCorrelationId(input.headers.get('x-correlation-id'));
  const signatureHeader = input.headers.get(NOTIFICATION_SIGNATURE_HEADER);
  if (!(await isSignedBy(input, signatureHeader))) {
    return portalError(
      401,
      'INVALID_SIGNATURE',
      'The notification signature is missing, wrong or too old.',
      correlationId,
    );
  }

  let parsed: unknown;
  try {
    parsed = parseJsonBody(input.rawBody);
  } catch (error) {
    if (!(error instanceof InvalidJsonBodyError)) throw error;
    return portalError(400, 'INVALID_NOTIFICATION', error.message, correlationId, 'body');
  }
  const checked = validateNotification(parsed);
  if ('field' in checked) {
    return portalError(
      400,
      'INVALID_NOTIFICATION',
      `${checked.field} ${checked.message}.`,
      correlationId,
      checked.field,
    );
  }
  const { notification } = checked;
  const { eventId } = notification;
  const context: NotificationContext = {
    eventId,
    correlationId,
    tenantId: input.headers.get('nv-tenant-id') ?? undefined,
  };

  // Claim the event synchronously (no await between the check and the add), so two concurrent deliveries of
  // the same event cannot both run the handler.
  let inFlight = inFlightByStore.get(store);
  if (inFlight === undefined) inFlightByStore.set(store, (inFlight = new Set()));
  if (inFlight.has(eventId)) {
    return {
      ...portalError(
        409,
        'NOTIFICATION_IN_PROGRESS',
        'This event is being handled; retry later.',
        correlationId,
      ),
      headers: { 'retry-after': '1' },
    };
  }
  inFlight.add(eventId);
  try {
    if (await store.has(eventId)) return handled(correlationId, true);
    try {
      await input.onNotification(notification, context);
    } catch (error) {
      report(input, error, context);
      return portalError(
        500,
        'NOTIFICATION_HANDLER_FAILED',
        'The notification could not be handled; deliver it again later.',
        correlationId,
      );
    }
    try {
      await store.markHandled(eventId);
    } catch (error) {
      // The effect happened: answering 500 would make OPF run it again. Report, and accept the delivery.
      report(input, error, context);
    }
    return handled(correlationId, false);
  } finally {
    inFlight.delete(eventId);
  }
}

/**
 * Creates a receiver with its own in-memory store (unless one is given): the core of each plugin's
 * `notificationReceiver(options)`. Options are checked once, here.
 *
 * @example
 * const receive = createNotificationReceiver({ secret, onNotification: (n) => save(n) });
 * const answer = await receive({ rawBody, headers });
 */
export function createNotificationReceiver(
  options: NotificationReceiverOptions,
): (delivery: NotificationDelivery) => Promise<PortalResponse> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('notificationReceiver(options): options must be an object.');
  }
  if (typeof options.secret !== 'string' || options.secret === '') {
    throw new TypeError('notificationReceiver(options): secret must be a non-empty string.');
  }
  if (typeof options.onNotification !== 'function') {
    throw new TypeError('notificationReceiver(options): onNotification must be a function.');
  }
  const settings: NotificationReceiverOptions = {
    ...options,
    store: options.store ?? createMemoryNotificationStore(),
  };
  return (delivery) =>
    receiveNotification({ ...settings, rawBody: delivery.rawBody, headers: delivery.headers });
}

async function isSignedBy(
  input: NotificationReceiverOptions & NotificationDelivery,
  header: string | null,
): Promise<boolean> {
  if (header === null || header === '') return false;
  try {
    return await verifyNotificationSignature({
      secret: input.secret,
      signatureHeader: header,
      rawBody: input.rawBody,
      toleranceSec: input.toleranceSec ?? 300,
    });
  } catch {
    return false;
  }
}

function handled(correlationId: string, duplicate: boolean): PortalResponse {
  return {
    status: 200,
    body: duplicate ? { received: true, duplicate: true, correlationId } : { received: true, correlationId },
  };
}

function report(options: NotificationReceiverOptions, error: unknown, context: NotificationContext): void {
  try {
    options.onError?.(error, context);
  } catch {
    // A failing logger must not change the answer.
  }
}
