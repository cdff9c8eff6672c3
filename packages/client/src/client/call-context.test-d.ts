import { describe, expectTypeOf, test } from 'vitest';
import type {
  BoundContext,
  CallContext,
  CallOptions,
  ClientContext,
  CrmGatewayClient,
  EntitlementStatus,
} from '../index.js';
import type { ENTITLEMENT_STATUSES } from '../generated/constants.js';

describe('CallContext and its aliases', () => {
  test('CallOptions and ClientContext keep the shapes user code wrote against', () => {
    expectTypeOf<{
      correlationId?: string;
      tenantId?: string;
      signal?: AbortSignal;
      timeoutMs?: number;
      totalTimeoutMs?: number;
      maxRetries?: number;
    }>().toExtend<CallOptions>();
    expectTypeOf<CallOptions>().toEqualTypeOf<Partial<Omit<CallContext, 'operation'>>>();
    expectTypeOf<{ correlationId?: string; tenantId?: string }>().toEqualTypeOf<ClientContext>();
    expectTypeOf<{ operation: string }>().not.toExtend<CallOptions>();
  });

  test('client.context is read-only, with the tenant always and the correlation id when bound', () => {
    expectTypeOf<CrmGatewayClient['context']>().toEqualTypeOf<BoundContext>();
    expectTypeOf<BoundContext['tenantId']>().toEqualTypeOf<string>();
    expectTypeOf<BoundContext['correlationId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{ readonly tenantId: string }>().toExtend<BoundContext>();
  });

  test('the generated statuses are the spec type', () => {
    expectTypeOf<(typeof ENTITLEMENT_STATUSES)[number]>().toEqualTypeOf<EntitlementStatus>();
  });
});
