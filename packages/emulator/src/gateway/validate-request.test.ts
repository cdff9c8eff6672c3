import { describe, expect, it } from 'vitest';
import { operationsDocument } from './operation-specs.js';
import { validateRequest } from './validate-request.js';

const HEADERS = { 'nv-tenant-id': 'tenant1', 'x-correlation-id': 'c1' };

describe('validateRequest (schemas compiled from the spec)', () => {
  it('covers every operation of the spec', () => {
    expect(Object.keys(operationsDocument.operations).sort()).toEqual(
      [
        'cancelEntitlement',
        'changeEntitlementProduct',
        'createThirdPartyEntitlement',
        'createTpesEntitlement',
        'deleteAccountEntitlements',
        'deleteEntitlement',
        'getAccessToken',
        'getActivationInfo',
        'listEntitlements',
        'recoverEntitlement',
        'resumeEntitlement',
        'revokeEntitlement',
        'suspendEntitlement',
        'updateEntitlementStatus',
      ].sort(),
    );
  });

  it('coerces query values and applies defaults', () => {
    const query: Record<string, unknown> = { limit: '5', page: '2' };
    expect(
      validateRequest('listEntitlements', {
        header: HEADERS,
        query: query as Record<string, string>,
        path: {},
        hasBody: false,
      }),
    ).toEqual([]);
    expect(query).toEqual({ limit: 5, page: 2 });
    const purchaseQuery: Record<string, unknown> = {};
    validateRequest('createThirdPartyEntitlement', {
      header: HEADERS,
      query: purchaseQuery as Record<string, string>,
      path: {},
      hasBody: true,
      body: { productType: 'THIRDPARTY', productId: 'p', accountId: 'a', status: 'PENDING' },
    });
    expect(purchaseQuery).toEqual({ prohibitDuplicateProductPurchase: false });
  });

  it('names header fields (pattern: printable ASCII, max 128)', () => {
    const issues = validateRequest('listEntitlements', {
      header: { 'nv-tenant-id': 'a b', 'x-correlation-id': 'x'.repeat(129) },
      query: {},
      path: {},
      hasBody: false,
    });
    expect(issues.map((issue) => issue.field).sort()).toEqual([
      'header/nv-tenant-id',
      'header/x-correlation-id',
    ]);
  });

  it('open enums (anyOf) give one message per field', () => {
    const issues = validateRequest('cancelEntitlement', {
      header: HEADERS,
      query: {},
      path: { entitlementId: 'e1' },
      hasBody: true,
      body: { cancelReasonCategory: 'bad', cancelReasonCode: 'OTHER' },
    });
    expect(issues).toEqual([
      { field: 'body/cancelReasonCategory', message: 'must be a known value or an upper-case code' },
    ]);
  });
});
