import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A listening HTTP server and the base URL it answers at. */
export interface Listening {
  server: Server;
  baseUrl: string;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Serves `fetch` on `host:port` (0: any free port) and resolves once it listens. A wildcard host is reached
 * through 127.0.0.1 in the base URL. A client that takes longer than `headersTimeoutMs` to send its headers (three
 * times that for the whole request) is disconnected.
 *
 * @example
 * const { server, baseUrl } = await listen(app.fetch, '127.0.0.1', 0);
 */
export async function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  host: string,
  port: number,
  headersTimeoutMs = 10_000,
): Promise<Listening> {
  const serverOptions = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: headersTimeoutMs * 3,
    // How often Node looks for connections past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
  };
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch, port, hostname: host, serverOptions }, () =>
      resolve(started as Server),
    ) as Server;
    started.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return { server, baseUrl: `http://${hostForUrl(host)}:${address.port}` };
}

/**
 * Stops accepting connections, drops the open ones and resolves once the server is closed.
 *
 * @example
 * await closeServer(server);
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
