import type { OperationId } from '../gateway/spec-constants.js';

/**
 * One injected fault; see the README's "Faults" section.
 *
 * @example
 * const rule: FaultRule = { status: 503, retryAfterSec: 2, times: 1 };
 */
export interface FaultRule {
  /** Delay before answering. */
  latencyMs?: number;
  /** Answer this status (e.g. 503) instead of handling the request. */
  status?: number;
  /** With `status`: send `Retry-After` with this many seconds. */
  retryAfterSec?: number;
  /**
   * With `status`: the answer's body. `'json'` (default): OPF's error body. `'text'`: plain text as SSP's front
   * end answers (`no healthy upstream` for 503).
   */
  body?: 'json' | 'text';
  /** Destroy the socket before handling, or after the change is stored. */
  reset?: 'before-commit' | 'after-commit';
  /** Apply to the next N matching requests only (default: all). */
  times?: number;
  /** 0..1, default 1. */
  probability?: number;
}

/**
 * Faults by operationId (`getAccessToken` = token endpoint outage).
 *
 * @example
 * const faults: Faults = { createThirdPartyEntitlement: { reset: 'after-commit', times: 1 } };
 */
export type Faults = Partial<Record<OperationId, FaultRule>>;
