// Client overhead: median and p99 latency of one purchase through `client.entitlements.purchaseThirdPartyProduct`,
// next to the same request written by hand with a raw `fetch` (the baseline), the same raw `fetch` following no
// redirect (`redirect: 'error'`, as the client sends on Node: undici then skips its copy of the request and its
// body stream, so this is the cheapest fetch of the same request), and the peer a portal would write without us
// (openapi-fetch 0.17.0 + a hand-written static-token middleware), all against the same loopback stub in its own
// process. Sequential calls, many short interleaved rounds (the order rotates every round, so drift and noisy
// neighbours hit all of them alike); per round, each variant's median over the raw fetch's; the figure is the
// median of those per-round ratios, with their spread. The p99 ratio is over all samples. Also the CPU time of this
// process per call (it excludes the stub), a second view that noise from other processes barely moves.
//   node bench/client/overhead.mjs [--quick]   (last stdout line: the JSON report)
import { createCrmGatewayClient } from '@crm-gateway/client';
import createClient from 'openapi-fetch';
import {
  benchPath,
  isQuick,
  median,
  percentile,
  round,
  spread,
  startNode,
  stopChild,
  STUB_TOKEN,
} from '../lib/kit.mjs';

const quick = isQuick();
const ROUNDS = quick ? 6 : 24;
const PER_ROUND = quick ? 100 : 250;
const PATH = '/crm-gateway/v2/rmg/v1/entitlements';
const input = { accountId: 'account-alice', productId: 'Netflix_EU_B_BUNDLE_BASIC' };

const stub = await startNode([benchPath('lib/upstream.mjs')]);
const { url, tokenUrl } = stub.ready;
try {
  const client = createCrmGatewayClient({
    baseUrl: url,
    tenantId: 'tenant1',
    auth: { tokenUrl, clientId: 'crm_client', username: 'crm_client_user', password: 'pw' },
  });

  /** The same request by hand: same headers, same body, token already known, answer parsed and checked. */
  async function raw(redirect) {
    const response = await fetch(`${url}${PATH}`, {
      redirect,
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${STUB_TOKEN}`,
        'nv-tenant-id': 'tenant1',
        'x-correlation-id': crypto.randomUUID(),
      },
      body: JSON.stringify({
        productType: 'THIRDPARTY',
        ...input,
        status: 'PENDING',
        _id: crypto.randomUUID(),
      }),
    });
    const body = await response.json();
    if (response.status !== 201 || typeof body._id !== 'string') throw new Error(`raw: ${response.status}`);
  }

  // The peer: what a portal writes without us (openapi-fetch and a static-token middleware).
  const peer = createClient({ baseUrl: url });
  peer.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${STUB_TOKEN}`);
      request.headers.set('nv-tenant-id', 'tenant1');
      request.headers.set('x-correlation-id', crypto.randomUUID());
      return request;
    },
  });
  async function openapiFetch() {
    const { data, response } = await peer.POST(PATH, {
      body: { productType: 'THIRDPARTY', ...input, status: 'PENDING', _id: crypto.randomUUID() },
    });
    if (response.status !== 201 || typeof data?._id !== 'string') throw new Error(`peer: ${response.status}`);
  }

  async function ours() {
    const result = await client.entitlements.purchaseThirdPartyProduct(input);
    if (typeof result.entitlementId !== 'string') throw new Error('client: no entitlement id');
  }

  const variants = { raw: () => raw(), noRedirectFetch: () => raw('error'), openapiFetch, client: ours };
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  const compared = ['client', 'openapiFetch', 'noRedirectFetch'];
  const roundRatios = Object.fromEntries(compared.map((n) => [n, []]));
  const cpuRatios = Object.fromEntries(compared.map((n) => [n, []]));

  // Warm-up: the token, the JIT, the keep-alive connections.
  for (let i = 0; i < PER_ROUND; i += 1) for (const name of names) await variants[name]();

  for (let r = 0; r < ROUNDS; r += 1) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    const roundMedian = {};
    const roundCpu = {};
    for (const name of order) {
      const fn = variants[name];
      const list = [];
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < PER_ROUND; i += 1) {
        const start = performance.now();
        await fn();
        list.push(performance.now() - start);
      }
      const used = process.cpuUsage(cpuBefore);
      roundCpu[name] = (used.user + used.system) / PER_ROUND;
      roundMedian[name] = median(list);
      samples[name].push(...list);
      cpu[name].push(roundCpu[name]);
    }
    for (const name of compared) {
      roundRatios[name].push(roundMedian[name] / roundMedian.raw);
      cpuRatios[name].push(roundCpu[name] / roundCpu.raw);
    }
  }

  const summary = (name) => ({
    medianMs: round(median(samples[name]), 4),
    p99Ms: round(percentile(samples[name], 99), 4),
    cpuMicrosPerCall: round(median(cpu[name]), 1),
  });
  const versus = (name) => ({
    medianRatio: round(median(roundRatios[name])),
    medianRatioSpread: spread(roundRatios[name]),
    p99Ratio: round(percentile(samples[name], 99) / percentile(samples.raw, 99)),
    cpuRatio: round(median(cpuRatios[name])),
    cpuRatioSpread: spread(cpuRatios[name]),
  });
  console.log(
    JSON.stringify({
      rounds: ROUNDS,
      callsPerRound: PER_ROUND,
      raw: summary('raw'),
      openapiFetch: { ...summary('openapiFetch'), ...versus('openapiFetch') },
      noRedirectFetch: { ...summary('noRedirectFetch'), ...versus('noRedirectFetch') },
      client: { ...summary('client'), ...versus('client') },
      // Ours over the peer's, per round: "no more overhead than the peer".
      clientVsOpenapiFetchRatio: round(
        median(roundRatios.client.map((c, i) => c / roundRatios.openapiFetch[i])),
      ),
      // Ours over the raw fetch that follows no redirect, per round: what the client costs beyond the cheapest fetch.
      clientVsNoRedirectFetchRatio: round(
        median(roundRatios.client.map((c, i) => c / roundRatios.noRedirectFetch[i])),
      ),
    }),
  );
} finally {
  await stopChild(stub.child);
}
