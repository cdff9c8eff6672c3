import { createCrmGatewayClient, signNotification, type CrmGatewayClient } from '@crm-gateway/client';
import { startEmulator, type Emulator } from '@crm-gateway/emulator';
import { Hono } from 'hono';
import { CrmGatewayPluginError } from '@crm-gateway/portal';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  crmGateway,
  crmGatewayRouter,
  getCrmGateway,
  MissingCrmGatewayMiddlewareError,
  notificationReceiver,
  purchaseRoute,
  type CrmGatewayEnv,
  type CrmGatewayVariables,
} from '@crm-gateway/hono-plugin';
import { chunkedBody, emulatorClientOptions, notificationRawBody } from '../fixtures/plugin-fixtures.js';

const SECRET = 'hono-test-secret';
const session = { resolveAccountId: () => 'account-alice' };

let emulator: Emulator;
let client: CrmGatewayClient;
const caught: unknown[] = [];

/** An app whose own onError records what reached it. */
function app(): Hono<CrmGatewayEnv> {
  const created = new Hono<CrmGatewayEnv>();
  created.onError((err, c) => {
    caught.push(err);
    // The plugin's errors answer Hono's HTTPResponseError protocol: a status and getResponse().
    const status = err instanceof CrmGatewayPluginError ? (err.status as 500 | 413) : 500;
    return c.json({ handledBy: 'app', code: (err as { code?: unknown }).code ?? null }, status);
  });
  return created;
}

beforeAll(async () => {
  emulator = await startEmulator({ notificationSecret: SECRET });
  client = createCrmGatewayClient(emulatorClientOptions(emulator));
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.reset();
  caught.length = 0;
});

describe('runs Workers-style: app.fetch(Request) only, no Node server', () => {
  it('buys through the router and echoes the correlation id', async () => {
    const portal = app();
    portal.use(crmGateway({ client }));
    portal.route('/api', crmGatewayRouter(session));
    const response = await portal.fetch(
      new Request('http://portal.test/api/purchases', {
        method: 'POST',
        headers: { 'x-correlation-id': 'worker-corr-1', 'content-type': 'application/json' },
        body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC' }),
      }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('x-correlation-id')).toBe('worker-corr-1');
    expect(await response.json()).toMatchObject({ status: 'PENDING', correlationId: 'worker-corr-1' });
    const logged = emulator
      .getState()
      .requests.filter((r) => r.operationId === 'createThirdPartyEntitlement');
    expect(logged.map((r) => r.correlationId)).toEqual(['worker-corr-1']);
  });

  it('receives a signed notification', async () => {
    const handled: string[] = [];
    const portal = new Hono();
    portal.post(
      '/hook',
      notificationReceiver({ secret: SECRET, onNotification: (n) => void handled.push(n.eventId) }),
    );
    const rawBody = notificationRawBody('evt-hono-1');
    const signature = await signNotification({ secret: SECRET, rawBody });
    const response = await portal.request('/hook', {
      method: 'POST',
      headers: { 'x-opf-signature': signature },
      body: rawBody,
    });
    expect(response.status).toBe(200);
    expect(handled).toEqual(['evt-hono-1']);
  });
});

describe('crmGateway / getCrmGateway', () => {
  it('types c.var.crmGateway through the exported CrmGatewayVariables', async () => {
    const portal = new Hono<{ Variables: CrmGatewayVariables }>();
    portal.use(crmGateway({ client }));
    portal.get('/mine', async (c) => {
      const gateway: CrmGatewayClient = c.var.crmGateway;
      expect(gateway).toBe(getCrmGateway(c));
      const { totalRecords } = await gateway.entitlements.list({ accountId: 'account-alice' });
      return c.json({ totalRecords, correlationId: c.var.crmGatewayCorrelationId });
    });
    const response = await portal.request('/mine', { headers: { 'x-correlation-id': 'typed-1' } });
    expect(await response.json()).toEqual({ totalRecords: 0, correlationId: 'typed-1' });
  });

  it('fits an app declared without the plugin types', async () => {
    const plain = new Hono();
    plain.use(crmGateway({ client, tenantId: 'tenant1' }));
    plain.route('/api', crmGatewayRouter(session));
    plain.post('/buy', purchaseRoute(session));
    const response = await plain.request('/api/entitlements');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ entitlements: [] });
  });

  it('throws MissingCrmGatewayMiddlewareError, answered 500 by Hono itself, when the middleware is missing', async () => {
    const portal = app();
    portal.get('/direct', (c) => c.json(Boolean(getCrmGateway(c))));
    portal.post('/purchases', purchaseRoute(session));
    for (const [method, path] of [
      ['GET', '/direct'],
      ['POST', '/purchases'],
    ] as const) {
      const response = await portal.request(path, { method });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ handledBy: 'app', code: 'CRM_GATEWAY_MIDDLEWARE_MISSING' });
    }
    expect(caught[0]).toBeInstanceOf(MissingCrmGatewayMiddlewareError);
    expect(caught[0]).toBeInstanceOf(CrmGatewayPluginError);
    // Without an onError of its own, Hono answers the error through its getResponse(): JSON with the code.
    const bare = new Hono();
    bare.get('/direct', (c) => c.json(Boolean(getCrmGateway(c))));
    const answered = await bare.request('/direct');
    expect(answered.status).toBe(500);
    expect(await answered.json()).toMatchObject({ code: 'CRM_GATEWAY_MIDDLEWARE_MISSING' });
  });

  it('hands errors that are not the gateway’s to app.onError, keeping the correlation id header', async () => {
    const failure = new TypeError('bug in a custom client');
    const broken = Object.create(client) as CrmGatewayClient;
    Object.defineProperty(broken, 'withContext', {
      value: () => ({
        ...client,
        entitlements: { ...client.entitlements, purchaseThirdPartyProduct: () => Promise.reject(failure) },
      }),
    });
    const portal = app();
    portal.use(crmGateway({ client: broken }));
    portal.route('/', crmGatewayRouter(session));
    const response = await portal.request('/purchases', {
      method: 'POST',
      headers: { 'x-correlation-id': 'failing-1', 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC' }),
    });
    expect(response.status).toBe(500);
    expect(caught).toEqual([failure]);
    expect(response.headers.get('x-correlation-id')).toBe('failing-1');
  });

  it('answers 413 itself, as JSON with its code and correlation id, for a body above maxBodyBytes', async () => {
    const portal = app();
    portal.use(crmGateway({ client }));
    portal.route('/', crmGatewayRouter({ ...session, maxBodyBytes: 64 }));
    const response = await portal.request('/purchases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC', padding: 'x'.repeat(100) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than 64 bytes.',
      correlationId: response.headers.get('x-correlation-id'),
    });
    expect(caught).toEqual([]);
    expect(emulator.getState().entitlements).toEqual([]);
  });

  it('answers 413 for a chunked body (no content-length) whose bytes exceed maxBodyBytes', async () => {
    const portal = app();
    portal.use(crmGateway({ client }));
    portal.route('/', crmGatewayRouter({ ...session, maxBodyBytes: 64 }));
    const response = await portal.request('/purchases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // 25 characters, 75 bytes in UTF-8: the limit counts bytes.
      body: chunkedBody(['{"productId":"', '€'.repeat(25), '"}']),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(emulator.getState().entitlements).toEqual([]);
  });

  it('refuses route options without resolveAccountId at start-up', () => {
    expect(() => purchaseRoute({} as never)).toThrow(/resolveAccountId/);
    expect(() => crmGatewayRouter({ resolveAccountId: 'account-alice' } as never)).toThrow(
      /resolveAccountId/,
    );
  });
});
