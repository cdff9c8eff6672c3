// Heap growth of the client after warm-up: purchases against the stub upstream (its own process), 16 at a time,
// then `global.gc()` (run with --expose-gc) until the heap settles, and the heap used compared before and after
// each window of 10,000 calls. The figure is the median over the windows, in bytes per 10,000 calls.
//   node --expose-gc bench/client/heap.mjs [--quick]   (last stdout line: the JSON report)
import { createCrmGatewayClient } from '@crm-gateway/client';
import { benchPath, isQuick, median, startNode, stopChild } from '../lib/kit.mjs';

if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const quick = isQuick();
const WINDOWS = quick ? 2 : 3;
const CALLS = 10_000;
const WARM_UP = quick ? 3_000 : 5_000;
const CONCURRENCY = 16;
const input = { accountId: 'account-alice', productId: 'Netflix_EU_B_BUNDLE_BASIC' };

async function settledHeap() {
  let last = Infinity;
  for (let i = 0; i < 10; i += 1) {
    global.gc();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (Math.abs(used - last) < 1_024) return used;
    last = used;
  }
  return last;
}

const stub = await startNode([benchPath('lib/upstream.mjs')]);
try {
  const { url, tokenUrl } = stub.ready;
  const client = createCrmGatewayClient({
    baseUrl: url,
    tenantId: 'tenant1',
    auth: { tokenUrl, clientId: 'crm_client', username: 'crm_client_user', password: 'pw' },
  });
  async function calls(count) {
    let left = count;
    const worker = async () => {
      while (left > 0) {
        left -= 1;
        await client.entitlements.purchaseThirdPartyProduct(input);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  await calls(WARM_UP);
  const growth = [];
  for (let w = 0; w < WINDOWS; w += 1) {
    const before = await settledHeap();
    await calls(CALLS);
    growth.push((await settledHeap()) - before);
  }
  console.log(
    JSON.stringify({
      warmUpCalls: WARM_UP,
      callsPerWindow: CALLS,
      windows: growth,
      heapGrowthBytesPer10kCalls: Math.round(median(growth)),
      heapUsedBytes: process.memoryUsage().heapUsed,
    }),
  );
} finally {
  await stopChild(stub.child);
}
