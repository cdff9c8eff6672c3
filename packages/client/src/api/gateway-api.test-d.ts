import { describe, expectTypeOf, test } from 'vitest';
import type { CrmGatewayClient } from '../client/create-client.js';
import type { paths } from '../generated/schema.js';
import type { GatewayPaths } from './gateway-api.js';

declare const client: CrmGatewayClient;

type ListParams = GatewayPaths['/crm-gateway/v1/rmg/v1/entitlements']['get']['parameters'];
type DeleteParams =
  GatewayPaths['/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}']['delete']['parameters'];

describe('client.api types', () => {
  test('the client-filled headers are optional; the spec still has them required', () => {
    expectTypeOf<{}>().toExtend<NonNullable<ListParams['header']>>();
    expectTypeOf<{ 'x-correlation-id': string }>().toExtend<NonNullable<ListParams['header']>>();
    expectTypeOf<{}>().not.toExtend<
      paths['/crm-gateway/v1/rmg/v1/entitlements']['get']['parameters']['header']
    >();
    expectTypeOf<DeleteParams['path']>().toEqualTypeOf<{ entitlementId: string }>();
  });

  test('calls compile without the headers, and still need path params and bodies', () => {
    const calls = async () => {
      await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements');
      await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements', { params: { query: { limit: 1 } } });
      await client.api.DELETE('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', {
        params: { path: { entitlementId: 'abc' } },
      });
      await client.api.POST('/crm-gateway/v2/rmg/v1/entitlements', {
        body: { productType: 'THIRDPARTY', productId: 'p', accountId: 'a', status: 'PENDING' },
        params: { header: { 'x-correlation-id': 'mine' } },
      });
      // @ts-expect-error the path param is still required
      await client.api.DELETE('/crm-gateway/v2/rmg/v1/entitlements/{entitlementId}', { params: {} });
      await client.api.POST('/crm-gateway/v2/rmg/v1/entitlements', {
        // @ts-expect-error the body is still checked (status must be PENDING)
        body: { productType: 'THIRDPARTY', productId: 'p', accountId: 'a', status: 'ACTIVE' },
      });
      // @ts-expect-error unknown path
      await client.api.GET('/nope');
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('answers are typed from the spec', () => {
    const read = async () => {
      const { data } = await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements');
      if (data) expectTypeOf(data.totalRecords).toEqualTypeOf<number>();
      const info = await client.api.GET('/tpes/v1/operator/entitlements/{entitlementId}/activationinfo', {
        params: { path: { entitlementId: 'x' } },
      });
      if (info.data) expectTypeOf(info.data.parameters.url).toEqualTypeOf<string>();
    };
    expectTypeOf(read).toBeFunction();
  });
});
