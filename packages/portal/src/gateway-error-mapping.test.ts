import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  EntitlementNotFoundError,
  ForbiddenError,
  ServerError,
  TenantNotFoundError,
  TimeoutError,
  ValidationError,
  type CrmGatewayError,
} from '@crm-gateway/client';
import { mapGatewayError } from './gateway-error-mapping.js';

const SECRET_MESSAGE = 'Invalid token for crm_client password=hunter2 at https://opf.internal/keycloak';

function badRequest(resultCode: string, details?: { field: string; message: string }[]): BadRequestError {
  return new BadRequestError({
    message: SECRET_MESSAGE,
    status: 400,
    correlationId: 'c-opf',
    body: { resultCode, result: SECRET_MESSAGE, requestId: 'c-opf', details },
  });
}

const init = { message: SECRET_MESSAGE, correlationId: 'c-opf', body: { result: SECRET_MESSAGE } };

describe('mapGatewayError', () => {
  it.each<[string, CrmGatewayError, number, string, string | undefined]>([
    ['unknown product', badRequest('UNKNOWN_PRODUCT'), 400, 'UNKNOWN_PRODUCT', 'productId'],
    ['non third-party product', badRequest('NOT_THIRD_PARTY'), 400, 'PRODUCT_NOT_AVAILABLE', 'productId'],
    [
      'duplicate purchase as 400',
      badRequest('DUPLICATE_PRODUCT_PURCHASE'),
      409,
      'ALREADY_PURCHASED',
      undefined,
    ],
    ['invalid transition', badRequest('INVALID_TRANSITION'), 400, 'INVALID_STATE', undefined],
    ['not pending', badRequest('NOT_PENDING'), 400, 'INVALID_STATE', undefined],
    [
      'body field',
      badRequest('VALIDATION_FAILED', [{ field: 'body/productId', message: 'must match pattern' }]),
      400,
      'INVALID_REQUEST',
      'productId',
    ],
    [
      'header field (portal set-up)',
      badRequest('VALIDATION_FAILED', [{ field: 'header/nv-tenant-id', message: 'too long' }]),
      502,
      'UPSTREAM_ERROR',
      undefined,
    ],
    ['other refusal', badRequest('UNKNOWN_ACCOUNT'), 400, 'INVALID_REQUEST', undefined],
    ['conflict', new ConflictError({ ...init, status: 400 }), 409, 'ALREADY_PURCHASED', undefined],
    [
      'entitlement not found',
      new EntitlementNotFoundError({ ...init, status: 404 }),
      404,
      'NOT_FOUND',
      undefined,
    ],
    ['forbidden (token)', new ForbiddenError({ ...init, status: 403 }), 502, 'UPSTREAM_ERROR', undefined],
    ['tenant not found', new TenantNotFoundError({ ...init, status: 404 }), 502, 'UPSTREAM_ERROR', undefined],
    [
      'auth error',
      new AuthError({ ...init, status: 401, oauthError: 'invalid_grant' }),
      502,
      'UPSTREAM_ERROR',
      undefined,
    ],
    ['server error', new ServerError({ ...init, status: 503 }), 502, 'UPSTREAM_ERROR', undefined],
    ['connection error', new ConnectionError(init), 502, 'UPSTREAM_ERROR', undefined],
    ['aborted', new AbortError(init), 502, 'UPSTREAM_ERROR', undefined],
    ['timeout', new TimeoutError(init), 504, 'UPSTREAM_TIMEOUT', undefined],
    [
      'client-side bad productId',
      new ValidationError('productId', 'must match pattern'),
      400,
      'INVALID_REQUEST',
      'productId',
    ],
    [
      'client-side bad accountId (session)',
      new ValidationError('accountId', 'must match'),
      502,
      'UPSTREAM_ERROR',
      undefined,
    ],
  ])('maps %s', (_label, error, status, code, field) => {
    const answer = mapGatewayError(error, 'c-request');
    expect(answer?.status).toBe(status);
    expect(answer?.body).toMatchObject({ code, correlationId: expect.any(String) });
    expect((answer?.body as { field?: string }).field).toBe(field);
    const text = JSON.stringify(answer);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('keycloak');
    expect(text).not.toContain('resultCode');
  });

  it("keeps the error's correlation id, or the request's when the error has none", () => {
    expect(mapGatewayError(new TimeoutError(init), 'c-request')?.body).toMatchObject({
      correlationId: 'c-opf',
    });
    const withoutId = new TimeoutError({ message: 'late' });
    expect(mapGatewayError(withoutId, 'c-request')?.body).toMatchObject({ correlationId: 'c-request' });
  });

  it('returns undefined for anything that is not a client error', () => {
    expect(mapGatewayError(new Error('bug'), 'c')).toBeUndefined();
    expect(mapGatewayError('oops', 'c')).toBeUndefined();
    expect(mapGatewayError(undefined, 'c')).toBeUndefined();
  });
});
