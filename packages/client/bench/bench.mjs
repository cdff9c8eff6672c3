// Client benchmarks (run with `pnpm --filter @crm-gateway/client bench` after `build`):
//  1. overhead of client.entitlements.purchaseThirdPartyProduct over a raw fetch of the same request, against the same
//     loopback server (a minimal node:http server answering 201), interleaved rounds, median and p99;
//  2. ESM bundle size (minified + gzip) of the client with openapi-fetch included, built with esbuild's JS API;
//  3. token endpoint calls for 1,000 concurrent purchases with a cold cache.
// Exits non-zero when the run breaks or when (3) is not exactly 1 (a correctness failure); the latency ratio and
// the bundle size are reported against their goals (<= 1.05x, <= 8 kB), with GOAL MISSED where they are missed.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createCrmGatewayClient } from '../dist/index.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const ROUNDS = quick ? 4 : 20;
const PER_ROUND = quick ? 50 : 250;
const BUNDLE_BUDGET = 8 * 1024;
const TOKEN = 'bench-access-token-0123456789';
const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** A loopback server: the token endpoint and a purchase endpoint answering 201 with the _id it got. */
async function startServer() {
  let tokenCalls = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url.startsWith('/keycloak/')) {
        tokenCalls += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: TOKEN, expires_in: 300, token_type: 'Bearer' }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ _id: body._id }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    tokenUrl: `${url}/keycloak/auth/realms/nagra/protocol/openid-connect/token`,
    tokenCalls: () => tokenCalls,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function clientOf(server) {
  return createCrmGatewayClient({
    baseUrl: server.url,
    tenantId: 'tenant1',
    auth: { tokenUrl: server.tokenUrl, clientId: 'crm_client', username: 'crm_client_user', password: 'pw' },
  });
}

const input = { accountId: 'account-alice', productId: 'Netflix_EU_B_BUNDLE_BASIC' };

/** The same request by hand: same headers, same body shape, token already known. */
async function rawPurchase(url) {
  const response = await fetch(`${url}/crm-gateway/v2/rmg/v1/entitlements`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
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
  const body = JSON.parse(await response.text());
  if (response.status !== 201 || !body._id) throw new Error(`raw purchase failed: ${response.status}`);
  return body._id;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(fn, samples) {
  for (let i = 0; i < PER_ROUND; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
}

async function latencyBench() {
  const server = await startServer();
  try {
    const client = clientOf(server);
    const clientPurchase = () => client.entitlements.purchaseThirdPartyProduct(input);
    const raw = () => rawPurchase(server.url);
    for (let i = 0; i < PER_ROUND; i += 1) {
      await clientPurchase();
      await raw();
    }
    const clientSamples = [];
    const rawSamples = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Interleaved, alternating which goes first, so drift affects both alike.
      if (round % 2 === 0) {
        await measure(raw, rawSamples);
        await measure(clientPurchase, clientSamples);
      } else {
        await measure(clientPurchase, clientSamples);
        await measure(raw, rawSamples);
      }
    }
    clientSamples.sort((a, b) => a - b);
    rawSamples.sort((a, b) => a - b);
    const result = {
      samples: clientSamples.length,
      rawMedianMs: percentile(rawSamples, 50),
      rawP99Ms: percentile(rawSamples, 99),
      clientMedianMs: percentile(clientSamples, 50),
      clientP99Ms: percentile(clientSamples, 99),
    };
    result.medianRatio = result.clientMedianMs / result.rawMedianMs;
    result.p99Ratio = result.clientP99Ms / result.rawP99Ms;
    return result;
  } finally {
    await server.close();
  }
}

async function bundleBench() {
  // What a service ships: the client entry (tree-shaken by the bundler), openapi-fetch included.
  const entries = {
    'createCrmGatewayClient + isCrmGatewayError': `export { createCrmGatewayClient, isCrmGatewayError } from ${JSON.stringify(distEntry)};`,
    'verifyNotificationSignature only': `export { verifyNotificationSignature } from ${JSON.stringify(distEntry)};`,
    'whole entry (client, errors, notifications, portal core)': `export * from ${JSON.stringify(distEntry)};`,
    // Baseline measured in the same run: what openapi-fetch alone costs (the part of the budget not ours).
    'openapi-fetch alone (createClient)': `export { default } from 'openapi-fetch';`,
  };
  const sizes = {};
  for (const [name, contents] of Object.entries(entries)) {
    const out = await build({
      stdin: { contents, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
    });
    const bytes = out.outputFiles[0].contents;
    sizes[name] = { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return sizes;
}

async function tokenBench() {
  const server = await startServer();
  try {
    const client = clientOf(server);
    const results = await Promise.all(
      Array.from({ length: 1_000 }, () => client.entitlements.purchaseThirdPartyProduct(input)),
    );
    if (results.length !== 1_000) throw new Error('not every purchase succeeded');
    return server.tokenCalls();
  } finally {
    await server.close();
  }
}

const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
let failed = false;

const latency = await latencyBench();
console.log(
  `\n1. purchase latency, client vs raw fetch (loopback node:http server, ${latency.samples} samples each, interleaved)`,
);
console.log(
  `   raw fetch   median ${latency.rawMedianMs.toFixed(3)} ms   p99 ${latency.rawP99Ms.toFixed(3)} ms`,
);
console.log(
  `   client      median ${latency.clientMedianMs.toFixed(3)} ms   p99 ${latency.clientP99Ms.toFixed(3)} ms`,
);
console.log(
  `   ratio       median ${latency.medianRatio.toFixed(3)}x   p99 ${latency.p99Ratio.toFixed(3)}x   (goal <= 1.05x median; reported only)`,
);

const sizes = await bundleBench();
console.log(
  `\n2. ESM bundle, minified + gzip, openapi-fetch included (budget ${kb(BUNDLE_BUDGET)} for the client)`,
);
for (const [name, size] of Object.entries(sizes)) {
  console.log(`   ${name.padEnd(58)} ${kb(size.gzip).padStart(9)} gzip  (${kb(size.minified)} minified)`);
}
const clientSize = sizes['createCrmGatewayClient + isCrmGatewayError'].gzip;
const openapiFetchSize = sizes['openapi-fetch alone (createClient)'].gzip;
console.log(
  `   client beyond openapi-fetch: ${kb(clientSize - openapiFetchSize)} gzip (${(clientSize / openapiFetchSize).toFixed(2)}x openapi-fetch alone)`,
);
if (clientSize > BUNDLE_BUDGET) {
  console.log(`   GOAL MISSED: the client is ${kb(clientSize)} > ${kb(BUNDLE_BUDGET)}`);
}

const tokenCalls = await tokenBench();
console.log(
  `\n3. token endpoint calls for 1,000 concurrent purchases with a cold cache: ${tokenCalls} (goal 1)`,
);
if (tokenCalls !== 1) failed = true;

console.log(
  '\n' +
    JSON.stringify({
      latency,
      bundle: sizes,
      tokenCallsFor1000ColdPurchases: tokenCalls,
      bundleBudgetBytes: BUNDLE_BUDGET,
    }),
);
process.exit(failed ? 1 : 0);
