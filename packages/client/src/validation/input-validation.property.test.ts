import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BASE_URL, TOKEN_URL, gatewayWithTokens, json } from '../../test/fake-fetch.js';
import { createCrmGatewayClient } from '../client/create-client.js';
import { ValidationError } from '../errors/validation-error.js';
import { HEADER_TOKEN_PATTERN, IDENTIFIER_PATTERN } from './patterns.js';

const identifierChars = fc.constantFrom(...'abcXYZ019._:-'.split(''));
const validIdentifier = fc.string({ unit: identifierChars, minLength: 1, maxLength: 128 });
const headerChars = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const validHeaderToken = fc.string({ unit: headerChars, minLength: 1, maxLength: 128 });
/** Any string at all, biased towards the dangerous ones (control characters, spaces, unicode, long). */
const anyString = fc.oneof(
  fc.string({ maxLength: 140 }),
  fc.string({ unit: 'binary', maxLength: 140 }),
  fc.constantFrom(
    '',
    ' ',
    'a b',
    'a\r\nb',
    'a\nb',
    'a\u0000b',
    'é',
    'x'.repeat(129),
    '../x',
    'a/b',
    'a?b',
    'a#b',
  ),
  validIdentifier,
);
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.object(),
  fc.array(fc.integer()),
);

function setup() {
  const fake = gatewayWithTokens((request) =>
    json(201, { _id: (JSON.parse(request.body ?? '{}') as { _id: string })._id }),
  );
  const client = createCrmGatewayClient({
    baseUrl: BASE_URL,
    tenantId: 'tenant1',
    auth: { tokenUrl: TOKEN_URL, clientId: 'c', username: 'u', password: 'p' },
    fetch: fake.fetch,
    maxRetries: 0,
  });
  return { fake, client };
}

describe('input validation (property-based)', () => {
  test('ids: valid ones are always sent as given, invalid ones never reach the network', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, anyString, async (accountId, productId) => {
        const { fake, client } = setup();
        const valid = IDENTIFIER_PATTERN.test(accountId) && IDENTIFIER_PATTERN.test(productId);
        const outcome = await client.entitlements.purchaseThirdPartyProduct({ accountId, productId }).then(
          (result) => result,
          (error: unknown) => error,
        );
        if (valid) {
          expect(outcome).toMatchObject({ status: 'PENDING' });
          const body = JSON.parse(fake.gatewayRequests()[0]!.body!) as Record<string, unknown>;
          expect(body).toMatchObject({ accountId, productId });
        } else {
          expect(outcome).toBeInstanceOf(ValidationError);
          expect(['accountId', 'productId']).toContain((outcome as ValidationError).field);
          expect(fake.requests).toHaveLength(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('header values: valid ones are sent unchanged, anything with a control character or space is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyString, validHeaderToken),
        fc.oneof(anyString, validHeaderToken),
        async (correlationId, tenantId) => {
          const { fake, client } = setup();
          const valid = HEADER_TOKEN_PATTERN.test(correlationId) && HEADER_TOKEN_PATTERN.test(tenantId);
          const outcome = await client.entitlements.list({}, { correlationId, tenantId }).then(
            (result) => result,
            (error: unknown) => error,
          );
          if (valid) {
            expect(outcome).toMatchObject({ correlationId });
            const request = fake.gatewayRequests()[0]!;
            expect(request.headers['x-correlation-id']).toBe(correlationId);
            expect(request.headers['nv-tenant-id']).toBe(tenantId);
          } else {
            expect(outcome).toBeInstanceOf(ValidationError);
            expect(['correlationId', 'tenantId']).toContain((outcome as ValidationError).field);
            expect(fake.requests).toHaveLength(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('wrong types anywhere are a ValidationError naming the field, with no request', async () => {
    await fc.assert(
      fc.asyncProperty(
        notAString,
        fc.constantFrom(
          'accountId',
          'productId',
          'entitlementId',
          'correlationId',
          'tenantId',
          'timeoutMs',
          'prohibit',
        ),
        async (generated, field) => {
          // A number is the right type for timeoutMs (make it non-positive), a boolean for prohibit (make it text).
          const value =
            field === 'timeoutMs' && typeof generated === 'number'
              ? -Math.abs(generated)
              : field === 'prohibit' && typeof generated === 'boolean'
                ? String(generated)
                : generated;
          const { fake, client } = setup();
          const input: Record<string, unknown> = { accountId: 'a1', productId: 'p1' };
          const options: Record<string, unknown> = {};
          if (field === 'correlationId' || field === 'tenantId' || field === 'timeoutMs')
            options[field] = value;
          else if (field === 'prohibit') input['prohibitDuplicateProductPurchase'] = value;
          else input[field] = value;
          const outcome = await client.entitlements
            .purchaseThirdPartyProduct(input as never, options as never)
            .then(
              (r) => r,
              (e: unknown) => e,
            );
          expect(outcome).toBeInstanceOf(ValidationError);
          const expected = field === 'prohibit' ? 'prohibitDuplicateProductPurchase' : field;
          expect((outcome as ValidationError).field).toBe(expected);
          expect(fake.requests).toHaveLength(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
