import type { Emulator } from '@crm-gateway/emulator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clientFor, launchEmulator, NETFLIX_BASIC, NETFLIX_PREMIUM } from './emulator-harness.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await launchEmulator({ edition: 'crm-25.26' });
});
afterAll(async () => {
  await emulator.close();
});

test('the CRM-25.26 edition: 202 purchase with activation parameters and entitlementId, 202 actions', async () => {
  const client = clientFor(emulator);
  const purchase = await client.entitlements.purchaseThirdPartyProduct({
    accountId: 'account-alice',
    productId: NETFLIX_BASIC,
    entitlementId: 'edition-1',
  });
  expect(purchase).toMatchObject({ entitlementId: 'edition-1', status: 'PENDING' });
  expect(purchase.activation?.url).toMatch(new RegExp(`^${emulator.url}/bango/activate/`));
  expect(purchase.activation?.action).toBe('NAVIGATE_TO_URL');
  expect(Date.parse(purchase.activation?.urlExpiry ?? '')).toBeGreaterThan(0);
  // The replay of the same purchase answers the same way and creates nothing.
  await expect(
    client.entitlements.purchaseThirdPartyProduct({
      accountId: 'account-alice',
      productId: NETFLIX_BASIC,
      entitlementId: 'edition-1',
    }),
  ).resolves.toMatchObject({ entitlementId: 'edition-1', status: 'PENDING' });
  expect(emulator.getState().entitlements).toHaveLength(1);

  await fetch(purchase.activation!.url);
  await client.entitlements.suspend('edition-1');
  const resumed = await client.entitlements.resume('edition-1', { productId: NETFLIX_BASIC });
  expect(resumed).toMatchObject({ entitlementId: 'edition-1', accepted: true });
  const changed = await client.entitlements.changeProduct('edition-1', { productId: NETFLIX_PREMIUM });
  expect(changed).toMatchObject({ entitlementId: 'edition-1', accepted: true });
  await client.entitlements.updateStatus('edition-1', { status: 'SUSPENDED' });
  const reactivated = await client.entitlements.updateStatus('edition-1', { status: 'ACTIVE' });
  expect(reactivated).toMatchObject({ entitlementId: 'edition-1', accepted: true });
  expect(await client.entitlements.get('edition-1')).toMatchObject({
    status: 'ACTIVE',
    productId: NETFLIX_PREMIUM,
  });
});
