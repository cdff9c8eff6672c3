import { networkInterfaces } from 'node:os';
import type { Emulator } from '@crm-gateway/emulator';
import { createCrmGatewayClient, ValidationError } from '@crm-gateway/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchEmulator, PASSWORD_AUTH, tokenCalls } from './emulator-harness.js';

// The emulator listens on every interface, so it is reached over http both on loopback and on this machine's own
// non-loopback address (plain http outside loopback: refused unless allowInsecureHttp).

let emulator: Emulator;
let port: string;
const external = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

beforeAll(async () => {
  emulator = await launchEmulator({ host: '0.0.0.0' });
  port = new URL(emulator.url).port;
});
afterAll(async () => {
  await emulator.close();
});

const options = (host: string, extra: object = {}) => ({
  baseUrl: `http://${host}:${port}`,
  tenantId: 'tenant1',
  auth: {
    tokenUrl: `http://${host}:${port}/keycloak/auth/realms/nagra/protocol/openid-connect/token`,
    ...PASSWORD_AUTH,
  },
  ...extra,
});

describe('https unless loopback or allowInsecureHttp', () => {
  test.each(['127.0.0.1', 'localhost', '127.0.0.2'])(
    'http://%s (loopback) works against the emulator',
    async (host) => {
      const client = createCrmGatewayClient(options(host));
      await expect(client.entitlements.list()).resolves.toMatchObject({ totalRecords: 0 });
    },
  );

  test('http://[::1] (loopback) is accepted', () => {
    expect(() => createCrmGatewayClient(options('[::1]'))).not.toThrow();
  });

  test('plain http outside loopback: ValidationError naming the field, before any request', () => {
    const before = tokenCalls(emulator);
    const host = external ?? '192.0.2.10';
    const bad = [
      [options(host), 'baseUrl'],
      [{ ...options('127.0.0.1'), auth: { ...options(host).auth } }, 'auth.tokenUrl'],
      [
        {
          ...options('127.0.0.1'),
          auth: { keycloakUrl: `http://${host}:${port}/keycloak/auth`, ...PASSWORD_AUTH },
        },
        'auth.keycloakUrl',
      ],
    ] as const;
    for (const [given, field] of bad) {
      let error: unknown;
      try {
        createCrmGatewayClient(given as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field, code: 'VALIDATION_ERROR' });
      expect((error as Error).message).toContain('https');
    }
    expect(() => createCrmGatewayClient({ ...options(host), allowInsecureHttp: 'yes' } as never)).toThrow(
      /allowInsecureHttp/,
    );
    expect(tokenCalls(emulator)).toBe(before);
  });

  test.runIf(external !== undefined)(
    'allowInsecureHttp: true reaches the emulator over http on a non-loopback address',
    async () => {
      const client = createCrmGatewayClient(options(external!, { allowInsecureHttp: true }));
      await expect(client.entitlements.list()).resolves.toMatchObject({ totalRecords: 0 });
    },
  );
});
