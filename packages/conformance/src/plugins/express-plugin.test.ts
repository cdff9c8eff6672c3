import { createCrmGatewayClient, type CrmGatewayClient } from '@crm-gateway/client';
import { startEmulator, type Emulator } from '@crm-gateway/emulator';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CRM_GATEWAY,
  cancelRoute,
  crmGateway,
  crmGatewayRouter,
  getCrmGateway,
  notificationReceiver,
  purchaseRoute,
  type CrmGatewayRequest,
} from '@crm-gateway/express-plugin';
import { chunkedBody, emulatorClientOptions, notificationRawBody } from '../fixtures/plugin-fixtures.js';
import { listen } from './express-server.js';

const SECRET = 'express-test-secret';

let emulator: Emulator;
let client: CrmGatewayClient;
const servers: { close(): Promise<void> }[] = [];
const caught: unknown[] = [];

/** The app's own error handler: records what Express routed to it. */
const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  caught.push(err);
  const status =
    typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
  res.status(status).json({ handledBy: 'app', code: (err as { code?: unknown }).code ?? null });
};

async function serve(app: Express): Promise<string> {
  app.use(errorHandler);
  const server = await listen(app);
  servers.push(server);
  return server.url;
}

const session = { resolveAccountId: () => 'account-alice' };

beforeAll(async () => {
  emulator = await startEmulator({ notificationSecret: SECRET });
  client = createCrmGatewayClient(emulatorClientOptions(emulator));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await emulator?.close();
});

beforeEach(() => {
  emulator.reset();
  caught.length = 0;
});

describe('crmGateway / getCrmGateway', () => {
  it('gives hand-written handlers the per-request client, typed without a global augmentation', async () => {
    const app = express();
    app.use(crmGateway({ client }));
    app.get('/mine', async (req, res) => {
      const typed: CrmGatewayRequest = req as CrmGatewayRequest;
      expect(typed[CRM_GATEWAY]).toBe(getCrmGateway(req));
      const { totalRecords } = await getCrmGateway(req).entitlements.list({ accountId: 'account-alice' });
      res.json({ totalRecords });
    });
    const url = await serve(app);
    const response = await fetch(`${url}/mine`, { headers: { 'x-correlation-id': 'hand-written-1' } });
    expect(await response.json()).toEqual({ totalRecords: 0 });
    expect(response.headers.get('x-correlation-id')).toBe('hand-written-1');
    const logged = emulator.getState().requests.filter((r) => r.operationId === 'listEntitlements');
    expect(logged.map((r) => r.correlationId)).toEqual(['hand-written-1']);
  });

  it('throws MissingCrmGatewayMiddlewareError to the app error handler when the middleware is missing', async () => {
    const app = express();
    app.get('/direct', (req, res) => void res.json(Boolean(getCrmGateway(req))));
    app.post('/purchases', purchaseRoute(session));
    const url = await serve(app);
    for (const [method, path] of [
      ['GET', '/direct'],
      ['POST', '/purchases'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ handledBy: 'app', code: 'CRM_GATEWAY_MIDDLEWARE_MISSING' });
    }
    expect(caught).toHaveLength(2);
  });

  it('sends an error of the tenant resolver to the app error handler', async () => {
    const app = express();
    app.use(crmGateway({ client, tenantId: () => '' }));
    app.use(crmGatewayRouter(session));
    const url = await serve(app);
    const response = await fetch(`${url}/entitlements`);
    expect(response.status).toBe(500);
    expect(String(caught[0])).toMatch(/tenant/);
  });

  it('refuses route options without resolveAccountId at start-up', () => {
    expect(() => purchaseRoute({} as never)).toThrow(/resolveAccountId/);
    expect(() => crmGatewayRouter({ resolveAccountId: 'account-alice' } as never)).toThrow(
      /resolveAccountId/,
    );
  });
});

describe('routes', () => {
  it('works after the app-level express.json() and with route factories mounted on custom paths', async () => {
    const app = express();
    app.use(express.json());
    app.use(crmGateway({ client }));
    app.post('/buy', purchaseRoute(session));
    app.post('/my/:entitlementId/stop', cancelRoute(session));
    const url = await serve(app);
    const bought = await fetch(`${url}/buy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC' }),
    });
    expect(bought.status).toBe(201);
    const { entitlementId } = (await bought.json()) as { entitlementId: string };
    const stopped = await fetch(`${url}/my/${entitlementId}/stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'OTHER' }),
    });
    expect(stopped.status).toBe(200);
    expect(emulator.getState().entitlements[0]).toMatchObject({ status: 'CANCELLED', reasonCode: 'OTHER' });
  });

  it('hands errors that are not the gateway’s to the app error handler (Express 5 promise rejection)', async () => {
    const broken = Object.create(client) as CrmGatewayClient;
    const failure = new TypeError('bug in a custom client');
    Object.defineProperty(broken, 'withContext', {
      value: () => ({
        ...client,
        entitlements: { ...client.entitlements, purchaseThirdPartyProduct: () => Promise.reject(failure) },
      }),
    });
    const app = express();
    app.use(crmGateway({ client: broken }));
    app.use(crmGatewayRouter(session));
    const url = await serve(app);
    const response = await fetch(`${url}/purchases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC' }),
    });
    expect(response.status).toBe(500);
    expect(caught).toEqual([failure]);
  });

  it('answers 413 itself, as JSON with its code and correlation id (no stack, whatever NODE_ENV), for a body above maxBodyBytes', async () => {
    const app = express();
    app.use(crmGateway({ client }));
    app.use(crmGatewayRouter({ ...session, maxBodyBytes: 64 }));
    const url = await serve(app);
    const response = await fetch(`${url}/purchases`, {
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
    const app = express();
    app.use(crmGateway({ client }));
    app.use(crmGatewayRouter({ ...session, maxBodyBytes: 64 }));
    const url = await serve(app);
    const response = await fetch(`${url}/purchases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // 25 characters, 75 bytes in UTF-8: the limit counts bytes.
      body: chunkedBody(['{"productId":"', '€'.repeat(25), '"}']),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(emulator.getState().entitlements).toEqual([]);
  });

  it('reads a chunked body within the limit', async () => {
    const app = express();
    app.use(crmGateway({ client }));
    app.use(crmGatewayRouter(session));
    const url = await serve(app);
    const response = await fetch(`${url}/purchases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunkedBody(['{"productId":', '"Netflix_EU_B_BUNDLE_BASIC"}']),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(201);
  });
});

describe('notificationReceiver and body parsers', () => {
  async function signedDelivery(url: string): Promise<Response> {
    const { signNotification } = await import('@crm-gateway/client');
    const rawBody = notificationRawBody('evt-express-1');
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-opf-signature': await signNotification({ secret: SECRET, rawBody }),
      },
      body: rawBody,
    });
  }

  it('answers RAW_BODY_UNAVAILABLE as JSON when express.json() consumed the body before the receiver', async () => {
    const app = express();
    app.use(express.json());
    app.post('/hook', notificationReceiver({ secret: SECRET, onNotification: () => undefined }));
    const url = await serve(app);
    const response = await signedDelivery(`${url}/hook`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      code: 'RAW_BODY_UNAVAILABLE',
      correlationId: expect.any(String),
    });
    expect(caught).toEqual([]);
  });

  it('verifies the signature over the bytes kept by express.raw() on its route', async () => {
    const handled: string[] = [];
    const app = express();
    app.post(
      '/hook',
      express.raw({ type: 'application/json' }),
      notificationReceiver({ secret: SECRET, onNotification: (n) => void handled.push(n.eventId) }),
    );
    app.use(express.json());
    const url = await serve(app);
    const response = await signedDelivery(`${url}/hook`);
    expect(response.status).toBe(200);
    expect(handled).toEqual(['evt-express-1']);
  });
});
