// Benchmark of one framework plugin: the plugin's purchase route vs the same route written by hand with the client
// (same framework, same stub upstream), each variant in its own process, measured in many short interleaved rounds
// (the order alternates every round). The figure is throughput at equal CPU: per round, the app process's CPU time
// per request of the hand-written route over the plugin's (>= 0.95 is the goal), and its median over the rounds with
// the spread beside it. CPU time per request counts only what the app process spent, so a noisy neighbour (the load
// generator, other jobs on the machine) moves it far less than requests per second, which are reported too, with
// their own per-round ratio and spread. The upstream (../lib/upstream.mjs) runs in its own process; autocannon
// runs here. Asserts nothing. The last stdout line is the JSON report.
//   node bench/plugin-route/run.mjs --app <plugin>/bench/app.mjs [--name <label>] [--duration 1]
//     [--connections 16] [--rounds 15] [--warmup 2]
// The app is started as `node <app> <plugin|hand> <upstreamUrl>`, must print one JSON line `{ url }` when ready
// and answer `GET /__cpu` with its `process.cpuUsage()`. The label defaults to "<package name> purchase route",
// the package being the one that holds the app.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, round, spread } from '../lib/kit.mjs';

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    name: { type: 'string' },
    duration: { type: 'string', default: '1' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '2' },
  },
});
if (values.app === undefined) throw new Error('--app <path to the plugin bench app.mjs> is required');
const appPath = resolve(values.app);
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
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

const upstream = await startChild([here('../lib/upstream.mjs')]);
const apps = [];
try {
  for (const mode of ['hand', 'plugin'])
    apps.push({ mode, ...(await startChild([appPath, mode, upstream.url])) });
  const [hand, plugin] = apps;
  for (const app of apps) await measure(app, warmup); // warm-up: token, JIT, keep-alive connections
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
  const cpuRatio = median(figures.cpuRatios);
  console.log(
    JSON.stringify({
      bench: BENCH_NAME,
      connections,
      durationSec: duration,
      rounds,
      goal: '>= 0.95',
      // The figure: throughput at equal CPU (hand-written CPU per request / plugin's), median of the rounds.
      throughputRatio: round(cpuRatio),
      cpuRatio: round(cpuRatio),
      cpuRatioSpread: spread(figures.cpuRatios),
      cpuRatios: figures.cpuRatios.map((r) => round(r)),
      handWrittenCpuMicrosPerRequest: Math.round(median(figures.handCpu)),
      pluginCpuMicrosPerRequest: Math.round(median(figures.pluginCpu)),
      // Requests per second as measured (what a busy machine moves most), plugin / hand-written per round.
      handWrittenRequestsPerSec: Math.round(median(figures.hand)),
      pluginRequestsPerSec: Math.round(median(figures.plugin)),
      ratio: round(median(figures.ratios)),
      ratioSpread: spread(figures.ratios),
      ratios: figures.ratios.map((r) => round(r)),
    }),
  );
} finally {
  for (const app of apps) await stopChild(app.child);
  await stopChild(upstream.child);
}
