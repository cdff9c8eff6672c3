import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator } from '../types.js';
import { PURCHASE_PATH, passwordToken, purchaseBody } from '../../test/http.js';

let emulator: Emulator;
let token: string;
beforeAll(async () => {
  emulator = await startEmulator();
  token = await passwordToken(emulator);
});
afterAll(() => emulator.close());

const validBody = purchaseBody();
const fieldValue = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'THIRDPARTY',
    'PENDING',
    'account-alice',
    'Netflix_EU_B_BUNDLE_BASIC',
    'SPORTS_PACK',
    '',
    ' ',
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
// Bodies: mutations of a valid body, arbitrary JSON, and arbitrary text.
const body = fc.oneof(
  fc.constant(JSON.stringify(validBody)),
  fc
    .record({
      drop: fc.subarray(Object.keys(validBody)),
      set: fc.dictionary(
        fc.constantFrom(
          'productType',
          'productId',
          'accountId',
          'status',
          '_id',
          'validFrom',
          'extra',
          'reasonCode',
        ),
        fieldValue,
      ),
    })
    .map(({ drop, set }) => {
      const copy: Record<string, unknown> = { ...validBody, ...set };
      for (const key of drop) delete copy[key];
      return JSON.stringify(copy);
    }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
  fc.constantFrom('', '{', 'null', '[]', '{"productType":', '\u0000'),
);
const headerValue = fc.oneof(
  fc.constantFrom('tenant1', 'tenant2', '', 'x'.repeat(200), 'a b', 'ünïcode'),
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
);
const headers = fc.record(
  {
    'nv-tenant-id': headerValue,
    'x-correlation-id': headerValue,
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      '',
    ),
    // when absent: the valid token; else a mangled one (TOKEN stands for the valid token)
    authorization: fc.oneof(
      fc.constantFrom(
        'Bearer TOKEN',
        'bearer TOKEN',
        'Bearer TOKENx',
        'Bearer',
        'Basic Y3JtOnNlY3JldA==',
        'Bearer a.b.c',
        '',
      ),
      fc.stringMatching(/^[\x20-\x7e]{0,60}$/),
    ),
  },
  { requiredKeys: [] },
);
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?prohibitDuplicateProductPurchase=true',
    '?prohibitDuplicateProductPurchase=yes',
    '?a=1&a=2',
    '?%zz',
    '?=',
  ),
  fc.string().map((text) => `?${encodeURIComponent(text)}=${encodeURIComponent(text)}`),
);

describe('purchase endpoint under random input (fast-check)', () => {
  it('never a 5xx, never a crash, never a stored entitlement from a rejected request', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, headers, query, async (rawBody, extraHeaders, search) => {
        const before = emulator.getState().entitlements.length;
        const authorization =
          extraHeaders.authorization === undefined
            ? `Bearer ${token}`
            : extraHeaders.authorization.replace('TOKEN', token);
        const requestHeaders: Record<string, string> = {};
        // an absent header means the valid one, so valid requests are among the inputs too
        const defaults = {
          'nv-tenant-id': 'tenant1',
          'x-correlation-id': 'fuzz',
          'content-type': 'application/json',
        };
        for (const [key, value] of Object.entries({ ...defaults, ...extraHeaders, authorization })) {
          // fetch refuses some header values itself (non-ByteString); those cannot reach a server anyway
          if (/^[\x20-\x7e]*$/.test(value)) requestHeaders[key] = value;
        }
        const response = await fetch(`${emulator.url}${PURCHASE_PATH}${search}`, {
          method: 'POST',
          headers: requestHeaders,
          body: rawBody,
        });
        const answer = (await response.json()) as Record<string, unknown>;
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        const after = emulator.getState().entitlements.length;
        if (response.status === 201) {
          expect(after - before).toBeLessThanOrEqual(1);
          expect(typeof answer._id).toBe('string');
        } else {
          expect([400, 403, 404]).toContain(response.status);
          expect(typeof answer.resultCode).toBe('string');
          expect(after).toBe(before);
        }
      }),
      {
        numRuns: 400,
        // Run first, so every kind of answer is reached whatever the random draw (a fully valid purchase is rare
        // among random inputs): a purchase, an invalid token, an unknown tenant, a malformed body.
        examples: [
          [JSON.stringify(validBody), {}, ''],
          [JSON.stringify(validBody), { authorization: 'Bearer TOKENx' }, ''],
          [JSON.stringify(validBody), { 'nv-tenant-id': 'tenant2' }, ''],
          ['{', {}, ''],
        ],
      },
    );
    // the inputs reached every kind of answer, not only early refusals
    expect([...seen.keys()].sort()).toEqual([201, 400, 403, 404]);
    // the emulator still works afterwards
    const ok = await fetch(`${emulator.url}${PURCHASE_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'nv-tenant-id': 'tenant1',
        'x-correlation-id': 'after-fuzz',
        'content-type': 'application/json',
      },
      body: JSON.stringify(validBody),
    });
    expect(ok.status).toBe(201);
  });
});
