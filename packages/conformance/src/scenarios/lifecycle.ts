import { describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, BASIC, DISNEY, type ScenarioKit } from './kit.js';

/**
 * The lifecycle routes: list, activation link, suspend, resume, cancel, and their refusals.
 *
 * @example
 * lifecycleScenarios(createScenarioKit(adapter));
 */
export function lifecycleScenarios(kit: ScenarioKit): void {
  const { api, purchase, stored, expectPortalError } = kit;
  describe('lifecycle routes', () => {
    it('lists only the third-party entitlements of the session account', async () => {
      const mine = [await purchase(ALICE, BASIC), await purchase(ALICE, DISNEY)];
      await purchase(BOB, BASIC);
      const result = await api('GET', '/entitlements');
      expect(result.status).toBe(200);
      const listed = result.body.entitlements as {
        entitlementId: string;
        productId: string;
        status: string;
      }[];
      expect(listed.map((e) => e.entitlementId).sort()).toEqual([...mine].sort());
      for (const e of listed) expect(e.status).toBe('PENDING');
      const empty = await api('GET', '/entitlements', { account: CAROL });
      expect(empty.body.entitlements).toEqual([]);
    });

    it('gives a fresh activation link for a PENDING entitlement, and 400 INVALID_STATE once active', async () => {
      const id = await purchase(ALICE, BASIC);
      const link = await api('GET', `/entitlements/${id}/activation`);
      expect(link.status).toBe(200);
      expect(link.body).toMatchObject({ entitlementId: id, action: expect.any(String) });
      expect(String(link.body.url).startsWith(`${kit.emulator.url}/bango/activate/`)).toBe(true);
      await kit.emulator.activate(id);
      const again = await api('GET', `/entitlements/${id}/activation`);
      expectPortalError(again, 400, 'INVALID_STATE');
    });

    it('suspends, resumes and cancels with a reason', async () => {
      const id = await purchase(ALICE, BASIC);
      await kit.emulator.activate(id);
      const suspended = await api('POST', `/entitlements/${id}/suspend`);
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ entitlementId: id, status: 'SUSPENDED' });
      expect(stored(id)?.status).toBe('SUSPENDED');
      const resumed = await api('POST', `/entitlements/${id}/resume`);
      expect(resumed.status).toBe(200);
      expect(stored(id)?.status).toBe('ACTIVE');
      const cancelled = await api('POST', `/entitlements/${id}/cancel`, {
        body: { reason: 'NOT_RENEWED', description: 'Too expensive' },
      });
      expect(cancelled.status).toBe(200);
      // Cancelling an ACTIVE entitlement is a soft ending: access until the end of the paid period.
      expect(cancelled.body).toMatchObject({ entitlementId: id, status: 'ACTIVE-ENDING' });
      expect(stored(id)).toMatchObject({
        status: 'ACTIVE-ENDING',
        reasonCategory: 'CUSTOMER_CANCELLED',
        reasonCode: 'NOT_RENEWED',
      });
    });

    it('cancels without a body, with the default reason', async () => {
      const id = await purchase(ALICE, BASIC);
      const cancelled = await api('POST', `/entitlements/${id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ entitlementId: id, status: 'CANCELLED' });
      expect(stored(id)).toMatchObject({ status: 'CANCELLED', reasonCode: 'CUSTOMER_CANCELLED' });
    });

    it('answers 400 naming the field for a cancel reason outside the allowed list', async () => {
      const id = await purchase(ALICE, BASIC);
      const result = await api('POST', `/entitlements/${id}/cancel`, { body: { reason: 'FRAUD' } });
      expectPortalError(result, 400, 'INVALID_REQUEST', 'reason');
      expect(stored(id)?.status).toBe('PENDING');
    });

    it('answers 400 INVALID_STATE for a change the state does not allow', async () => {
      const id = await purchase(ALICE, BASIC);
      const result = await api('POST', `/entitlements/${id}/resume`);
      expectPortalError(result, 400, 'INVALID_STATE');
      expect(stored(id)?.status).toBe('PENDING');
    });

    it.each([
      ['GET', 'activation'],
      ['POST', 'suspend'],
      ['POST', 'resume'],
      ['POST', 'cancel'],
    ])(
      'answers 404 to %s %s on an entitlement of another account, and changes nothing',
      async (method, action) => {
        const bobs = await purchase(BOB, BASIC);
        if (action !== 'activation') await kit.emulator.activate(bobs);
        const before = stored(bobs)?.status;
        const result = await api(method, `/entitlements/${bobs}/${action}`);
        expectPortalError(result, 404, 'NOT_FOUND');
        expect(stored(bobs)?.status).toBe(before);
      },
    );

    it('answers 404 for an entitlement that does not exist', async () => {
      const result = await api('POST', '/entitlements/no-such-entitlement/suspend');
      expectPortalError(result, 404, 'NOT_FOUND');
    });
  });
}
