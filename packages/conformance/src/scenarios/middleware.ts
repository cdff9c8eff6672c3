import { describe, expect, it } from 'vitest';
import { BASIC, UUID, type ScenarioKit } from './kit.js';

/**
 * The crmGateway() middleware: correlation ids, one token cache, the tenant per request.
 *
 * @example
 * middlewareScenarios(createScenarioKit(adapter));
 */
export function middlewareScenarios(kit: ScenarioKit): void {
  const { api, call, makeApp } = kit;
  describe('middleware', () => {
    it('sends the incoming x-correlation-id to OPF and echoes it back', async () => {
      const result = await api('POST', '/purchases', {
        correlationId: 'portal-corr-0001',
        body: { productId: BASIC },
      });
      expect(result.status).toBe(201);
      expect(result.headers.get('x-correlation-id')).toBe('portal-corr-0001');
      expect(result.body.correlationId).toBe('portal-corr-0001');
      const calls = kit.emulator
        .getState()
        .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
      expect(calls.map((r) => r.correlationId)).toEqual(['portal-corr-0001']);
    });

    it.each([
      ['a missing', undefined],
      ['an insane', 'has spaces in it'],
      ['a too long', 'x'.repeat(129)],
    ])('replaces %s correlation id with a new one, used at OPF and echoed', async (_label, incoming) => {
      const result = await api(
        'GET',
        '/entitlements',
        incoming === undefined ? {} : { correlationId: incoming },
      );
      expect(result.status).toBe(200);
      const echoed = result.headers.get('x-correlation-id');
      expect(echoed).toMatch(UUID);
      expect(result.body.correlationId).toBe(echoed);
      const calls = kit.emulator.getState().requests.filter((r) => r.operationId === 'listEntitlements');
      expect(calls.length).toBeGreaterThan(0);
      for (const entry of calls) expect(entry.correlationId).toBe(echoed);
    });

    it('gives each request its own correlation id', async () => {
      const [a, b] = await Promise.all([api('GET', '/entitlements'), api('GET', '/entitlements')]);
      expect(a.headers.get('x-correlation-id')).not.toBe(b.headers.get('x-correlation-id'));
    });

    it('shares one token cache: many concurrent requests on a cold app fetch one token', async () => {
      const fresh = await kit.adapter.start(makeApp());
      try {
        kit.emulator.reset();
        const results = await Promise.all(
          Array.from({ length: 12 }, () => call(fresh, 'GET', '/api/entitlements')),
        );
        for (const r of results) expect(r.status).toBe(200);
        const tokenCalls = kit.emulator.getState().requests.filter((r) => r.operationId === 'getAccessToken');
        expect(tokenCalls).toHaveLength(1);
      } finally {
        await fresh.close();
      }
    });

    it('uses the tenant chosen per request', async () => {
      await api('GET', '/entitlements', { tenant: 'tenant1' });
      const calls = kit.emulator.getState().requests.filter((r) => r.operationId === 'listEntitlements');
      expect(calls.map((r) => r.tenantId)).toContain('tenant1');
    });
  });
}
