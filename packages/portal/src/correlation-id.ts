import { isCorrelationId, newCorrelationId } from '@crm-gateway/client';

/**
 * Keeps an incoming `x-correlation-id` when it is sane (the spec's header-token rule, the client's
 * `isCorrelationId`: 1–128 printable ASCII characters, no spaces or control characters) and otherwise returns a new random UUID, so every request has an id that is safe to
 * send to OPF and to echo back.
 *
 * @example
 * normalizeCorrelationId('order-42'); // 'order-42'
 * normalizeCorrelationId('bad id\r\n'); // e.g. '0b6f6c52-8a1f-4c43-a8f1-3b8c2d1e9f10'
 */
export function normalizeCorrelationId(value: string | null | undefined): string {
  return isCorrelationId(value) ? value : newCorrelationId();
}
