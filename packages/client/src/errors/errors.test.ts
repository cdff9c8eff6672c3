import { describe, expect, test } from 'vitest';
import {
  AbortError,
  AuthError,
  BadRequestError,
  ConflictError,
  CrmGatewayError,
  EntitlementNotFoundError,
  ForbiddenError,
  isCrmGatewayError,
  ServerError,
  TenantNotFoundError,
  ValidationError,
} from './index.js';
import { errorFromResponse } from './error-from-response.js';

const base = { operation: 'listEntitlements', correlationId: 'corr-1' };

describe('errorFromResponse', () => {
  test.each([
    [403, { resultCode: '99999:403' }, ForbiddenError, 'FORBIDDEN'],
    [401, undefined, ForbiddenError, 'FORBIDDEN'],
    [404, { resultCode: 'TENANT_NOT_FOUND' }, TenantNotFoundError, 'TENANT_NOT_FOUND'],
    [404, { resultCode: 'ENTITLEMENT_NOT_FOUND' }, EntitlementNotFoundError, 'ENTITLEMENT_NOT_FOUND'],
    [400, { resultCode: 'DUPLICATE_PRODUCT_PURCHASE' }, ConflictError, 'CONFLICT'],
    [409, {}, ConflictError, 'CONFLICT'],
    [400, { resultCode: 'UNKNOWN_ACCOUNT' }, BadRequestError, 'BAD_REQUEST'],
    [422, 'not json', BadRequestError, 'BAD_REQUEST'],
    [500, {}, ServerError, 'SERVER_ERROR'],
    [503, undefined, ServerError, 'SERVER_ERROR'],
    [429, undefined, ServerError, 'SERVER_ERROR'],
  ])('HTTP %i %j -> %s', (status, body, type, code) => {
    const error = errorFromResponse({ ...base, status, body });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(CrmGatewayError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.correlationId).toBe('corr-1');
    expect(error.operation).toBe('listEntitlements');
    expect(error.body).toEqual(body);
    expect(error.message).toContain('corr-1');
  });

  test('a 404 without resultCode follows the operation: tenant-only or entitlement', () => {
    expect(errorFromResponse({ ...base, status: 404, body: {}, tenantOnly404: true })).toBeInstanceOf(
      TenantNotFoundError,
    );
    expect(errorFromResponse({ ...base, status: 404, body: {} })).toBeInstanceOf(EntitlementNotFoundError);
  });

  test('retryAfterMs: kept on a ServerError when the answer had Retry-After, absent otherwise', () => {
    const server = errorFromResponse({ ...base, status: 503, body: {}, retryAfterMs: 3_000 });
    expect(server).toBeInstanceOf(ServerError);
    expect((server as ServerError).retryAfterMs).toBe(3_000);
    expect(JSON.parse(JSON.stringify(server))).toMatchObject({ retryAfterMs: 3_000 });
    const plain = errorFromResponse({ ...base, status: 503, body: {} }) as ServerError;
    expect(plain.retryAfterMs).toBeUndefined();
    expect('retryAfterMs' in plain).toBe(false);
    const refused = errorFromResponse({ ...base, status: 400, body: {}, retryAfterMs: 3_000 });
    expect('retryAfterMs' in refused).toBe(false);
  });

  test('BadRequestError carries every field named in details', () => {
    const error = errorFromResponse({
      ...base,
      status: 400,
      body: {
        resultCode: 'VALIDATION_FAILED',
        result: 'Invalid request',
        details: [
          { field: 'body/productId', message: 'must match pattern' },
          { field: 'query/limit', message: 'must be <= 1000' },
          { nonsense: true },
        ],
      },
    });
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).fields).toEqual([
      { field: 'body/productId', message: 'must match pattern' },
      { field: 'query/limit', message: 'must be <= 1000' },
    ]);
    expect(error.resultCode).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('VALIDATION_FAILED');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'BadRequestError',
      code: 'BAD_REQUEST',
      status: 400,
      fields: [{ field: 'body/productId' }, { field: 'query/limit' }],
    });
  });
});

describe('error classes', () => {
  test('names, codes and status 0 for errors without an answer', () => {
    const abort = new AbortError({ message: 'aborted', correlationId: 'c' });
    expect(abort.name).toBe('AbortError');
    expect(abort.code).toBe('ABORTED');
    expect(abort.status).toBe(0);
    const validation = new ValidationError('accountId', 'must not be empty');
    expect(validation.field).toBe('accountId');
    expect(validation.message).toBe('Invalid accountId: must not be empty');
    expect(validation.toString()).toBe('ValidationError: Invalid accountId: must not be empty');
    const auth = new AuthError({ message: 'refused', status: 401, oauthError: 'invalid_client' });
    expect(auth.oauthError).toBe('invalid_client');
    expect(auth.operation).toBe('getAccessToken');
    expect(JSON.parse(JSON.stringify(auth))).toMatchObject({
      code: 'AUTH_ERROR',
      oauthError: 'invalid_client',
    });
  });

  test('isCrmGatewayError checks the class or the shape, and an optional code', () => {
    const error = new TenantNotFoundError({ message: 'x', status: 404 });
    expect(isCrmGatewayError(error)).toBe(true);
    expect(isCrmGatewayError(error, 'TENANT_NOT_FOUND')).toBe(true);
    expect(isCrmGatewayError(error, 'FORBIDDEN')).toBe(false);
    const lookalike = Object.assign(new Error('copy'), { code: 'TIMEOUT', status: 0 });
    expect(isCrmGatewayError(lookalike, 'TIMEOUT')).toBe(true);
    expect(isCrmGatewayError(Object.assign(new Error('x'), { code: 'ENOENT', status: 0 }))).toBe(false);
    expect(isCrmGatewayError({ code: 'TIMEOUT', status: 0 })).toBe(false);
    expect(isCrmGatewayError(undefined)).toBe(false);
  });
});
