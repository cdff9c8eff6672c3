// The emulator's throughput and p99 latency for purchases at 64 connections, next to Prism (@stoplight/prism-cli
// 5.14.2) mocking the same spec (openapi/crm-gateway.yaml) in the same run: each in its own process, the same
// purchase request (a fresh valid body with a unique _id every time, a bearer token), interleaved rounds with the
// order alternating; the ratio is per round (emulator / Prism requests per second), its median with the spread.
// Prism runs with `--verboseLevel warn` (it logs every request at its default level, which would slow it down and
// flatter us). Every answer must be 2xx, and the emulator must have stored one entitlement per 201.
//   node bench/emulator/run.mjs [--quick]   (last stdout line: the JSON report)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  benchPath,
  cannon,
  freePort,
  isQuick,
  median,
  round,
  spread,
  startNode,
  stopChild,
} from '../lib/kit.mjs';

const quick = isQuick();
const ROUNDS = quick ? 2 : 5;
const DURATION = quick ? 1 : 3;
const CONNECTIONS = 64;
const PATH = '/crm-gateway/v2/rmg/v1/entitlements';
const spec = benchPath('../openapi/crm-gateway.yaml');
const emulatorCli = join(dirname(fileURLToPath(import.meta.resolve('@crm-gateway/emulator'))), 'cli.js');
const prismCli = join(
  dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')),
  'dist/index.js',
);

/** Starts Prism quietly (it then prints nothing when ready) and waits until it answers on its port. */
async function startPrism() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismCli, 'mock', spec, '-p', String(port), '-h', '127.0.0.1', '--verboseLevel', 'warn'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited early (${child.exitCode})`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      return { child, url };
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('prism did not answer within 60 s');
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const accounts = ['account-alice', 'account-bob', 'account-carol'];
const products = ['Netflix_EU_B_BUNDLE_BASIC', 'Netflix_EU_B_BUNDLE_PREMIUM', 'DisneyPlus_EU_STANDARD'];
let counter = 0;

/** One purchase: unique _id and correlation id, the seed's body, the target's bearer token. */
function purchase(token) {
  counter += 1;
  return {
    method: 'POST',
    path: PATH,
    headers: {
      authorization: `Bearer ${token}`,
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

async function load(target, seconds) {
  const result = await cannon(autocannon, {
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...purchase(target.token) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { rps: result.requests.average, p99Ms: result.latency.p99, total: result['2xx'] };
}

const children = [];
try {
  const emulatorProcess = await startNode([emulatorCli, '--port', '0', '--host', '127.0.0.1']);
  children.push(emulatorProcess.child);
  const prism = await startPrism();
  children.push(prism.child);
  const { url, tokenUrl } = emulatorProcess.ready;
  const tokenResponse = await fetch(tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'crm_service',
      client_secret: 'crm-service-secret',
    }),
  });
  const { access_token: token } = await tokenResponse.json();
  if (typeof token !== 'string') throw new Error(`emulator token endpoint: ${tokenResponse.status}`);
  const emulator = { name: 'emulator', url, token, rps: [], p99: [], created: 0 };
  const mock = { name: 'prism', url: prism.url, token: 'bench-token', rps: [], p99: [] };

  // Warm-up: JIT, keep-alive connections.
  emulator.created += (await load(emulator, 1)).total;
  await load(mock, 1);
  const ratios = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const order = r % 2 === 0 ? [emulator, mock] : [mock, emulator];
    const m = {};
    for (const target of order) {
      m[target.name] = await load(target, DURATION);
      target.rps.push(m[target.name].rps);
      target.p99.push(m[target.name].p99Ms);
    }
    emulator.created += m.emulator.total;
    ratios.push(m.emulator.rps / m.prism.rps);
  }
  const state = await (await fetch(`${url}/__emulator/state`)).json();
  const stored = state.entitlements.length;
  if (stored < emulator.created) throw new Error(`${emulator.created} purchases answered, ${stored} stored`);

  console.log(
    JSON.stringify({
      connections: CONNECTIONS,
      rounds: ROUNDS,
      durationSec: DURATION,
      emulatorPurchasesPerSecond: Math.round(median(emulator.rps)),
      emulatorP99Ms: median(emulator.p99),
      emulatorRps: emulator.rps.map(Math.round),
      prismRequestsPerSecond: Math.round(median(mock.rps)),
      prismP99Ms: median(mock.p99),
      prismRps: mock.rps.map(Math.round),
      emulatorVsPrismThroughputRatio: round(median(ratios)),
      ratioSpread: spread(ratios),
      entitlementsStored: stored,
    }),
  );
} finally {
  for (const child of children) await stopChild(child);
}
