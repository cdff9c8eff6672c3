// Token endpoint requests for concurrent purchases with a cold cache (correctness: each must be exactly 1):
//  1. one client, 1,000 purchases started at once;
//  2. a fleet of 3 clients sharing the Redis token cache (@crm-gateway/redis, each with its own connection, as
//     separate instances would), against a real redis-server on a free loopback port, 3 x 100 purchases at once.
// Both against the stub upstream in its own process, which counts the token requests it served.
//   node bench/client/tokens.mjs   (last stdout line: the JSON report)
import { createCrmGatewayClient } from '@crm-gateway/client';
import { createRedisTokenCache } from '@crm-gateway/redis';
import { benchPath, startNode, startRedis, stopChild } from '../lib/kit.mjs';

const input = { accountId: 'account-alice', productId: 'Netflix_EU_B_BUNDLE_BASIC' };

async function withStub(run) {
  const stub = await startNode([benchPath('lib/upstream.mjs')]);
  try {
    const { url, tokenUrl } = stub.ready;
    const options = {
      baseUrl: url,
      tenantId: 'tenant1',
      auth: { tokenUrl, clientId: 'crm_client', username: 'crm_client_user', password: 'pw' },
    };
    const purchases = await run(options);
    const stats = await (await fetch(`${url}/__stats`)).json();
    if (stats.purchases !== purchases)
      throw new Error(`${stats.purchases} purchases served, ${purchases} sent`);
    return { purchases, tokenRequests: stats.tokenRequests };
  } finally {
    await stopChild(stub.child);
  }
}

const single = await withStub(async (options) => {
  const client = createCrmGatewayClient(options);
  const results = await Promise.all(
    Array.from({ length: 1_000 }, () => client.entitlements.purchaseThirdPartyProduct(input)),
  );
  return results.length;
});

const redis = await startRedis();
let fleet;
try {
  fleet = await withStub(async (options) => {
    const caches = await Promise.all([0, 1, 2].map(() => createRedisTokenCache({ url: redis.url })));
    try {
      const clients = caches.map((tokenCache) => createCrmGatewayClient({ ...options, tokenCache }));
      const results = await Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: 100 }, () => client.entitlements.purchaseThirdPartyProduct(input)),
        ),
      );
      return results.length;
    } finally {
      for (const cache of caches) await cache.close();
    }
  });
} finally {
  await redis.stop();
}

console.log(
  JSON.stringify({
    single: { clients: 1, ...single },
    redisFleet: { clients: 3, ...fleet },
  }),
);
