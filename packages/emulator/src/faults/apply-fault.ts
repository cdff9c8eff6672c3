import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { FaultController } from './faults.js';
import type { OperationId } from '../gateway/spec-constants.js';
import type { FaultRule } from './fault-types.js';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Destroys the request's socket so the client sees a connection error (no HTTP answer).
 *
 * @example
 * return destroySocket(c);
 */
export function destroySocket(c: Context<AppEnv>): Response {
  c.env?.incoming?.socket?.destroy();
  return new Response(null, { status: 500 });
}

/**
 * Runs `handle` under the fault rule in force for `operationId`: latency first, then a reset before handling,
 * an injected status (answered by `faultResponse`), or a reset after handling (the change is stored, the client
 * gets no answer).
 *
 * @example
 * return withFault(c, faults, 'listEntitlements', () => handle(c), (rule) => c.json({}, 503));
 */
export async function withFault(
  c: Context<AppEnv>,
  faults: FaultController,
  operationId: OperationId,
  handle: () => Promise<Response>,
  faultResponse: (rule: FaultRule & { status: number }) => Response,
): Promise<Response> {
  const rule = faults.take(operationId);
  if (!rule) return handle();
  if (rule.latencyMs) await sleep(rule.latencyMs);
  if (rule.reset === 'before-commit') {
    c.set('fault', 'reset-before-commit');
    return destroySocket(c);
  }
  if (rule.status !== undefined) {
    c.set('fault', `status-${rule.status}`);
    const response =
      rule.body === 'text'
        ? new Response(rule.status === 503 ? 'no healthy upstream' : `HTTP ${rule.status}`, {
            status: rule.status,
            headers: { 'content-type': 'text/plain' },
          })
        : faultResponse({ ...rule, status: rule.status });
    if (rule.retryAfterSec !== undefined)
      response.headers.set('retry-after', String(Math.ceil(rule.retryAfterSec)));
    return response;
  }
  if (rule.latencyMs) c.set('fault', `latency-${rule.latencyMs}`);
  const response = await handle();
  if (rule.reset === 'after-commit') {
    c.set('fault', 'reset-after-commit');
    return destroySocket(c);
  }
  return response;
}
