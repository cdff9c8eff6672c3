// Benchmark of one framework plugin: the plugin's purchase route vs the same route written by hand with the client
// (same framework, same stub upstream). The figure is throughput at equal CPU: the hand-written route's CPU time per
// request in the server process (its main thread's, see below) over the plugin's (>= 0.95 is the goal), the median
// of many paired rounds with the spread beside it, and the ratio of the sums over all rounds beside that. Asserts
// nothing. The last stdout line is the JSON report.
//   node bench/plugin-route/run.mjs --app <plugin>/bench/app.mjs [--name <label>] [--quick] [--rounds 30]
//     [--windows 10] [--requests 100] [--connections 4] [--warmup 4000] [--cpu main|process]
//     [--gc minor|off] [--processes 1|2]
//
// The method, and why: each choice was measured against the one before on the shared, busy 2-core machine (the
// per-round ratios of a process per variant, 1 s of autocannon each, swung 0.83–1.46 for Express).
// - Both variants in ONE process: the app serves each on its own server with its own client. Measured against a
//   process per variant driven the same way (`--processes 2`): the rounds agreed about twice as well in one process,
//   since each variant's window is next to the other's on the same heap, JIT state, core and clock.
// - Fixed numbers of requests, not durations, on keep-alive connections opened once by a small node:http driver
//   (autocannon opens new connections on every run): the CPU read around a window covers exactly its requests and
//   no connection set-up, tear-down or half-finished request.
// - The CPU is read by a control server inside the app (`GET /__cpu`, plain node:http) right before and after each
//   window; between the two reads that window's requests are the process's only work.
// - Many short windows, finely interleaved: a round is 10 windows of 100 requests per variant, ABBA ABBA… (the
//   first variant flips every round), and its ratio is over the round's totals. 30 rounds (10 with --quick) after
//   a warm-up of 4,000 requests (2,000) in the same windows. 4 connections: a CPU-per-request figure does not need
//   the server saturated.
// - What moved the rounds most was the old-generation GC: the app promotes a lot (some 25 KB per request reach the
//   old generation, in both variants alike), and a mark-compact, about one per 1,500 requests, adds 10–25 % to the
//   window it lands in, so rounds beat between the variants (0.82–1.02 with a collection landing 0:2 or 1:0). The
//   app counts them (`perf_hooks` gc entries), and a round's CPU per request is over its QUIET windows: none
//   finished in the window or in the one before it (its sweeping spills over). Their counts per variant are reported
//   (`majorGcs`), and `allWindows` keeps the figures with them included, so a plugin that promoted more would show
//   there.
// - Each window ends with a forced young-generation GC (`node --expose-gc`, `GET /__cpu?gc=minor`) before the
//   after-read, so it pays for collecting exactly its own young garbage instead of whichever scavenge happened to
//   fall in it. A forced FULL GC per window was tried and dropped: the rounds agreed, but the CPU per request
//   doubled in the windows after it (it changes what is measured). `--gc off` to compare.
// - The figure's CPU is the main thread's (Linux: its schedstat), the event loop that bounds a Node server's
//   throughput; the whole process's (`process.cpuUsage()`, adding the GC and compiler helper threads, whose share
//   moves with the scheduling) is reported beside it, `--cpu process` makes it the figure. Where there is no
//   schedstat the figure falls back to the process's. Pinning the app and the load to separate cores (taskset) was
//   tried and did not help.
// Requests per second are reported too (each window's count over its wall time), with their own per-round ratio
// and spread; on a busy machine they swing far more, since they depend on what else gets the cores.
// The app is started as `node --expose-gc <app> <upstreamUrl> [hand|plugin]` and must print one JSON line
// `{ hand, plugin, control }` (URLs) when ready; bench/plugin-route/app-kit.mjs does that part for both plugins.
// The label defaults to "<package name> purchase route", the package being the one that holds the app.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, round, spread, startNode, stopChild } from '../lib/kit.mjs';

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    name: { type: 'string' },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    windows: { type: 'string', default: '10' },
    requests: { type: 'string', default: '100' },
    connections: { type: 'string', default: '4' },
    warmup: { type: 'string' },
    cpu: { type: 'string', default: 'main' },
    gc: { type: 'string', default: 'minor' },
    processes: { type: 'string', default: '1' },
  },
});
if (values.app === undefined) throw new Error('--app <path to the plugin bench app.mjs> is required');
const appPath = resolve(values.app);
const rounds = Number(values.rounds ?? (values.quick ? 10 : 30));
const windows = Number(values.windows);
const requests = Number(values.requests);
const connections = Number(values.connections);
const warmup = Number(values.warmup ?? (values.quick ? 2_000 : 4_000));
const youngGc = values.gc === 'minor';
const separate = values.processes === '2';
const BENCH_NAME = values.name ?? `${packageNameOf(appPath)} purchase route`;
const here = (name) => fileURLToPath(new URL(name, import.meta.url));

/** The name in the nearest package.json above `file`. */
function packageNameOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = resolve(dir, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).name;
  }
  throw new Error(`no package.json above ${file}: pass --name`);
}

const BODY = JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC' });
const HEADERS = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(BODY)),
  'x-correlation-id': 'bench-correlation-id',
};

/** Keep-alive connections to one server, opened once and reused by every window. */
function connect(url, sockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(url);
  const send = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request({ agent, hostname, port, method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

/** Sends exactly `amount` purchases, `connections` at a time; resolves the wall time in ms. */
async function drive(target, amount) {
  let left = amount;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      const { status, text } = await target.send('POST', '/purchases', BODY, HEADERS);
      if (status !== 201) throw new Error(`${target.mode}: answered ${status} ${text.slice(0, 200)}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  return performance.now() - started;
}

/** The app's CPU time so far, in µs (`{ processMicros, mainThreadMicros, majorGcs }`), after a young GC if asked. */
async function cpu(control, gc) {
  const { status, text } = await control.send('GET', gc ? '/__cpu?gc=minor' : '/__cpu');
  if (status !== 200) throw new Error(`/__cpu answered ${status}`);
  return JSON.parse(text);
}

/** One window: `requests` purchases on one variant, with the app's CPU read around exactly them. */
async function measure(target) {
  const before = await cpu(target.control, false);
  const ms = await drive(target, requests);
  const after = await cpu(target.control, youngGc);
  return {
    process: after.processMicros - before.processMicros,
    main: after.mainThreadMicros === null ? null : after.mainThreadMicros - before.mainThreadMicros,
    ms,
    majorGcs: after.majorGcs - before.majorGcs,
  };
}

const sum = (list) => list.reduce((a, b) => a + b, 0);

/** CPU per request of one variant over `list` (its windows of a round), with `key` (main or process). */
function perRequest(list, key) {
  if (list.length === 0 || list.some((w) => w[key] === null)) return null;
  return sum(list.map((w) => w[key])) / (list.length * requests);
}

/**
 * A round: `windows` windows per variant, interleaved ABBA ABBA… (the first variant flips every round). Per variant:
 * CPU per request (main thread, process) over its quiet windows and over all of them, requests per second.
 */
async function roundOf(index, targets) {
  const [a, b] = index % 2 === 0 ? [targets.hand, targets.plugin] : [targets.plugin, targets.hand];
  const measured = { hand: [], plugin: [] };
  let previous = null;
  for (let k = 0; k < windows; k += 1) {
    for (const target of k % 2 === 0 ? [a, b] : [b, a]) {
      const window = await measure(target);
      // Quiet: no old-generation collection finished in it nor in the window before (its sweeping spills over).
      window.quiet = window.majorGcs === 0 && (previous === null || previous.majorGcs === 0);
      measured[target.mode].push(window);
      previous = window;
    }
  }
  const of = (list) => {
    const quiet = list.filter((w) => w.quiet);
    return {
      main: perRequest(quiet, 'main'),
      process: perRequest(quiet, 'process'),
      mainAll: perRequest(list, 'main'),
      processAll: perRequest(list, 'process'),
      rps: ((list.length * requests) / sum(list.map((w) => w.ms))) * 1_000,
      majorGcs: sum(list.map((w) => w.majorGcs)),
      quietWindows: quiet.length,
    };
  };
  return { hand: of(measured.hand), plugin: of(measured.plugin) };
}

/** Per-round hand/plugin ratios of one CPU measure: median, spread, ratio of the sums, medians of each. */
function cpuFigures(list, key) {
  const rounds = list.filter((r) => r.hand[key] !== null && r.plugin[key] !== null);
  if (rounds.length === 0) return null;
  const ratios = rounds.map((r) => r.hand[key] / r.plugin[key]);
  return {
    ratio: round(median(ratios)),
    spread: spread(ratios),
    sumRatio: round(sum(rounds.map((r) => r.hand[key])) / sum(rounds.map((r) => r.plugin[key]))),
    ratios: ratios.map((r) => round(r)),
    handMicrosPerRequest: round(median(rounds.map((r) => r.hand[key])), 1),
    pluginMicrosPerRequest: round(median(rounds.map((r) => r.plugin[key])), 1),
  };
}

let upstream;
const apps = [];
const targets = {};
try {
  upstream = await startNode([here('../lib/upstream.mjs')]);
  // One app serving both variants (or, with --processes 2, one app per variant, to compare).
  for (const only of separate ? ['hand', 'plugin'] : [[]]) {
    const app = await startNode(['--expose-gc', appPath, upstream.ready.url, ...[only].flat()]);
    apps.push(app);
    const control = connect(app.ready.control, 1);
    for (const mode of ['hand', 'plugin']) {
      if (app.ready[mode]) targets[mode] = { mode, control, ...connect(app.ready[mode], connections) };
    }
  }
  // Warm-up in the same windows as the rounds: JIT, token, keep-alive connections.
  for (let i = 0, n = Math.ceil(warmup / (requests * windows)); i < n; i += 1) await roundOf(i, targets);
  const list = [];
  for (let i = 0; i < rounds; i += 1) list.push(await roundOf(i, targets));
  const measures = {
    mainThread: cpuFigures(list, 'main'),
    process: cpuFigures(list, 'process'),
    allWindows: { mainThread: cpuFigures(list, 'mainAll'), process: cpuFigures(list, 'processAll') },
  };
  const figure =
    values.cpu === 'process' || measures.mainThread === null ? measures.process : measures.mainThread;
  const rpsRatios = list.map((r) => r.plugin.rps / r.hand.rps);
  const count = (mode, key) => sum(list.map((r) => r[mode][key]));
  console.log(
    JSON.stringify({
      bench: BENCH_NAME,
      method:
        `${separate ? 'a process per variant' : 'both variants in one process'}; per round ${windows} windows ` +
        `of ${requests} requests per variant, interleaved ABBA; CPU per request over the windows without an ` +
        `old-generation GC${youngGc ? ', each window ending with a young-generation GC' : ''}`,
      cpu: figure === measures.mainThread ? 'main thread' : 'process',
      connections,
      rounds,
      windowsPerRound: windows * 2,
      requestsPerWindow: requests,
      warmupRequests: warmup,
      goal: '>= 0.95',
      // The figure: throughput at equal CPU (hand-written CPU per request / plugin's), median of the rounds.
      throughputRatio: figure.ratio,
      cpuRatio: figure.ratio,
      cpuRatioSpread: figure.spread,
      // The same over all rounds at once: the hand-written route's total CPU per request over the plugin's.
      cpuSumRatio: figure.sumRatio,
      // That over all windows, old-generation GCs included (each variant paying for the ones in its windows).
      cpuAllWindowsSumRatio: (figure === measures.mainThread
        ? measures.allWindows.mainThread
        : measures.allWindows.process
      ).sumRatio,
      cpuRatios: figure.ratios,
      handWrittenCpuMicrosPerRequest: figure.handMicrosPerRequest,
      pluginCpuMicrosPerRequest: figure.pluginMicrosPerRequest,
      // Both CPU measures, over the quiet windows and over all of them (old-generation GCs included).
      cpuMeasures: measures,
      // Old-generation collections that finished in each variant's windows, and the windows left quiet.
      majorGcs: { hand: count('hand', 'majorGcs'), plugin: count('plugin', 'majorGcs') },
      quietWindows: {
        hand: count('hand', 'quietWindows'),
        plugin: count('plugin', 'quietWindows'),
        of: rounds * windows,
      },
      // Requests per second as measured (what a busy machine moves most), plugin / hand-written per round.
      handWrittenRequestsPerSec: Math.round(median(list.map((r) => r.hand.rps))),
      pluginRequestsPerSec: Math.round(median(list.map((r) => r.plugin.rps))),
      ratio: round(median(rpsRatios)),
      ratioSpread: spread(rpsRatios),
      ratios: rpsRatios.map((r) => round(r)),
    }),
  );
} finally {
  for (const target of Object.values(targets)) {
    target.close();
    target.control.close();
  }
  for (const app of apps) await stopChild(app.child);
  if (upstream) await stopChild(upstream.child);
}
