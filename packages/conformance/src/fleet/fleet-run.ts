import { defaultSeed, startEmulator, type Emulator, type Faults } from '@crm-gateway/emulator';
import { createRedisNotificationStore, createRedisTokenCache } from '@crm-gateway/redis';
import { emulatorClientOptions } from '../fixtures/plugin-fixtures.js';
import { startRedisServer, type TestRedisServer } from '../redis/redis-server.js';
import { startPortalInstance, type PortalInstance } from './portal-fleet.js';
import { startRoundRobinProxy } from './round-robin-proxy.js';

/** How a fleet run is shaped. */
export interface FleetRunOptions {
  /** Purchase intents (one Idempotency-Key each). */
  purchases: number;
  /** Distinct accounts buying. */
  accounts: number;
  /** Users buying at the same time. */
  concurrency: number;
  /** What goes wrong, one phase after the other while the intents run (then nothing). */
  phases: FleetPhase[];
  /** 0..1: the chance that a notification handler run fails. */
  handlerFailureRate: number;
  /** 0..1: the chance that OPF (the emulator) sends a delivery twice at once. */
  notificationDuplicates: number;
  /** Called with a line of progress now and then. */
  progress?: (line: string) => void;
}

/** One phase of a fleet run: the emulator's faults in force, and what happens as it starts. */
export interface FleetPhase {
  faults: Faults;
  /** Revoke every token as the phase starts (with `getAccessToken` faults: a token endpoint outage that bites). */
  revokeTokens?: boolean;
  /** Kill Redis as the phase starts and start it again on the same port a moment later. */
  restartRedis?: boolean;
}

/** What a fleet run found; every count but `purchases` must be 0. */
export interface FleetReport {
  purchases: number;
  /** Entitlements beyond one per intent. */
  duplicates: number;
  /** Intents answered 201 whose entitlement does not exist. */
  lost: number;
  /** Intents with no 201 once the faults stopped and the users retried. */
  unresolved: number;
  /** Events whose handler succeeded more than once. */
  handledTwice: number;
  /** Events OPF raised that no instance handled. */
  notHandled: number;
  /** The users' retries (same key) and the answers that made them. */
  userRetries: number;
  retryCauses: Record<string, number>;
  /** Duplicate copies OPF sent, and requests per instance. */
  notificationCopies: number;
  forwarded: number[];
  rssBeforeMiB: number;
  rssAfterMiB: number;
  durationMs: number;
}

const PRODUCTS = ['Netflix_EU_B_BUNDLE_BASIC', 'Netflix_EU_B_BUNDLE_PREMIUM', 'DisneyPlus_EU_STANDARD'];
const SECRET = 'fleet-notification-secret';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMiB = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

interface Intent {
  key: string;
  accountId: string;
  productId: string;
  entitlementId?: string;
}

/**
 * Runs a fleet of three portal instances (two Express, one Hono) behind a round-robin proxy, sharing Redis for
 * notification claims and the Keycloak token, in front of the emulator: users buy with an Idempotency-Key and
 * retry as people do (the same key, through whichever instance the proxy picks), while OPF's faults are injected
 * and its notifications are delivered through the proxy with duplicates and retries. Then it reconciles the users'
 * answers and the portal's handled events against the emulator's state. Loopback only, bounded in count and time.
 *
 * @example
 * const report = await runFleet({ purchases: 100, accounts: 10, concurrency: 8, faultPhases: [], handlerFailureRate: 0, notificationDuplicates: 0 });
 */
export async function runFleet(options: FleetRunOptions): Promise<FleetReport> {
  const started = Date.now();
  const rssBeforeMiB = rssMiB();
  const accounts = Array.from({ length: options.accounts }, (_, i) => `fleet-account-${i}`);
  const [tenant] = defaultSeed.tenants;
  const redis: TestRedisServer = await startRedisServer();
  const emulator: Emulator = await startEmulator({
    seed: { ...defaultSeed, tenants: [{ ...tenant!, accounts }] },
    notificationSecret: SECRET,
    notificationRetry: { initialDelayMs: 20, maxDelayMs: 400, maxAttempts: 200 },
    notificationDuplicates: options.notificationDuplicates,
  });
  const handled = new Map<string, number>();
  const closers: (() => Promise<void>)[] = [];
  try {
    const instances: PortalInstance[] = [];
    for (const framework of ['express', 'express', 'hono'] as const) {
      // Each instance has its own Redis connections, as separate processes would.
      const store = await createRedisNotificationStore({ url: redis.url });
      const tokenCache = await createRedisTokenCache({ url: redis.url });
      closers.push(
        () => store.close(),
        () => tokenCache.close(),
      );
      const instance = await startPortalInstance(framework, {
        client: {
          baseUrl: emulator.url,
          auth: emulatorClientOptions(emulator).auth,
          timeoutMs: 1_000,
          totalTimeoutMs: 3_000,
          maxRetries: 2,
          backoff: { initialDelayMs: 50, maxDelayMs: 200 },
        },
        tokenCache,
        store,
        notificationSecret: SECRET,
        handled,
        handlerFailureRate: options.handlerFailureRate,
      });
      instances.push(instance);
      closers.push(() => instance.close());
    }
    const proxy = await startRoundRobinProxy(instances.map((i) => i.url));
    closers.push(() => proxy.close());
    emulator.setNotificationUrl(`${proxy.url}/opf/notifications`);

    const intents: Intent[] = Array.from({ length: options.purchases }, (_, i) => ({
      key: `intent-${i}-${crypto.randomUUID()}`,
      accountId: accounts[i % accounts.length]!,
      productId: PRODUCTS[i % PRODUCTS.length]!,
    }));
    const retryCauses: Record<string, number> = {};
    let userRetries = 0;

    /** One user's attempts at an intent (the same key every time); true once answered 201. */
    const buy = async (intent: Intent, attempts: number): Promise<void> => {
      for (let attempt = 0; attempt < attempts && intent.entitlementId === undefined; attempt += 1) {
        if (attempt > 0) {
          userRetries += 1;
          await sleep(20 + Math.random() * 80);
        }
        let cause: string;
        try {
          const response = await fetch(`${proxy.url}/api/purchases`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-test-account': intent.accountId,
              'idempotency-key': intent.key,
            },
            body: JSON.stringify({ productId: intent.productId }),
          });
          const body = (await response.json().catch(() => ({}))) as { entitlementId?: string; code?: string };
          if (response.status === 201 && typeof body.entitlementId === 'string') {
            intent.entitlementId = body.entitlementId;
            return;
          }
          cause = `${response.status} ${body.code ?? ''}`.trim();
        } catch {
          cause = 'no answer';
        }
        retryCauses[cause] = (retryCauses[cause] ?? 0) + 1;
      }
    };

    // Phase 1: the intents, with the faults in force one phase after the other.
    const phases: FleetPhase[] = options.phases.length > 0 ? options.phases : [{ faults: {} }];
    const perPhase = Math.ceil(intents.length / phases.length);
    for (let p = 0; p < phases.length; p += 1) {
      const phase = phases[p]!;
      emulator.setFaults(phase.faults);
      if (phase.revokeTokens) emulator.revokeTokens();
      if (phase.restartRedis) {
        await redis.kill();
        setTimeout(() => void redis.restart(), 300);
      }
      const batch = intents.slice(p * perPhase, (p + 1) * perPhase);
      let cursor = 0;
      const worker = async () => {
        while (cursor < batch.length) {
          const intent = batch[cursor++]!;
          await buy(intent, 3);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      options.progress?.(
        `phase ${p + 1}/${phases.length}: ${intents.filter((i) => i.entitlementId).length} bought`,
      );
    }

    // Phase 2: the faults stop; users whose outcome is still unknown retry with the same key.
    emulator.clearFaults();
    let cursor = 0;
    const retrier = async () => {
      while (cursor < intents.length) {
        const intent = intents[cursor++]!;
        if (intent.entitlementId === undefined) await buy(intent, 5);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, retrier));

    // Let OPF deliver every notification (retries included).
    const deadline = Date.now() + 60_000;
    while (emulator.getState().deliveries.some((d) => d.status === 'pending') && Date.now() < deadline) {
      await sleep(50);
    }

    const state = emulator.getState();
    const expectedIds = new Set(intents.map((i) => i.entitlementId).filter((id): id is string => !!id));
    const stored = state.entitlements;
    const storedIds = new Set(stored.map((e) => e._id));
    const events = new Set(state.deliveries.map((d) => d.eventId));
    return {
      purchases: intents.length,
      duplicates:
        stored.length -
        new Set(intents.filter((i) => storedIds.has(i.entitlementId ?? '')).map((i) => i.key)).size,
      lost: [...expectedIds].filter((id) => !storedIds.has(id)).length,
      unresolved: intents.filter((i) => i.entitlementId === undefined).length,
      handledTwice: [...handled.values()].filter((count) => count > 1).length,
      notHandled: [...events].filter((eventId) => !handled.has(eventId)).length,
      userRetries,
      retryCauses,
      notificationCopies: state.deliveries.reduce((sum, d) => sum + (d.copies ?? 0), 0),
      forwarded: [...proxy.forwarded],
      rssBeforeMiB,
      rssAfterMiB: rssMiB(),
      durationMs: Date.now() - started,
    };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await emulator.close();
    await redis.stop();
  }
}

/**
 * The phases the fleet test and `pnpm soak` run through: resets after commit, 503s, latency beyond the per-attempt
 * timeout, a token endpoint outage (tokens revoked as it starts), and a Redis restart.
 *
 * @example
 * await runFleet({ ...options, phases: FLEET_PHASES });
 */
export const FLEET_PHASES: FleetPhase[] = [
  { faults: { createThirdPartyEntitlement: { reset: 'after-commit', probability: 0.3 } } },
  { faults: { createThirdPartyEntitlement: { status: 503, probability: 0.5 } } },
  { faults: { getAccessToken: { status: 503 } }, revokeTokens: true },
  { faults: { createThirdPartyEntitlement: { latencyMs: 1_200, probability: 0.3 } } },
  { faults: { createThirdPartyEntitlement: { status: 503, probability: 0.2 } }, restartRedis: true },
];
