// Benchmark of one framework plugin: requests per second of the plugin's purchase route vs the same route
// written by hand with the client (same framework, same stub upstream), measured in alternating pairs in one
// run; prints the medians and the median per-pair ratio (goal >= 0.95), plus the same ratio in app CPU time
// per request. The upstream (./upstream.mjs) and both variants of the plugin's app run in their own processes;
// autocannon runs here. Asserts nothing. The last stdout line is the JSON report.
//   node bench/plugin-route/run.mjs --app <plugin>/bench/app.mjs [--name <label>] [--duration 2]
//     [--connections 16] [--rounds 9]
// The app is started as `node <app> <plugin|hand> <upstreamUrl>`, must print one JSON line `{ url }` when ready
// and answer `GET /__cpu` with its `process.cpuUsage()`. The label defaults to "<package name> purchase route",
// the package being the one that holds the app.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    name: { type: 'string' },
    duration: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '9' },
  },
});
if (values.app === undefined) throw new Error('--app <path to the plugin bench app.mjs> is required');
const appPath = resolve(values.app);
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const BENCH_NAME = values.name ?? `${packageNameOf(appPath)} purchase route`;
// autocannon is a dev dependency of each plugin: load it from the package under test.
const autocannon = createRequire(appPath)('autocannon');
const here = (name) => fileURLToPath(new URL(name, import.meta.url));

/** The name in the nearest package.json above `file`. */
function packageNameOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = resolve(dir, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).name;
  }
  throw new Error(`no package.json above ${file}: pass --name`);
}

function startChild(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve({ child, url: JSON.parse(out.slice(0, newline)).url });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited early (${code})`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function load(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/purchases`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': 'bench-correlation-id' },
        body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC' }),
        duration: seconds,
        connections,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function cpuMicros(app) {
  const { user, system } = await (await fetch(`${app.url}/__cpu`)).json();
  return user + system;
}

/** Requests per second, and the app process's CPU time per request in µs (robust to noisy neighbours). */
async function measure(app, seconds) {
  const before = await cpuMicros(app);
  const result = await load(app.url, seconds);
  const cpu = (await cpuMicros(app)) - before;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${app.mode}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { rps: result.requests.average, cpuPerRequest: cpu / result.requests.total };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const upstream = await startChild([here('upstream.mjs')]);
const apps = [];
try {
  for (const mode of ['hand', 'plugin'])
    apps.push({ mode, ...(await startChild([appPath, mode, upstream.url])) });
  const [hand, plugin] = apps;
  for (const app of apps) await measure(app, 1); // warm-up: token, JIT, keep-alive connections
  // Short alternating pairs: a noisy neighbour slows both members of a pair alike, so the per-pair ratio and
  // its median stay meaningful on a busy machine.
  const figures = { hand: [], plugin: [], ratios: [], handCpu: [], pluginCpu: [], cpuRatios: [] };
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? [hand, plugin] : [plugin, hand];
    const m = {};
    for (const app of order) m[app.mode] = await measure(app, duration);
    figures.hand.push(m.hand.rps);
    figures.plugin.push(m.plugin.rps);
    figures.ratios.push(m.plugin.rps / m.hand.rps);
    figures.handCpu.push(m.hand.cpuPerRequest);
    figures.pluginCpu.push(m.plugin.cpuPerRequest);
    figures.cpuRatios.push(m.hand.cpuPerRequest / m.plugin.cpuPerRequest);
  }
  console.log(
    JSON.stringify({
      bench: BENCH_NAME,
      connections,
      durationSec: duration,
      rounds,
      handWrittenRequestsPerSec: Math.round(median(figures.hand)),
      pluginRequestsPerSec: Math.round(median(figures.plugin)),
      ratio: Number(median(figures.ratios).toFixed(3)),
      ratios: figures.ratios.map((r) => Number(r.toFixed(3))),
      goal: '>= 0.95',
      // Same comparison in app CPU time per request (hand / plugin): what the route costs, whatever else runs.
      handWrittenCpuMicrosPerRequest: Math.round(median(figures.handCpu)),
      pluginCpuMicrosPerRequest: Math.round(median(figures.pluginCpu)),
      cpuRatio: Number(median(figures.cpuRatios).toFixed(3)),
    }),
  );
} finally {
  for (const app of apps) await stopChild(app.child);
  await stopChild(upstream.child);
}
