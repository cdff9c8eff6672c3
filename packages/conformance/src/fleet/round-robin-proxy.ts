import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback load balancer in front of the portal instances. */
export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded to each target, by index. */
  readonly forwarded: number[];
  close(): Promise<void>;
}

/**
 * Starts a small round-robin HTTP proxy on 127.0.0.1: each request goes to the next target in turn (so a user's
 * retry, or OPF's redelivery, reaches another instance), bodies and answers streamed through unchanged. A target
 * that cannot be reached is answered 502, as a load balancer would.
 *
 * @example
 * const proxy = await startRoundRobinProxy(['http://127.0.0.1:4001', 'http://127.0.0.1:4002']);
 */
export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const forwarded = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const index = next;
    next = (next + 1) % targets.length;
    forwarded[index]! += 1;
    const target = new URL(incoming.url ?? '/', targets[index]);
    const upstream = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('bad gateway');
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
