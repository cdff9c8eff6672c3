import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '@crm-gateway/emulator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clientFor, launchEmulator, NETFLIX_BASIC } from './emulator-harness.js';
import { verifyNotificationSignature } from '@crm-gateway/client';

const SECRET = 'portal-shared-secret';

interface Received {
  body: string;
  valid: boolean;
  validWithWrongSecret: boolean;
  validWhenTampered: boolean;
}

let emulator: Emulator;
let portal: Server;
const received: Received[] = [];

beforeAll(async () => {
  portal = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = new TextDecoder().decode(new Uint8Array(Buffer.concat(chunks)));
      const header = req.headers['x-opf-signature'];
      const signatureHeader = Array.isArray(header) ? header[0] : header;
      void Promise.all([
        verifyNotificationSignature({ secret: SECRET, signatureHeader, rawBody: body }),
        verifyNotificationSignature({ secret: 'wrong-secret', signatureHeader, rawBody: body }),
        verifyNotificationSignature({
          secret: SECRET,
          signatureHeader,
          rawBody: body.replace('"status"', '"status" '),
        }),
      ]).then(([valid, validWithWrongSecret, validWhenTampered]) => {
        received.push({ body, valid, validWithWrongSecret, validWhenTampered });
        res.writeHead(valid ? 200 : 401).end();
      });
    });
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  emulator = await launchEmulator({ notificationSecret: SECRET });
  emulator.setNotificationUrl(`http://127.0.0.1:${(portal.address() as AddressInfo).port}/opf/notifications`);
});

afterAll(async () => {
  await emulator.close();
  await new Promise<void>((resolve) => portal.close(() => resolve()));
});

test("the emulator's real deliveries pass verifyNotificationSignature; a wrong secret or a changed body do not", async () => {
  const client = clientFor(emulator);
  const { entitlementId } = await client.entitlements.purchaseThirdPartyProduct({
    accountId: 'account-alice',
    productId: NETFLIX_BASIC,
  });
  await emulator.activate(entitlementId);
  await client.entitlements.suspend(entitlementId);
  for (let i = 0; i < 200 && emulator.getState().deliveries.some((d) => d.status !== 'delivered'); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const deliveries = emulator.getState().deliveries;
  expect(deliveries.length).toBeGreaterThanOrEqual(2);
  expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
  expect(received.length).toBeGreaterThanOrEqual(deliveries.length);
  expect(received.every((r) => r.valid && !r.validWithWrongSecret && !r.validWhenTampered)).toBe(true);
  expect(received.some((r) => r.body.includes(entitlementId))).toBe(true);
});
