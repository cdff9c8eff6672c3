import { createClient } from 'redis';
import type { UnavailableErrorFactory } from './errors.js';

/**
 * The part of a node-redis client (v5 or v6, `createClient()` or a cluster/sentinel-less equivalent) the stores
 * use: raw commands only, so any client of those majors fits whatever modules or scripts it was created with.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 *
 * const client: RedisClientLike = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 */
export interface RedisClientLike {
  /** Sends one raw Redis command (`['SET', key, value]`) and answers its reply. */
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * How a store reaches Redis: a URL (the store opens, owns and closes its own connection) or a client you
 * created and connected (the store never closes it; give it `disableOfflineQueue: true` so commands fail at once
 * while Redis is away — the store's own `commandTimeoutMs` bounds them either way).
 *
 * @example
 * ```ts
 * const byUrl: RedisConnectionOptions = { url: 'redis://:secret@redis.internal:6379/0' };
 * const byClient: RedisConnectionOptions = { client: myConnectedClient, commandTimeoutMs: 500 };
 * ```
 */
export type RedisConnectionOptions = (
  { url: string; client?: never } | { client: RedisClientLike; url?: never }
) & {
  /** Each Redis command (and the first connection) fails after this many ms. Default 2 000. */
  commandTimeoutMs?: number;
};

/** A connection as the stores use it. */
export interface Connection {
  run(operation: string, args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Removes every form of the URL's credentials from a message. */
function redactorFor(url: string | undefined): (text: string) => string {
  const secrets: string[] = [];
  if (url) {
    secrets.push(url);
    try {
      const parsed = new URL(url);
      for (const part of [parsed.password, parsed.username]) {
        if (part) secrets.push(part, decodeURIComponent(part));
      }
    } catch {
      // Not a URL: only the whole string is redacted.
    }
  }
  const sorted = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((result, secret) => result.split(secret).join('[REDACTED]'), text);
}

/** A short, secret-free description of a failure. */
function describe(error: unknown, redact: (text: string) => string): Error {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? redact(error.message).slice(0, 300) : '';
  const safe = new Error(message);
  safe.name = name;
  return safe;
}

/** Opens (or adopts) a connection; fails with `unavailable('connect', …)` when Redis cannot be reached. */
export async function openConnection(
  options: RedisConnectionOptions,
  what: string,
  unavailable: UnavailableErrorFactory,
): Promise<Connection> {
  const timeoutMs = checkConnectionOptions(options, what);
  const bounded = boundedBy(timeoutMs, redactorFor(options.url), unavailable);
  const client = options.client;
  if (client) {
    return {
      run: (operation, args) =>
        bounded(
          operation,
          Promise.resolve().then(() => client.sendCommand(args)),
        ),
      close: async () => {},
    };
  }
  return ownConnection(options.url!, timeoutMs, bounded, unavailable);
}

/** Checks the options at once (a mistake fails at start-up); the command timeout in ms. */
function checkConnectionOptions(options: RedisConnectionOptions, what: string): number {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${what}(options): options must be an object with url or client`);
  }
  const timeoutMs = options.commandTimeoutMs ?? 2_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new TypeError(`${what}(options): commandTimeoutMs must be a positive integer`);
  }
  const hasUrl = options.url !== undefined;
  const hasClient = options.client !== undefined;
  if (hasUrl === hasClient) throw new TypeError(`${what}(options): give exactly one of url or client`);
  if (hasUrl && (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url))) {
    throw new TypeError(`${what}(options): url must be a redis:// or rediss:// URL`);
  }
  if (hasClient && typeof options.client?.sendCommand !== 'function') {
    throw new TypeError(`${what}(options): client must be a node-redis client (with sendCommand)`);
  }
  return timeoutMs;
}

type Bounded = <T>(operation: string, work: Promise<T>) => Promise<T>;

/** Bounds a command by `timeoutMs` and turns any failure into `unavailable(…)`, its message free of secrets. */
function boundedBy(
  timeoutMs: number,
  redact: (text: string) => string,
  unavailable: UnavailableErrorFactory,
): Bounded {
  return <T>(operation: string, work: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unavailable(operation, `Redis did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([
      work.catch((error: unknown) => {
        const cause = describe(error, redact);
        throw unavailable(operation, cause.message ? `${cause.name}: ${cause.message}` : cause.name, {
          cause,
        });
      }),
      timeout,
    ]).finally(() => clearTimeout(timer));
  };
}

/**
 * Our own connection: no offline queue (a command while Redis is away fails at once instead of waiting for a
 * reconnection), reconnection in the background with a capped backoff, errors never thrown as 'error' events.
 */
async function ownConnection(
  url: string,
  timeoutMs: number,
  bounded: Bounded,
  unavailable: UnavailableErrorFactory,
): Promise<Connection> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000),
    },
  });
  // The first connection fails on its first error (refused, wrong password…) instead of retrying until the
  // timeout; later errors are reported through the failing commands while node-redis reconnects by itself.
  let firstError: ((error: unknown) => void) | undefined;
  client.on('error', (error: unknown) => firstError?.(error));
  try {
    await bounded(
      'connect',
      new Promise((resolve, reject) => {
        firstError = reject;
        client.connect().then(resolve, reject);
      }),
    );
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    firstError = undefined;
  }
  let closed = false;
  return {
    run: (operation, args) =>
      closed
        ? Promise.reject(unavailable(operation, 'the store was closed'))
        : bounded(operation, client.sendCommand(args)),
    async close() {
      if (closed) return;
      closed = true;
      // close() waits for pending replies, and for a reconnection while Redis is away: bounded, then destroyed.
      if (client.isReady) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          client.close().catch(() => undefined),
          new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
        ]);
        clearTimeout(timer);
      }
      if (client.isOpen) client.destroy();
    },
  };
}

/**
 * Deletes `KEYS[1]` only while it holds `ARGV[1]` (compare-and-delete).
 *
 * Why a script and not WATCH/MULTI/EXEC: WATCH state belongs to the connection, and node-redis multiplexes every
 * concurrent caller of a client over one connection (and with `{ client }` the connection is the application's).
 * Two releases in flight would share one WATCH set: the first EXEC clears it, so the second DEL would run
 * unguarded and could delete a claim another instance took in between. WATCH would need a dedicated connection
 * per in-flight call; a script is atomic on any connection, in one round trip. (Redis 8.4's `DELEX … IFEQ` does
 * this without a script; Debian's Redis 7 does not have it.)
 */
export const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** A random id (Web Crypto). */
export const randomId = (): string => crypto.randomUUID();
