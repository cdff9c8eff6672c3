import { verifyNotificationSignature } from '@crm-gateway/client';
import { normalizeCorrelationId } from '../correlation-id.js';
import { InvalidJsonBodyError, parseJsonBody } from '../json-body.js';
import { portalError, type PortalResponse } from '../portal-response.js';
import {
  createMemoryNotificationStore,
  type NotificationClaim,
  type NotificationStore,
} from './notification-store.js';
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
  /**
   * The HMAC secret agreed with OPF, or a list of them while the secret is rotated (a delivery signed with any
   * of them is accepted: add the new secret, switch OPF to it, then drop the old one).
   */
  secret: string | readonly string[];
  onNotification: NotificationHandler;
  /**
   * Where handled event ids are claimed and remembered; default an in-memory store per receiver (one instance
   * only). Several instances share one, e.g. `createRedisNotificationStore()` from `@crm-gateway/redis`.
   */
  store?: NotificationStore;
  /** How long a delivery may hold its claim on an event while the handler runs, in ms (default 60 000). */
  leaseMs?: number;
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

/** Default lease of a claim while the handler runs. */
const DEFAULT_LEASE_MS = 60_000;

let defaultStore: NotificationStore | undefined;

/**
 * Handles one delivery of OPF's entitlement notification: checks the signature (timing-safe; 401 if missing,
 * wrong or too old), validates the body (400 naming the field), then claims the event in the store: an event
 * already handled is answered 200 without calling the handler; one another delivery is handling right now 409
 * with `retry-after` (OPF retries); a store that cannot be reached 503 with `retry-after` (nothing is handled).
 * A claimed event runs the handler and is answered 200 once it resolved and the event is marked handled, or 500
 * if it failed (the claim is released, so OPF's retry runs it again). Without `store`, a process-wide in-memory
 * store is used; prefer {@link createNotificationReceiver}, which keeps one store per receiver.
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
  const checked = await checkDelivery(input, correlationId);
  if ('status' in checked) return checked;
  const { notification } = checked;
  const context: NotificationContext = {
    eventId: notification.eventId,
    correlationId,
    tenantId: input.headers.get('nv-tenant-id') ?? undefined,
  };
  let claim: NotificationClaim;
  try {
    claim = await store.claim(notification.eventId, input.leaseMs ?? DEFAULT_LEASE_MS);
  } catch (error) {
    report(input, error, context);
    return retryLater(
      503,
      'NOTIFICATION_STORE_UNAVAILABLE',
      'The portal cannot take the event now.',
      correlationId,
    );
  }
  if (claim === 'handled') return handled(correlationId, true);
  if (claim === 'busy') {
    return retryLater(
      409,
      'NOTIFICATION_IN_PROGRESS',
      'This event is being handled; retry later.',
      correlationId,
    );
  }
  return runClaimed(input, store, notification, context);
}

/** The signed, valid notification of a delivery, or the answer refusing it (401, 400 naming the field). */
async function checkDelivery(
  input: NotificationDelivery & NotificationReceiverOptions,
  correlationId: string,
): Promise<{ notification: EntitlementChangeNotification } | PortalResponse> {
  if (!(await isSignedBy(input, input.headers.get(NOTIFICATION_SIGNATURE_HEADER)))) {
    const message = 'The notification signature is missing, wrong or too old.';
    return portalError(401, 'INVALID_SIGNATURE', message, correlationId);
  }
  let parsed: unknown;
  try {
    parsed = parseJsonBody(input.rawBody);
  } catch (error) {
    if (!(error instanceof InvalidJsonBodyError)) throw error;
    return portalError(400, 'INVALID_NOTIFICATION', error.message, correlationId, 'body');
  }
  const checked = validateNotification(parsed);
  if (!('field' in checked)) return checked;
  const message = `${checked.field} ${checked.message}.`;
  return portalError(400, 'INVALID_NOTIFICATION', message, correlationId, checked.field);
}

/**
 * Runs the handler for a claimed event: 200 once it resolved (the event completed), 500 if it failed (the claim
 * released, so OPF's retry runs it again, on any instance).
 */
async function runClaimed(
  input: NotificationReceiverOptions,
  store: NotificationStore,
  notification: EntitlementChangeNotification,
  context: NotificationContext,
): Promise<PortalResponse> {
  try {
    await input.onNotification(notification, context);
  } catch (error) {
    report(input, error, context);
    try {
      await store.release(context.eventId);
    } catch (releaseError) {
      // The lease expires by itself; OPF's retry claims the event then.
      report(input, releaseError, context);
    }
    const message = 'The notification could not be handled; deliver it again later.';
    return portalError(500, 'NOTIFICATION_HANDLER_FAILED', message, context.correlationId);
  }
  try {
    await store.complete(context.eventId);
  } catch (error) {
    // The effect happened: answering 500 would make OPF run it again. Report, and accept the delivery.
    report(input, error, context);
  }
  return handled(context.correlationId, false);
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
  const secrets: unknown[] = Array.isArray(options.secret) ? options.secret : [options.secret];
  if (secrets.length === 0 || !secrets.every((secret) => typeof secret === 'string' && secret !== '')) {
    throw new TypeError(
      'notificationReceiver(options): secret must be a non-empty string or a non-empty list of them.',
    );
  }
  const { leaseMs } = options;
  if (leaseMs !== undefined && !(Number.isInteger(leaseMs) && leaseMs > 0)) {
    throw new TypeError('notificationReceiver(options): leaseMs must be a positive integer (ms).');
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
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  for (const secret of secrets) {
    try {
      const valid = await verifyNotificationSignature({
        secret,
        signatureHeader: header,
        rawBody: input.rawBody,
        toleranceSec: input.toleranceSec ?? 300,
      });
      if (valid) return true;
    } catch {
      // A malformed header or secret is not a valid signature.
    }
  }
  return false;
}

function retryLater(
  status: 409 | 503,
  code: 'NOTIFICATION_IN_PROGRESS' | 'NOTIFICATION_STORE_UNAVAILABLE',
  message: string,
  correlationId: string,
): PortalResponse {
  return { ...portalError(status, code, message, correlationId), headers: { 'retry-after': '1' } };
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
