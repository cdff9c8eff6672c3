// Signed notification deliveries per second through each plugin's `notificationReceiver` (Express and Hono), with
// the in-memory store and with the Redis store (@crm-gateway/redis on a real redis-server on a free loopback port).
// Each delivery is a distinct event, signed with `signNotification` before the load starts (signing is OPF's work,
// not the portal's), sent once by autocannon at 16 connections; every answer must be 200 and every event handled
// exactly once (checked in the app). Rounds interleave the four combinations (order rotating); the figure for each
// is its median over the rounds; Redis / in-memory is reported per plugin.
//   node bench/receiver/run.mjs [--quick]   (last stdout line: the JSON report)
import { signNotification } from '@crm-gateway/client';
import autocannon from 'autocannon';
import { benchPath, cannon, isQuick, median, round, startNode, startRedis, stopChild } from '../lib/kit.mjs';

const SECRET = 'bench-notification-secret';
const quick = isQuick();
const ROUNDS = quick ? 1 : 3;
const DELIVERIES = quick ? 2_000 : 6_000;
const CONNECTIONS = 16;

async function signedDeliveries(count, tag) {
  const occurredAt = new Date().toISOString();
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const body = JSON.stringify({
        eventId: `evt-${tag}-${i}-${crypto.randomUUID()}`,
        tenantId: 'tenant1',
        entitlementId: `ent-${i}`,
        accountId: 'account-alice',
        productId: 'Netflix_EU_B_BUNDLE_BASIC',
        productType: 'THIRDPARTY',
        status: 'ACTIVE',
        occurredAt,
      });
      return { body, signature: await signNotification({ secret: SECRET, rawBody: body }) };
    }),
  );
}

async function deliver(app, deliveries) {
  let next = 0;
  const before = await (await fetch(`${app.url}/__stats`)).json();
  // Timed from the first request sent to the last answer (autocannon's own duration is in whole seconds).
  let started;
  let finished;
  let answered = 0;
  const result = await cannon(autocannon, {
    url: `${app.url}/opf/notifications`,
    connections: CONNECTIONS,
    amount: deliveries.length,
    requests: [
      {
        setupRequest: (req) => {
          started ??= performance.now();
          const { body, signature } = deliveries[next++ % deliveries.length];
          return {
            ...req,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-opf-signature': signature },
            body,
          };
        },
        onResponse: () => {
          answered += 1;
          if (answered === deliveries.length) finished = performance.now();
        },
      },
    ],
  });
  const seconds = ((finished ?? performance.now()) - started) / 1000;
  const after = await (await fetch(`${app.url}/__stats`)).json();
  const handled = after.handled - before.handled;
  const runs = after.runs - before.runs;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${app.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  if (handled !== deliveries.length || runs !== deliveries.length) {
    throw new Error(`${app.name}: ${deliveries.length} events sent, ${handled} handled in ${runs} runs`);
  }
  // Deliveries over the wall time of the load.
  return result['2xx'] / seconds;
}

const redis = await startRedis();
const apps = [];
try {
  for (const framework of ['express', 'hono']) {
    for (const store of ['memory', 'redis']) {
      const started = await startNode([benchPath('receiver/app.mjs'), framework, store, redis.url]);
      apps.push({
        name: `${framework}/${store}`,
        framework,
        store,
        child: started.child,
        ...started.ready,
        rps: [],
      });
    }
  }
  for (const app of apps) await deliver(app, await signedDeliveries(500, `warm-${app.name}`));
  for (let r = 0; r < ROUNDS; r += 1) {
    const order = apps.map((_, i) => apps[(i + r) % apps.length]);
    for (const app of order) app.rps.push(await deliver(app, await signedDeliveries(DELIVERIES, `r${r}`)));
  }
  const figures = {};
  for (const app of apps) {
    figures[app.framework] ??= {};
    figures[app.framework][app.store] = Math.round(median(app.rps));
  }
  for (const framework of Object.keys(figures)) {
    figures[framework].redisVsMemoryRatio = round(figures[framework].redis / figures[framework].memory);
  }
  console.log(
    JSON.stringify({ rounds: ROUNDS, deliveriesPerRound: DELIVERIES, connections: CONNECTIONS, ...figures }),
  );
} finally {
  for (const app of apps) await stopChild(app.child);
  await redis.stop();
}
