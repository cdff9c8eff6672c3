import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemo } from './start-demo.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const statusOf = (row: Locator) => row.locator('[data-status]').textContent();
const OUTPUT = process.env.DEMO_SCREENSHOT_DIR ?? join(import.meta.dirname, '../test-output');

describe.each(['express', 'hono'] as const)('the demo portal in Chromium (%s)', (framework) => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install Debian's chromium (pnpm test does it as root).`,
      );
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('sign in, buy, activate, see ACTIVE, cancel', async () => {
    const demo = await startDemo({ framework, port: 0, emulatorPort: 0 });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(demo.portal.url);
      expect(await page.locator('.badge').textContent()).toBe(framework);

      await page.fill('input[name=username]', 'alice');
      await page.fill('input[name=password]', 'alice-demo');
      await page.click('button[type=submit]');
      await page.waitForSelector('text=Streaming add-ons');

      const product = demo.portal.config.catalogue[0]!;
      await page.click(`button[data-buy="${product.id}"]`);
      const row = page.locator('tr[data-entitlement]').first();
      await expect.poll(() => statusOf(row)).toBe('PENDING');
      const entitlementId = await row.getAttribute('data-entitlement');
      expect(demo.emulator.getState().entitlements.find((e) => e._id === entitlementId)?.accountId).toBe(
        'account-alice',
      );

      const [bango] = await Promise.all([context.waitForEvent('page'), row.locator('text=Activate').click()]);
      await bango.waitForLoadState();
      expect(await bango.content()).toMatch(/activ/i);
      await bango.close();

      // The page turns ACTIVE only when OPF's notification reaches the portal (server-sent event).
      await expect.poll(() => statusOf(row), { timeout: 15_000 }).toBe('ACTIVE');
      const delivered = demo.emulator
        .getState()
        .deliveries.filter((d) => d.entitlementId === entitlementId && d.body.status === 'ACTIVE');
      expect(delivered.map((d) => d.status)).toEqual(['delivered']);

      await row.locator('button[data-action=cancel]').click();
      await expect.poll(() => statusOf(row), { timeout: 15_000 }).toBe('ACTIVE-ENDING');
      expect(await page.locator('#activity li').first().textContent()).toContain('x-correlation-id');
      expect(await page.locator('#notice').getAttribute('class')).not.toBe('error');

      await mkdir(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, `demo-${framework}.png`), fullPage: true });
    } finally {
      await context.close();
      await demo.close();
    }
  });

  test('a Buy whose answer is lost, clicked again: one entitlement (the same Idempotency-Key)', async () => {
    const demo = await startDemo({ framework, port: 0, emulatorPort: 0 });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(demo.portal.url);
      await page.fill('input[name=username]', 'alice');
      await page.fill('input[name=password]', 'alice-demo');
      await page.click('button[type=submit]');
      await page.waitForSelector('text=Streaming add-ons');
      // The first purchase reaches the portal and OPF, but its answer never reaches the page.
      let purchases = 0;
      await page.route('**/api/purchases', async (route) => {
        purchases += 1;
        if (purchases > 1) return route.continue();
        await route.fetch();
        return route.abort('connectionreset');
      });
      const product = demo.portal.config.catalogue[0]!;
      await page.click(`button[data-buy="${product.id}"]`);
      await expect.poll(() => page.locator('#notice').getAttribute('class')).toBe('error');
      expect(demo.emulator.getState().entitlements).toHaveLength(1);

      await page.click(`button[data-buy="${product.id}"]`);
      const row = page.locator('tr[data-entitlement]').first();
      await expect.poll(() => statusOf(row)).toBe('PENDING');
      const stored = demo.emulator.getState().entitlements;
      expect(stored).toHaveLength(1);
      expect(await row.getAttribute('data-entitlement')).toBe(stored[0]!._id);
      expect(purchases).toBe(2);
    } finally {
      await context.close();
      await demo.close();
    }
  });
});
