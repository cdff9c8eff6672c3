import { describe, expect, test } from 'vitest';
import { runDemoCheck } from './check.js';

describe('pnpm demo --check', () => {
  test('runs the whole flow through the portal API in both frameworks', async () => {
    const lines: string[] = [];
    const report = await runDemoCheck({ log: (line) => lines.push(line) });
    expect(report.steps.filter((step) => !step.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    for (const framework of ['express', 'hono'] as const) {
      expect(report.steps.filter((step) => step.framework === framework).map((step) => step.step)).toEqual([
        'sign in',
        'buy',
        'duplicate purchase refused',
        'activation link',
        'activate with the provider',
        'suspend',
        'resume',
        'cancel',
        'my subscriptions',
        'gateway unavailable',
      ]);
    }
    expect(lines.at(-1)).toBe('demo check passed: 20 steps in express and hono');
  });
});
