import { describe, expect, it } from 'vitest';
import type { EntitlementStatus } from '../types.js';
import { cancelTarget, isLive, transitionRefusal } from './lifecycle.js';

const ALL: EntitlementStatus[] = [
  'SUBSCRIBED',
  'UNSUBSCRIBED',
  'SUSPENDED',
  'PENDING',
  'ACTIVE',
  'ACTIVE-ENDING',
  'CANCELLED',
  'REVOKED',
];

describe('lifecycle (decision 14)', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = ALL.flatMap((from) =>
      ALL.filter((to) => to !== from && transitionRefusal(from, to) === undefined).map(
        (to) => `${from}->${to}`,
      ),
    ).sort();
    expect(allowed).toEqual(
      [
        'ACTIVE->SUSPENDED',
        'SUSPENDED->ACTIVE',
        'ACTIVE->ACTIVE-ENDING',
        'ACTIVE-ENDING->ACTIVE',
        'PENDING->CANCELLED',
        'ACTIVE->CANCELLED',
        'ACTIVE-ENDING->CANCELLED',
        'SUSPENDED->CANCELLED',
        'PENDING->REVOKED',
        'ACTIVE->REVOKED',
        'ACTIVE-ENDING->REVOKED',
        'SUSPENDED->REVOKED',
      ].sort(),
    );
  });

  it('explains refusals', () => {
    expect(transitionRefusal('PENDING', 'ACTIVE')).toMatch(/only when the user completes activation/);
    expect(transitionRefusal('CANCELLED', 'ACTIVE')).toBe('CANCELLED is a final status');
    expect(transitionRefusal('ACTIVE', 'SUBSCRIBED')).toMatch(/regular RMG status/);
  });

  it('cancel is soft for an ACTIVE entitlement', () => {
    expect(cancelTarget('ACTIVE')).toBe('ACTIVE-ENDING');
    expect(cancelTarget('PENDING')).toBe('CANCELLED');
    expect(cancelTarget('SUSPENDED')).toBe('CANCELLED');
    expect(cancelTarget('REVOKED')).toBeUndefined();
  });

  it('live statuses', () => {
    expect(ALL.filter(isLive)).toEqual(['SUBSCRIBED', 'SUSPENDED', 'PENDING', 'ACTIVE', 'ACTIVE-ENDING']);
  });
});
