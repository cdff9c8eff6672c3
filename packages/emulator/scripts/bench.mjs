// Benchmark: purchases per second and p99 latency at 64 connections against a started emulator (each request
// a fresh valid purchase with a unique _id), next to a baseline measured in the same run: a plain node:http
// server answering 201 with a fixed JSON body. Prints the figures and the ratio; asserts nothing.
//   node scripts/bench.mjs [--duration 5] [--connections 64]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '64' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration, connections, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

function summary(name, result) {
  return {
    name,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// Both servers run in their own process (autocannon needs this one's CPU), each printing one JSON line when ready.
const BASELINE_SERVER = `
const { createServer } = require('node:http');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"_id":"abc1234"}'));
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

function startChild(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve({ child, ready: JSON.parse(out.slice(0, newline)) });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

const baseline = await startChild(['-e', BASELINE_SERVER]);
const baselineUrl = `${baseline.ready.url}/crm-gateway/v2/rmg/v1/entitlements`;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const emulatorProcess = await startChild([cli, '--port', '0']);
const emulator = emulatorProcess.ready;
const tokenResponse = await fetch(emulator.tokenUrl, {
  method: 'POST',
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'crm_service',
    client_secret: 'crm-service-secret',
  }),
});
const { access_token: accessToken } = await tokenResponse.json();
const accounts = ['account-alice', 'account-bob', 'account-carol'];
const products = ['Netflix_EU_B_BUNDLE_BASIC', 'Netflix_EU_B_BUNDLE_PREMIUM', 'DisneyPlus_EU_STANDARD'];

let counter = 0;
let reported = false;
function purchaseRequest() {
  counter += 1;
  return {
    method: 'POST',
    path: '/crm-gateway/v2/rmg/v1/entitlements',
    headers: {
      authorization: `Bearer ${accessToken}`,
      'nv-tenant-id': 'tenant1',
      'x-correlation-id': `bench-${counter}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      _id: `bench-${process.pid}-${counter}`,
      productType: 'THIRDPARTY',
      productId: products[counter % products.length],
      accountId: accounts[counter % accounts.length],
      status: 'PENDING',
    }),
  };
}

const requestBody = JSON.stringify({
  productType: 'THIRDPARTY',
  productId: 'p',
  accountId: 'a',
  status: 'PENDING',
});
console.log(`autocannon: ${connections} connections, ${duration} s each`);
const base = summary(
  'baseline node:http 201',
  await run({
    url: baselineUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody,
  }),
);
const purchases = summary(
  'emulator purchase',
  await run({
    url: `${emulator.url}/crm-gateway/v2/rmg/v1/entitlements`,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...purchaseRequest() }),
        onResponse: (status, body) => {
          if (status !== 201 && !reported) {
            reported = true;
            console.error(`first non-201 answer: ${status} ${body}`);
          }
        },
      },
    ],
  }),
);
const state = await (await fetch(`${emulator.url}/__emulator/state`)).json();
const stored = state.entitlements.length;
await stopChild(emulatorProcess.child);
await stopChild(baseline.child);

console.table([base, purchases]);
console.log(`entitlements stored: ${stored}`);
console.log(`purchases/s: ${purchases.requestsPerSec}, p99: ${purchases.p99Ms} ms`);
console.log(
  `ratio emulator/baseline throughput: ${(purchases.requestsPerSec / base.requestsPerSec).toFixed(3)}`,
);
console.log(
  `ratio emulator/baseline p99 latency: ${(purchases.p99Ms / Math.max(base.p99Ms, 1)).toFixed(2)}x`,
);
if (purchases.non2xx > 0 || purchases.errors > 0) {
  console.error(
    `warning: ${purchases.non2xx} non-2xx answers and ${purchases.errors} errors during the purchase run`,
  );
  process.exitCode = 1;
}
