import { describe, expect, it } from 'vitest';
import { FLEET_PHASES, runFleet } from './fleet-run.js';

describe('a fleet of portal instances behind a load balancer (reduced run; `pnpm soak` runs 20,000)', () => {
  it('buys every intent exactly once and handles every notification exactly once, under faults', async () => {
    const report = await runFleet({
      purchases: 300,
      accounts: 12,
      concurrency: 6,
      phases: FLEET_PHASES,
      handlerFailureRate: 0.2,
      notificationDuplicates: 0.3,
    });
    expect(report).toMatchObject({
      purchases: 300,
      duplicates: 0,
      lost: 0,
      unresolved: 0,
      handledTwice: 0,
      notHandled: 0,
    });
    // The faults did bite: users retried, OPF sent copies, every instance took traffic.
    expect(report.userRetries).toBeGreaterThan(0);
    expect(report.notificationCopies).toBeGreaterThan(0);
    for (const count of report.forwarded) expect(count).toBeGreaterThan(0);
  }, 180_000);
});
