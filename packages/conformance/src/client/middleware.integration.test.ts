import type { Emulator } from '@crm-gateway/emulator';
import type { Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  clientFor,
  DISNEY,
  gatewayCalls,
  launchEmulator,
  NETFLIX_BASIC,
  NETFLIX_PREMIUM,
} from './emulator-harness.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await launchEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

interface Seen {
  id: string;
  method: string;
  schemaPath: string;
  correlationId: string | null;
  tenantId: string | null;
  /** The token stays in the client's fetch: middleware never sees an Authorization header. */
  authorization: string | null;
  status?: number;
}

/** A middleware that records what it sees: one entry per onRequest, completed by onResponse. */
function recorder(): { middleware: Middleware; requests: Seen[]; responses: Seen[] } {
  const requests: Seen[] = [];
  const responses: Seen[] = [];
  const middleware: Middleware = {
    onRequest({ request, schemaPath, id }) {
      requests.push({
        id,
        method: request.method,
        schemaPath,
        correlationId: request.headers.get('x-correlation-id'),
        tenantId: request.headers.get('nv-tenant-id'),
        authorization: request.headers.get('authorization'),
      });
    },
    onResponse({ request, response, schemaPath, id }) {
      responses.push({
        id,
        method: request.method,
        schemaPath,
        correlationId: request.headers.get('x-correlation-id'),
        tenantId: request.headers.get('nv-tenant-id'),
        authorization: request.headers.get('authorization'),
        status: response.status,
      });
    },
  };
  return { middleware, requests, responses };
}

describe('middleware registered with client.api.use() sees the entitlement calls', () => {
  test('every entitlement method, exactly once per call, with its correlation id and tenant', async () => {
    const client = clientFor(emulator);
    const { middleware, requests, responses } = recorder();
    client.api.use(middleware);
    const c = (name: string) => ({ correlationId: `mw-${name}` });

    const { entitlementId } = await client.entitlements.purchaseThirdPartyProduct(
      { accountId: 'account-alice', productId: NETFLIX_BASIC },
      c('purchase'),
    );
    await client.entitlements.getActivationInfo(entitlementId, c('activation'));
    await emulator.activate(entitlementId);
    await client.entitlements.get(entitlementId, c('get'));
    await client.entitlements.list({ accountId: 'account-alice' }, c('list'));
    await client.entitlements.suspend(entitlementId, c('suspend'));
    await client.entitlements.resume(entitlementId, { productId: NETFLIX_BASIC }, c('resume'));
    await client.entitlements.changeProduct(entitlementId, { productId: NETFLIX_PREMIUM }, c('change'));
    await client.entitlements.updateStatus(entitlementId, { status: 'ACTIVE' }, c('update'));
    await client.entitlements.recover(entitlementId, c('recover'));
    await client.entitlements.cancel(
      entitlementId,
      { category: 'CUSTOMER_CANCELLED', code: 'NOT_RENEWED' },
      c('cancel'),
    );
    const other = await client.entitlements.purchaseThirdPartyProduct(
      { accountId: 'account-bob', productId: DISNEY },
      c('purchase-2'),
    );
    await emulator.activate(other.entitlementId);
    await client.entitlements.revoke(
      other.entitlementId,
      { category: 'REVOKED', code: 'ACCOUNT_TERMINATED' },
      c('revoke'),
    );
    const pages = [];
    for await (const e of client.entitlements.iterate({ pageSize: 1 }, c('iterate'))) pages.push(e);
    await client.entitlements.delete(entitlementId, c('delete'));
    // A withContext view shares the openapi-fetch client, so the same middleware sees its calls.
    await client
      .withContext({ tenantId: 'tenant1', correlationId: 'mw-scoped' })
      .entitlements.deleteAllForAccount('account-bob');

    const expected: [string, string, string][] = [
      ['mw-purchase', 'POST', '/crm-gateway/v2/rmg/v1/entitlements'],
      ['mw-activation', 'GET', '/tpes/v1/operator/entitlements/{entitlementId}/activationinfo'],
      ['mw-get', 'GET', '/crm-gateway/v1/rmg/v1/entitlements'],
      ['mw-list', 'GET', '/crm-gateway/v1/rmg/v1/entitlements'],
      ['mw-suspend', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/suspend'],
      ['mw-resume', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/resume'],
      ['mw-change', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/changeProduct'],
      ['mw-update', 'PUT', '/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}'],
      ['mw-recover', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/recover'],
      ['mw-cancel', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/cancel'],
      ['mw-purchase-2', 'POST', '/crm-gateway/v2/rmg/v1/entitlements'],
      ['mw-revoke', 'POST', '/tpes/v1/operator/entitlements/{entitlementId}/actions/revoke'],
      // iterate: one list per page the gateway served.
      ...Array.from({ length: gatewayCalls(emulator, 'mw-iterate').length }, (): [string, string, string] => [
        'mw-iterate',
        'GET',
        '/crm-gateway/v1/rmg/v1/entitlements',
      ]),
      ['mw-delete', 'DELETE', '/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}'],
      ['mw-scoped', 'DELETE', '/crm-gateway/v2/rmg/v1/entitlements/account/{accountId}'],
    ];
    expect(pages.length).toBeGreaterThan(1);
    expect(gatewayCalls(emulator, 'mw-iterate').length).toBeGreaterThan(1);
    expect(requests.map((r) => [r.correlationId, r.method, r.schemaPath])).toEqual(expected);
    expect(requests.every((r) => r.tenantId === 'tenant1')).toBe(true);
    expect([...requests, ...responses].every((r) => r.authorization === null)).toBe(true);
    // One onResponse per onRequest, for the same call.
    expect(responses.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
    // What the middleware saw is what the gateway got: one request per call, each answered as the middleware saw it.
    const served = gatewayCalls(emulator).filter((call) => call.operationId);
    expect(served).toHaveLength(requests.length);
    for (const response of responses) {
      expect(gatewayCalls(emulator, response.correlationId!).map((call) => call.status)).toContain(
        response.status,
      );
    }
  });

  test('a purchase retried after a 503: onRequest and onResponse run once, onResponse sees the final 201', async () => {
    const client = clientFor(emulator);
    await client.entitlements.list(); // token first, so the fault hits the purchase
    const { middleware, requests, responses } = recorder();
    client.api.use(middleware);
    emulator.setFaults({ createThirdPartyEntitlement: { status: 503, times: 1 } });
    try {
      const purchase = await client.entitlements.purchaseThirdPartyProduct(
        { accountId: 'account-alice', productId: NETFLIX_BASIC },
        { correlationId: 'mw-retried' },
      );
      expect(purchase).toMatchObject({ status: 'PENDING', correlationId: 'mw-retried' });
    } finally {
      emulator.clearFaults();
    }
    // The gateway got two attempts; the middleware saw one call and its final answer.
    expect(gatewayCalls(emulator, 'mw-retried')).toEqual([
      { status: 503, operationId: 'createThirdPartyEntitlement' },
      { status: 201, operationId: 'createThirdPartyEntitlement' },
    ]);
    expect(requests).toHaveLength(1);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      method: 'POST',
      schemaPath: '/crm-gateway/v2/rmg/v1/entitlements',
      correlationId: 'mw-retried',
      status: 201,
    });
    expect(emulator.getState().entitlements).toHaveLength(1);
  });

  test('after eject the middleware sees nothing more, and the calls still work', async () => {
    const client = clientFor(emulator);
    const { middleware, requests } = recorder();
    client.api.use(middleware);
    await client.entitlements.list({}, { correlationId: 'mw-before-eject' });
    client.api.eject(middleware);
    const purchase = await client.entitlements.purchaseThirdPartyProduct(
      { accountId: 'account-alice', productId: NETFLIX_BASIC },
      { correlationId: 'mw-after-eject' },
    );
    await expect(client.entitlements.get(purchase.entitlementId)).resolves.toMatchObject({
      entitlementId: purchase.entitlementId,
    });
    expect(requests.map((r) => r.correlationId)).toEqual(['mw-before-eject']);
  });

  test('a middleware can answer instead of the gateway (onRequest returning a Response)', async () => {
    const client = clientFor(emulator);
    client.api.use({
      onRequest: ({ schemaPath }) =>
        schemaPath === '/crm-gateway/v1/rmg/v1/entitlements'
          ? Response.json({ totalRecords: 1, resourceSet: [{ _id: 'cached-1', status: 'ACTIVE' }] })
          : undefined,
    });
    await expect(client.entitlements.list({}, { correlationId: 'mw-cached' })).resolves.toMatchObject({
      totalRecords: 1,
      entitlements: [{ entitlementId: 'cached-1' }],
    });
    expect(gatewayCalls(emulator, 'mw-cached')).toEqual([]);
  });
});
