import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { startEmulator, type Emulator } from '@crm-gateway/emulator';
import { createExpressPortal } from './express-portal.js';
import { createHonoPortal } from './hono-portal.js';
import { catalogueFromSeed } from './portal/catalogue.js';
import { createPortalConfig, type PortalConfig } from './portal/portal-config.js';

/** The secret the emulator signs notifications with and the portal checks them with (demo only). */
export const DEMO_NOTIFICATION_SECRET = 'demo-notification-secret';

/** What `startDemo` starts. */
export interface RunningDemo {
  framework: 'express' | 'hono';
  emulator: Emulator;
  portal: { url: string; config: PortalConfig };
  close(): Promise<void>;
}

/** Options of `startDemo`. */
export interface StartDemoOptions {
  framework: 'express' | 'hono';
  host?: string;
  /** The portal's port; 0 picks a free one. */
  port?: number;
  /** The emulator's port; 0 picks a free one. */
  emulatorPort?: number;
  log?: (line: string) => void;
  /**
   * How long a client may take to send its request headers, and its whole request, in ms (defaults 10 000 and
   * 30 000): a slow or stalled client is disconnected instead of holding a socket.
   */
  timeouts?: { headersMs?: number; requestMs?: number };
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the OPF emulator (default seed) and the sample portal in front of it, wired both ways: the portal
 * calls the emulator's CRM Gateway with a Keycloak password-grant token, and the emulator sends its
 * entitlement notifications to the portal.
 *
 * @example
 * const demo = await startDemo({ framework: 'hono', port: 0, emulatorPort: 0 });
 * console.log(demo.portal.url);
 * await demo.close();
 */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const emulator = await startEmulator({
    host,
    port: options.emulatorPort ?? 0,
    notificationSecret: DEMO_NOTIFICATION_SECRET,
    notificationRetry: { initialDelayMs: 100, maxDelayMs: 2_000, maxAttempts: 30 },
  });
  try {
    const tenant = emulator.seed.tenants[0];
    const operator = emulator.seed.users.find((user) => user.roles.includes('operatorRole'));
    if (!tenant || !operator) throw new Error('the emulator seed has no tenant or no operator user');
    const config = createPortalConfig({
      framework: options.framework,
      gateway: {
        baseUrl: emulator.url,
        tenantId: tenant.id,
        auth: {
          tokenUrl: emulator.tokenUrl,
          clientId: operator.clientId,
          username: operator.username,
          password: operator.password,
        },
      },
      notificationSecret: DEMO_NOTIFICATION_SECRET,
      catalogue: catalogueFromSeed(emulator.seed, tenant.id),
      log: (line) => log(`[portal:${options.framework}] ${line}`),
    });

    const headersTimeout = options.timeouts?.headersMs ?? 10_000;
    const requestTimeout = options.timeouts?.requestMs ?? 30_000;
    const serverOptions = {
      headersTimeout,
      requestTimeout,
      // How often Node looks for connections past those timeouts (its default is 30 s).
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    };
    const server =
      options.framework === 'express'
        ? createServer(serverOptions, createExpressPortal(config))
        : createServer(serverOptions, getRequestListener(createHonoPortal(config).fetch));
    const url = await listen(server, host, options.port ?? 0);
    emulator.setNotificationUrl(`${url}/opf/notifications`);
    return {
      framework: options.framework,
      emulator,
      portal: { url, config },
      async close() {
        await closeServer(server);
        await emulator.close();
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
