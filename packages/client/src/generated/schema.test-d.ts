import { describe, expectTypeOf, test } from 'vitest';
import type { components, operations } from './schema.js';

type PurchaseBody = components['schemas']['ThirdPartyEntitlementCreate'];
type PurchaseRequest = NonNullable<
  operations['createThirdPartyEntitlement']['requestBody']
>['content']['application/json'];

const valid = {
  productType: 'THIRDPARTY',
  productId: 'product1234',
  accountId: 'account1234',
  status: 'PENDING',
} as const;

describe('generated purchase body', () => {
  test('the operation takes the ThirdPartyEntitlementCreate schema', () => {
    expectTypeOf<PurchaseRequest>().toEqualTypeOf<PurchaseBody>();
  });

  test('accepts the seed example and the optional fields', () => {
    expectTypeOf(valid).toExtend<PurchaseBody>();
    expectTypeOf({ ...valid, _id: 'e1', reasonCode: 'r', reasonCategory: 'c' }).toExtend<PurchaseBody>();
  });

  test('rejects a body missing any of the four mandatory fields', () => {
    const { productType: _a, ...noProductType } = valid;
    const { productId: _b, ...noProductId } = valid;
    const { accountId: _c, ...noAccountId } = valid;
    const { status: _d, ...noStatus } = valid;
    expectTypeOf(noProductType).not.toExtend<PurchaseBody>();
    expectTypeOf(noProductId).not.toExtend<PurchaseBody>();
    expectTypeOf(noAccountId).not.toExtend<PurchaseBody>();
    expectTypeOf(noStatus).not.toExtend<PurchaseBody>();
  });

  test('rejects a productType other than THIRDPARTY and a status other than PENDING', () => {
    expectTypeOf({ ...valid, productType: 'SUBSCRIPTION' as const }).not.toExtend<PurchaseBody>();
    expectTypeOf({ ...valid, productType: 'thirdParty' as const }).not.toExtend<PurchaseBody>();
    expectTypeOf({ ...valid, status: 'ACTIVE' as const }).not.toExtend<PurchaseBody>();
  });

  test('201 answers carry the entitlement _id', () => {
    type Created = operations['createThirdPartyEntitlement']['responses'][201]['content']['application/json'];
    expectTypeOf<Created>().toEqualTypeOf<{ _id: string }>();
  });
});
