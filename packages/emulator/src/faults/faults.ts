import { OPERATION_IDS, type OperationId } from '../gateway/spec-constants.js';
import type { FaultRule, Faults } from './fault-types.js';

/**
 * Checks faults given by option, `setFaults` or the admin API; returns the issues naming each bad field
 * (e.g. `faults.listEntitlements.status must be an HTTP status 100-599`).
 *
 * @example
 * validateFaults({ createThirdPartyEntitlement: { status: 503, retryAfterSec: 2 } }); // []
 */
export function validateFaults(input: unknown): string[] {
  const issues: string[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return ['faults must be an object'];
  for (const [operationId, rule] of Object.entries(input as Record<string, unknown>)) {
    const path = `faults.${operationId}`;
    if (!(OPERATION_IDS as readonly string[]).includes(operationId)) {
      issues.push(`${path} is not an operationId (use one of ${OPERATION_IDS.join(', ')})`);
      continue;
    }
    if (!rule || typeof rule !== 'object' || Array.isArray(rule)) {
      issues.push(`${path} must be an object`);
      continue;
    }
    const r = rule as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      if (!['latencyMs', 'status', 'retryAfterSec', 'body', 'reset', 'times', 'probability'].includes(key)) {
        issues.push(`${path}.${key} is not a known field`);
      }
    }
    const nonNegative = (key: string) => {
      const value = r[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
        issues.push(`${path}.${key} must be a non-negative number`);
      }
    };
    nonNegative('latencyMs');
    nonNegative('retryAfterSec');
    if (
      r.status !== undefined &&
      (!Number.isInteger(r.status) || (r.status as number) < 100 || (r.status as number) > 599)
    ) {
      issues.push(`${path}.status must be an HTTP status 100-599`);
    }
    if (r.body !== undefined && r.body !== 'json' && r.body !== 'text') {
      issues.push(`${path}.body must be "json" or "text"`);
    }
    if (r.reset !== undefined && r.reset !== 'before-commit' && r.reset !== 'after-commit') {
      issues.push(`${path}.reset must be "before-commit" or "after-commit"`);
    }
    if (r.times !== undefined && (!Number.isInteger(r.times) || (r.times as number) < 1)) {
      issues.push(`${path}.times must be a positive integer`);
    }
    if (
      r.probability !== undefined &&
      (typeof r.probability !== 'number' || !(r.probability >= 0 && r.probability <= 1))
    ) {
      issues.push(`${path}.probability must be a number from 0 to 1`);
    }
  }
  return issues;
}

/**
 * The faults in force. `take(operationId)` picks the rule for one request (counting down `times`, rolling
 * `probability`).
 *
 * @example
 * const faults = new FaultController(); faults.set({ listEntitlements: { status: 503, times: 1 } });
 */
export class FaultController {
  private rules = new Map<OperationId, FaultRule & { remaining?: number }>();

  /** Replaces the faults in force (throws `TypeError` on invalid faults). */
  set(faults: Faults): void {
    const issues = validateFaults(faults);
    if (issues.length > 0) throw new TypeError(`Invalid faults: ${issues.join('; ')}`);
    this.rules = new Map();
    for (const [operationId, rule] of Object.entries(faults) as [OperationId, FaultRule][]) {
      this.rules.set(operationId, {
        ...rule,
        ...(rule.times !== undefined ? { remaining: rule.times } : {}),
      });
    }
  }

  /** Removes every fault. */
  clear(): void {
    this.rules.clear();
  }

  /** The rules in force (remaining `times` shown as `times`). */
  current(): Faults {
    const out: Faults = {};
    for (const [operationId, { remaining, ...rule }] of this.rules) {
      out[operationId] = { ...rule, ...(remaining !== undefined ? { times: remaining } : {}) };
    }
    return out;
  }

  /** The rule to apply to one request of `operationId`, if any (counts it against `times`). */
  take(operationId: OperationId): FaultRule | undefined {
    const rule = this.rules.get(operationId);
    if (!rule) return undefined;
    if (rule.remaining !== undefined && rule.remaining <= 0) return undefined;
    if (rule.probability !== undefined && Math.random() >= rule.probability) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.delete(operationId);
    }
    const { remaining: _r, ...applied } = rule;
    return applied;
  }
}
