import { describe, expect, it } from 'vitest';
import { validateNotification } from './validate-notification.js';

const valid = {
  eventId: 'evt-1',
  tenantId: 'tenant1',
  entitlementId: 'e-1',
  accountId: 'account-alice',
  productId: 'Netflix_EU_B_BUNDLE_BASIC',
  productType: 'THIRDPARTY',
  status: 'ACTIVE',
  previousStatus: 'PENDING',
  occurredAt: '2026-11-26T23:00:00.000Z',
  sequence: 2,
};

describe('validateNotification', () => {
  it('accepts a valid notification', () => {
    expect(validateNotification(valid)).toEqual({ notification: valid });
    const { previousStatus: _p, sequence: _s, ...minimal } = valid;
    expect(validateNotification(minimal)).toEqual({ notification: minimal });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'text', 'body'],
    ['an array', [valid], 'body'],
    ['null', null, 'body'],
    ['no eventId', { ...valid, eventId: undefined }, 'eventId'],
    ['an empty entitlementId', { ...valid, entitlementId: '' }, 'entitlementId'],
    ['a numeric accountId', { ...valid, accountId: 7 }, 'accountId'],
    ['no productId', { ...valid, productId: undefined }, 'productId'],
    ['another productType', { ...valid, productType: 'SUBSCRIPTION' }, 'productType'],
    ['an unknown status', { ...valid, status: 'DANCING' }, 'status'],
    ['an unknown previousStatus', { ...valid, previousStatus: 'X' }, 'previousStatus'],
    ['a bad occurredAt', { ...valid, occurredAt: 'yesterday' }, 'occurredAt'],
    ['an impossible occurredAt', { ...valid, occurredAt: '2026-13-45T99:00:00Z' }, 'occurredAt'],
    ['a negative sequence', { ...valid, sequence: -1 }, 'sequence'],
    ['a fractional sequence', { ...valid, sequence: 1.5 }, 'sequence'],
    ['a non-boolean deleted', { ...valid, deleted: 'yes' }, 'deleted'],
    ['a numeric reasonCode', { ...valid, reasonCode: 3 }, 'reasonCode'],
  ])('names the field for %s', (_label, value, field) => {
    const checked = validateNotification(value);
    expect(checked).toMatchObject({ field, message: expect.any(String) });
  });
});
