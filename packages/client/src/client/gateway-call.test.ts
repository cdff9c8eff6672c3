import { expect, test } from 'vitest';
import { BASE_URL, TOKEN_URL, gatewayWithTokens, json } from '../../test/fake-fetch.js';
import { EntitlementNotFoundError } from '../errors/entitlement-not-found-error.js';
import { ServerError } from '../errors/server-error.js';
import { createCrmGatewayClient } from './create-client.js';

// A gateway whose 2xx answers the client cannot use echo the request's Authorization header: the error built from
// such an answer keeps its body, with the token redacted.
function echoingClient(answer: (authorization: string) => Record<string, unknown>) {
  const fake = gatewayWithTokens((request) => json(200, answer(request.headers['authorization'] ?? '')));
  const client = createCrmGatewayClient({
    baseUrl: BASE_URL,
    tenantId: 'tenant1',
    auth: { tokenUrl: TOKEN_URL, clientId: 'crm_client', username: 'user', password: 'pw' },
    fetch: fake.fetch,
  });
  return {
    client,
    token: () => fake.gatewayRequests()[0]!.headers['authorization']!.slice('Bearer '.length),
  };
}

test.each([
  [
    'an action that matched no entitlement',
    (echo: string) => ({ matchedCount: 0, echo }),
    (c: ReturnType<typeof echoingClient>['client']) => c.entitlements.suspend('e-1'),
    EntitlementNotFoundError,
  ],
  [
    'a recovery answer with no recoveryUrl',
    (echo: string) => ({ echo }),
    (c: ReturnType<typeof echoingClient>['client']) => c.entitlements.recover('e-1'),
    ServerError,
  ],
  [
    'an activation answer with no URL',
    (echo: string) => ({ nested: [{ echo }] }),
    (c: ReturnType<typeof echoingClient>['client']) => c.entitlements.getActivationInfo('e-1'),
    ServerError,
  ],
])('%s: the error keeps the 2xx body, the token redacted', async (_, answer, call, Type) => {
  const { client, token } = echoingClient(answer);
  const error = await call(client).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Type);
  const body = JSON.stringify((error as { body: unknown }).body);
  expect(token().length).toBeGreaterThan(10);
  expect(body).not.toContain(token());
  expect(body).toContain('[REDACTED]');
  expect(JSON.stringify(error)).not.toContain(token());
});
