/**
 * `pnpm soak`: the fleet run at full size (20,000 purchases by default; `SOAK_PURCHASES` to change it), loopback only
 * and bounded in count and time. Prints one line with the reconciliation and fails on any mismatch.
 */
import { expect, it } from 'vitest';
import { FLEET_PHASES, runFleet } from './fleet-run.js';

const purchases = Number(process.env['SOAK_PURCHASES'] ?? 20_000);

it(`soak: ${purchases} purchases through a fleet of three instances`, async () => {
  const report = await runFleet({
    purchases,
    accounts: 200,
    concurrency: 48,
    phases: FLEET_PHASES,
    handlerFailureRate: 0.1,
    notificationDuplicates: 0.2,
    progress: (line) => process.stderr.write(`soak ${line}\n`),
  });
  const { duplicates, lost, unresolved, handledTwice, notHandled, rssBeforeMiB, rssAfterMiB } = report;
  console.log(
    `soak: purchases ${report.purchases}, duplicates ${duplicates}, lost ${lost}, unresolved ${unresolved}, ` +
      `notifications handled twice ${handledTwice}, not handled ${notHandled}, user retries ${report.userRetries}, ` +
      `RSS ${rssBeforeMiB} MiB before, ${rssAfterMiB} MiB after, ${Math.round(report.durationMs / 1000)} s`,
  );
  expect({ duplicates, lost, unresolved, handledTwice, notHandled }).toEqual({
    duplicates: 0,
    lost: 0,
    unresolved: 0,
    handledTwice: 0,
    notHandled: 0,
  });
}, 1_800_000);
