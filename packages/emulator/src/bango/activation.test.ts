import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator } from '../types.js';
import { passwordToken, purchase, purchaseBody } from '../../test/http.js';
import { waitFor } from '../../test/receiver.js';

let emulator: Emulator;
let token: string;
beforeAll(async () => {
  emulator = await startEmulator();
  token = await passwordToken(emulator);
});
afterAll(() => emulator.close());

async function pending(overrides: Record<string, unknown> = {}): Promise<{ id: string; url: string }> {
  const response = await purchase(emulator, token, purchaseBody(overrides));
  const { _id } = (await response.json()) as { _id: string };
  const stored = emulator.getState().entitlements.find((e) => e._id === _id);
  return { id: _id, url: stored?.activationUrl as string };
}

describe('Bango activation', () => {
  it('GET on the activation URL activates and answers HTML with a link back to an http(s) returnUrl', async () => {
    const { id, url } = await pending();
    const page = await fetch(`${url}?returnUrl=${encodeURIComponent('https://portal.example/done?x=1&y=2')}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('href="https://portal.example/done?x=1&#38;y=2"');
    expect(emulator.getState().entitlements.find((e) => e._id === id)?.status).toBe('ACTIVE');
    expect(emulator.getState().entitlements.find((e) => e._id === id)?.activationUrl).toBeUndefined();
    const used = await fetch(url);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('expired');
  });

  it('ignores a returnUrl that is not http(s)', async () => {
    const { url } = await pending({ accountId: 'account-bob' });
    const html = await (await fetch(`${url}?returnUrl=${encodeURIComponent('javascript:alert(1)')}`)).text();
    expect(html).not.toContain('href=');
  });

  it('an expired activation URL answers 410 and leaves the entitlement PENDING', async () => {
    const short = await startEmulator({ activationUrlTtlSec: 1 });
    try {
      const response = await purchase(short, await passwordToken(short));
      const { _id } = (await response.json()) as { _id: string };
      const url = short.getState().entitlements[0]?.activationUrl as string;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await fetch(url)).status).toBe(410);
      expect(short.getState().entitlements[0]).toMatchObject({ _id, status: 'PENDING' });
    } finally {
      await short.close();
    }
    expect((await fetch(`${emulator.url}/bango/activate/unknown-token`)).status).toBe(410);
  });

  it('autoActivateMs activates on its own', async () => {
    const auto = await startEmulator({ autoActivateMs: 50 });
    try {
      await purchase(auto, await passwordToken(auto));
      await waitFor(() => auto.getState().entitlements[0]?.status === 'ACTIVE', 5000, 'auto activation');
      expect(auto.getState().deliveries.map((d) => d.body.status)).toEqual(['PENDING', 'ACTIVE']);
    } finally {
      await auto.close();
    }
  });

  it('activate() refuses unknown and non-PENDING entitlements', async () => {
    await expect(emulator.activate('nope')).rejects.toMatchObject({
      code: 'ENTITLEMENT_NOT_FOUND',
      status: 404,
    });
    const { id } = await pending({ accountId: 'account-carol' });
    await emulator.activate(id);
    await expect(emulator.activate(id)).rejects.toMatchObject({ code: 'NOT_PENDING', status: 400 });
  });
});
