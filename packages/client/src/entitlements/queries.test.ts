import { describe, expect, test } from 'vitest';
import { BASE_URL, TOKEN_URL, gatewayWithTokens, json } from '../../test/fake-fetch.js';
import { createCrmGatewayClient } from '../client/create-client.js';

const record = {
  _id: 'e-1',
  accountId: 'account-alice',
  productId: 'Netflix_EU_B_BUNDLE_BASIC',
  productType: 'THIRDPARTY',
  status: 'ACTIVE',
};

function client() {
  const fake = gatewayWithTokens(() => json(200, { totalRecords: 1, resourceSet: [record] }));
  return createCrmGatewayClient({
    baseUrl: BASE_URL,
    tenantId: 'tenant1',
    auth: { tokenUrl: TOKEN_URL, clientId: 'crm_client', username: 'user', password: 'pw' },
    fetch: fake.fetch,
  });
}

describe('list, get and iterate speak entitlementId', () => {
  test('the wire `_id` comes back as `entitlementId`, and `_id` is gone', async () => {
    const gateway = client();
    const { _id, ...fields } = record;
    const expected = { entitlementId: _id, ...fields };
    const listed = await gateway.entitlements.list({ accountId: 'account-alice' });
    expect(listed.entitlements).toEqual([expected]);
    await expect(gateway.entitlements.get('e-1')).resolves.toEqual(expected);
    const seen = [];
    for await (const e of gateway.entitlements.iterate({ accountId: 'account-alice' })) seen.push(e);
    expect(seen).toEqual([expected]);
  });

  test('the raw client.api keeps the wire record', async () => {
    const { data } = await client().api.GET('/crm-gateway/v1/rmg/v1/entitlements', {
      params: { query: { filter: '{"_id":"e-1"}' } },
    });
    expect(data?.resourceSet?.[0]).toEqual(record);
  });
});
