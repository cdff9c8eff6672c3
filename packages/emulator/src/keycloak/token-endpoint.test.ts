import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator } from '../types.js';
import { LIST_PATH, gatewayHeaders } from '../../test/http.js';
import { expectSpecResponse } from '../../test/spec-responses.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ accessTokenLifetimeSec: 120, refreshTokenLifetimeSec: 600 });
});
afterAll(() => emulator.close());

async function token(
  form: Record<string, string>,
  headers: Record<string, string> = {},
  url = emulator.tokenUrl,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as Record<string, unknown>;
  expectSpecResponse('getAccessToken', response.status, body);
  return { status: response.status, body, headers: response.headers };
}

const PASSWORD = {
  grant_type: 'password',
  client_id: 'crm_client',
  username: 'crm_client_user',
  password: 'crm-client-password',
};

async function listWith(accessToken: string): Promise<number> {
  return (await fetch(`${emulator.url}${LIST_PATH}`, { headers: gatewayHeaders(accessToken) })).status;
}

describe('Keycloak token endpoint', () => {
  it('password grant: RS256 JWT with Keycloak claims, verifiable with the JWKS; configurable lifetimes', async () => {
    const { status, body, headers } = await token(PASSWORD);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 120, refresh_expires_in: 600 });
    const issuer = `${emulator.url}/keycloak/auth/realms/nagra`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));
    const { payload, protectedHeader } = await jwtVerify(body.access_token as string, jwks, { issuer });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      azp: 'crm_client',
      typ: 'Bearer',
      realm_access: { roles: ['operatorRole'] },
    });
    expect(typeof payload.sub).toBe('string');
    expect((payload.exp as number) - (payload.iat as number)).toBe(120);
    expect(await listWith(body.access_token as string)).toBe(200);
  });

  it('OpenID configuration names the token endpoint and JWKS', async () => {
    const response = await fetch(
      `${emulator.url}/keycloak/auth/realms/nagra/.well-known/openid-configuration`,
    );
    const config = (await response.json()) as Record<string, unknown>;
    expect(config.token_endpoint).toBe(emulator.tokenUrl);
    expect(config.issuer).toBe(`${emulator.url}/keycloak/auth/realms/nagra`);
    expect(config.jwks_uri).toBe(`${emulator.url}/keycloak/auth/realms/nagra/protocol/openid-connect/certs`);
    expect(
      (await fetch(`${emulator.url}/keycloak/auth/realms/other/.well-known/openid-configuration`)).status,
    ).toBe(404);
  });

  it('refresh_token grant issues new tokens; a refresh token is single-use', async () => {
    const first = await token(PASSWORD);
    const refresh = first.body.refresh_token as string;
    const second = await token({
      grant_type: 'refresh_token',
      client_id: 'crm_client',
      refresh_token: refresh,
    });
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(await listWith(second.body.access_token as string)).toBe(200);
    const reused = await token({
      grant_type: 'refresh_token',
      client_id: 'crm_client',
      refresh_token: refresh,
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    const chained = await token({
      grant_type: 'refresh_token',
      client_id: 'crm_client',
      refresh_token: second.body.refresh_token as string,
    });
    expect(chained.status).toBe(200);
  });

  it('refresh tokens are refused for another client, as access tokens, when expired, and after revocation', async () => {
    const first = await token(PASSWORD);
    const otherClient = await token(
      { grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string },
      { authorization: `Basic ${Buffer.from('crm_service:crm-service-secret').toString('base64')}` },
    );
    expect(otherClient).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await listWith(first.body.refresh_token as string)).toBe(403);
    const asRefresh = await token({
      grant_type: 'refresh_token',
      client_id: 'crm_client',
      refresh_token: first.body.access_token as string,
    });
    expect(asRefresh.body.error).toBe('invalid_grant');

    const short = await startEmulator({ refreshTokenLifetimeSec: 1 });
    try {
      const set = await token(PASSWORD, {}, short.tokenUrl);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const expired = await token(
        {
          grant_type: 'refresh_token',
          client_id: 'crm_client',
          refresh_token: set.body.refresh_token as string,
        },
        {},
        short.tokenUrl,
      );
      expect(expired).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    } finally {
      await short.close();
    }

    const fresh = await token(PASSWORD);
    emulator.revokeTokens();
    expect(await listWith(fresh.body.access_token as string)).toBe(403);
    const revoked = await token({
      grant_type: 'refresh_token',
      client_id: 'crm_client',
      refresh_token: fresh.body.refresh_token as string,
    });
    expect(revoked.body.error).toBe('invalid_grant');
    const after = await token(PASSWORD);
    expect(await listWith(after.body.access_token as string)).toBe(200);
  });

  it('client_credentials with the secret in the body or as HTTP Basic; no refresh token', async () => {
    const post = await token({
      grant_type: 'client_credentials',
      client_id: 'crm_service',
      client_secret: 'crm-service-secret',
    });
    expect(post.status).toBe(200);
    expect(post.body.refresh_token).toBeUndefined();
    expect(decodeJwt(post.body.access_token as string)).toMatchObject({
      azp: 'crm_service',
      realm_access: { roles: ['operatorRole'] },
    });
    expect(await listWith(post.body.access_token as string)).toBe(200);
    const basic = await token(
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from('crm_service:crm-service-secret').toString('base64')}` },
    );
    expect(basic.status).toBe(200);
  });

  it('OAuth 2 errors: invalid_request, unsupported_grant_type, invalid_grant, invalid_client, unauthorized_client', async () => {
    const cases: [Record<string, string>, Record<string, string>, number, string][] = [
      [{}, {}, 400, 'invalid_request'],
      [{ grant_type: 'authorization_code', client_id: 'crm_client' }, {}, 400, 'unsupported_grant_type'],
      [{ grant_type: 'password', username: 'a', password: 'b' }, {}, 400, 'invalid_request'],
      [{ grant_type: 'password', client_id: 'crm_client', password: 'b' }, {}, 400, 'invalid_request'],
      [
        { grant_type: 'password', client_id: 'crm_client', username: 'crm_client_user' },
        {},
        400,
        'invalid_request',
      ],
      [{ ...PASSWORD, password: 'wrong' }, {}, 400, 'invalid_grant'],
      [{ ...PASSWORD, username: 'nobody' }, {}, 400, 'invalid_grant'],
      [{ grant_type: 'refresh_token', client_id: 'crm_client' }, {}, 400, 'invalid_request'],
      [
        { grant_type: 'refresh_token', client_id: 'crm_client', refresh_token: 'garbage' },
        {},
        400,
        'invalid_grant',
      ],
      [{ ...PASSWORD, client_id: 'unknown_client' }, {}, 401, 'invalid_client'],
      [
        { grant_type: 'client_credentials', client_id: 'crm_service', client_secret: 'wrong' },
        {},
        401,
        'invalid_client',
      ],
      [{ grant_type: 'client_credentials', client_id: 'crm_service' }, {}, 401, 'invalid_client'],
      [
        { grant_type: 'client_credentials' },
        { authorization: `Basic ${Buffer.from('crm_service:nope').toString('base64')}` },
        401,
        'invalid_client',
      ],
      [{ grant_type: 'client_credentials', client_id: 'crm_client' }, {}, 401, 'unauthorized_client'],
    ];
    for (const [form, headers, status, error] of cases) {
      const answer = await token(form, headers);
      expect(answer.status, JSON.stringify(form)).toBe(status);
      expect(answer.body.error, JSON.stringify(form)).toBe(error);
      expect(JSON.stringify(answer.body)).not.toContain('crm-client-password');
    }
    const json = await fetch(emulator.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PASSWORD),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    // An unknown realm: 404 with an OAuth error body, as the spec declares (checked by token()).
    const realm = await token(PASSWORD, {}, emulator.tokenUrl.replace('/nagra/', '/other/'));
    expect(realm.status).toBe(404);
    expect(realm.body.error).toBe('invalid_request');
  });

  it('a user without operatorRole gets a token, but the gateway answers 403', async () => {
    const viewer = await token({ ...PASSWORD, username: 'viewer_user', password: 'viewer-password' });
    expect(viewer.status).toBe(200);
    expect(decodeJwt(viewer.body.access_token as string)).toMatchObject({ realm_access: { roles: [] } });
    expect(await listWith(viewer.body.access_token as string)).toBe(403);
  });

  it('token calls are logged as getAccessToken', async () => {
    await token(PASSWORD);
    expect(emulator.getState().requests.at(-1)).toMatchObject({ operationId: 'getAccessToken', status: 200 });
  });
});
