// `pnpm bench`: the benchmark report. Runs every section in its own process, one after the other (never two at
// once: they would measure each other), sets each figure against its baseline measured in the same run and its goal
// (./goals.mjs), writes bench/results/latest.json and prints a table. A missed performance goal is reported
// (GOAL MISSED); a wrong correctness figure (token requests, soak counts) or a section that breaks makes it exit 1.
//   node bench/run.mjs [--quick] [--only section,...]
// --quick: fewer and shorter rounds (a fast pass, about a minute or two). --only: run just those sections (see
// SECTIONS) and write bench/results/partial.json instead of latest.json.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { GOALS } from './goals.mjs';
import { CLIENT_CHECK, OPENAPI_FETCH_CHECK } from './.size-limit.mjs';
import { benchPath, lastJsonLine, round } from './lib/kit.mjs';

const { values } = parseArgs({
  // `pnpm bench -- --only x` hands the `--` on: leave it out.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick;
const q = quick ? ['--quick'] : [];
const SOAK_PURCHASES = quick ? 200 : 1_000;
// The plugin sections' own defaults: 30 rounds, 10 with --quick (plugin-route/run.mjs).
const pluginArgs = q;
const node = process.execPath;

/** Each section: the command it runs (cwd: the bench folder) and how its output is read. */
const SECTIONS = {
  'client-overhead': { command: [node, 'client/overhead.mjs', ...q] },
  tokens: { command: [node, 'client/tokens.mjs'] },
  heap: { command: [node, '--expose-gc', 'client/heap.mjs', ...q] },
  bundle: {
    command: [node, benchPath('node_modules/size-limit/bin.js'), '--json'],
    // size-limit exits 1 when the budget is exceeded; its JSON report is still the figure.
    acceptExitCode: (code) => code === 0 || code === 1,
    parse: (stdout) => JSON.parse(stdout.slice(stdout.indexOf('['), stdout.lastIndexOf(']') + 1)),
  },
  'express-plugin': {
    command: [
      node,
      'plugin-route/run.mjs',
      '--app',
      '../packages/express-plugin/bench/app.mjs',
      ...pluginArgs,
    ],
  },
  'hono-plugin': {
    command: [node, 'plugin-route/run.mjs', '--app', '../packages/hono-plugin/bench/app.mjs', ...pluginArgs],
  },
  emulator: { command: [node, 'emulator/run.mjs', ...q] },
  receiver: { command: [node, 'receiver/run.mjs', ...q] },
  soak: {
    command: ['pnpm', '--filter', '@crm-gateway/conformance', 'soak'],
    env: { SOAK_PURCHASES: String(SOAK_PURCHASES) },
    // The fleet test fails (exit 1) on any mismatch; its `soak:` line still carries the counts.
    acceptExitCode: () => true,
    parse: (stdout) => {
      const line = stdout.split('\n').find((l) => l.startsWith('soak: purchases'));
      if (!line) throw new Error('no `soak: purchases …` line in the fleet soak output');
      const count = (label) => Number(new RegExp(`${label} (\\d+)`).exec(line)?.[1]);
      return {
        line,
        purchases: count('purchases'),
        duplicates: count('duplicates'),
        lost: count('lost'),
        unresolved: count('unresolved'),
        handledTwice: count('handled twice'),
        notHandled: count('not handled'),
      };
    },
  },
};

const selected = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SECTIONS);
for (const name of selected) if (!SECTIONS[name]) throw new Error(`unknown section ${name}`);

/** Runs one section; resolves `{ result, seconds }` or `{ error, seconds }`. Its stderr goes to ours. */
function runSection(name) {
  const { command, env, acceptExitCode = (code) => code === 0, parse = lastJsonLine } = SECTIONS[name];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), {
      cwd: benchPath(''),
      env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const done = (value) => resolve({ ...value, seconds: Math.round((Date.now() - started) / 100) / 10 });
    child.once('error', (error) => done({ error: error.message }));
    child.once('close', (code) => {
      if (!acceptExitCode(code)) return done({ error: `exit code ${code}\n${stdout.slice(-3_000)}` });
      try {
        done({ result: parse(stdout) });
      } catch (error) {
        done({ error: `${error.message}\n${stdout.slice(-3_000)}` });
      }
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuCount: cpus.length,
    cpus,
    totalMemoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    loadAverage: os.loadavg(),
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    node: process.version,
    v8: process.versions.v8,
  };
}

function git() {
  const run = (...args) => {
    try {
      return execFileSync('git', args, { cwd: benchPath(''), encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  return {
    commit: run('rev-parse', 'HEAD'),
    branch: run('rev-parse', '--abbrev-ref', 'HEAD'),
    dirty: (run('status', '--porcelain') ?? '') !== '',
  };
}

/** A figure: its value, unit, goal and whether it is met, the baseline it is set against, and details. */
function figure(name, value, unit, extra = {}) {
  const goal = GOALS[name] ?? { kind: 'reported' };
  let met = null;
  let goalText = 'reported';
  if (goal.max !== undefined) {
    met = value <= goal.max;
    goalText = `<= ${goal.max}`;
  } else if (goal.min !== undefined) {
    met = value >= goal.min;
    goalText = `>= ${goal.min}`;
  } else if (goal.equals !== undefined) {
    met = value === goal.equals;
    goalText = `= ${goal.equals}`;
  }
  return { value, unit, goal: goalText, kind: goal.kind, met, ...extra };
}

/** The figure of a section that broke: no value, not met. */
const broken = (name, error) => ({ ...figure(name, null, null), met: false, error: error.split('\n')[0] });

/** The figures of each section, from its report. */
const FIGURES = {
  'client-overhead': (r) => {
    const baseline = { name: 'raw fetch of the same request', medianMs: r.raw.medianMs, p99Ms: r.raw.p99Ms };
    return {
      clientOverheadRatio: figure('clientOverheadRatio', r.client.medianRatio, 'x raw fetch (median)', {
        baseline,
        medianMs: r.client.medianMs,
        spread: r.client.medianRatioSpread,
        p99Ratio: r.client.p99Ratio,
        p99Ms: r.client.p99Ms,
        cpuRatio: r.client.cpuRatio,
        cpuRatioSpread: r.client.cpuRatioSpread,
      }),
      openapiFetchOverheadRatio: figure(
        'openapiFetchOverheadRatio',
        r.openapiFetch.medianRatio,
        'x raw fetch (median)',
        {
          baseline,
          medianMs: r.openapiFetch.medianMs,
          spread: r.openapiFetch.medianRatioSpread,
          p99Ratio: r.openapiFetch.p99Ratio,
          p99Ms: r.openapiFetch.p99Ms,
          cpuRatio: r.openapiFetch.cpuRatio,
          cpuRatioSpread: r.openapiFetch.cpuRatioSpread,
        },
      ),
      clientVsOpenapiFetchRatio: figure(
        'clientVsOpenapiFetchRatio',
        r.clientVsOpenapiFetchRatio,
        'x openapi-fetch peer (median)',
        { baseline: { name: 'openapi-fetch + static-token middleware', medianMs: r.openapiFetch.medianMs } },
      ),
      noRedirectFetchOverheadRatio: figure(
        'noRedirectFetchOverheadRatio',
        r.noRedirectFetch.medianRatio,
        'x raw fetch (median)',
        {
          baseline,
          medianMs: r.noRedirectFetch.medianMs,
          spread: r.noRedirectFetch.medianRatioSpread,
          cpuRatio: r.noRedirectFetch.cpuRatio,
        },
      ),
      clientVsNoRedirectFetchRatio: figure(
        'clientVsNoRedirectFetchRatio',
        r.clientVsNoRedirectFetchRatio,
        "x raw fetch with redirect: 'error' (median)",
        { baseline: { name: "raw fetch, redirect: 'error'", medianMs: r.noRedirectFetch.medianMs } },
      ),
      clientOverheadP99Ratio: figure('clientOverheadP99Ratio', r.client.p99Ratio, 'x raw fetch (p99)', {
        baseline: { name: 'raw fetch p99', p99Ms: r.raw.p99Ms },
      }),
      openapiFetchOverheadP99Ratio: figure(
        'openapiFetchOverheadP99Ratio',
        r.openapiFetch.p99Ratio,
        'x raw fetch (p99)',
        { baseline: { name: 'raw fetch p99', p99Ms: r.raw.p99Ms } },
      ),
    };
  },
  tokens: (r) => ({
    tokenRequestsFor1000ConcurrentCalls: figure(
      'tokenRequestsFor1000ConcurrentCalls',
      r.single.tokenRequests,
      'token requests',
      { purchases: r.single.purchases },
    ),
    redisFleetTokenRequestsFor3Clients: figure(
      'redisFleetTokenRequestsFor3Clients',
      r.redisFleet.tokenRequests,
      'token requests',
      { purchases: r.redisFleet.purchases, clients: r.redisFleet.clients },
    ),
  }),
  heap: (r) => ({
    heapGrowthBytesPer10kCalls: figure('heapGrowthBytesPer10kCalls', r.heapGrowthBytesPer10kCalls, 'bytes', {
      windows: r.windows,
      warmUpCalls: r.warmUpCalls,
    }),
  }),
  bundle: (r) => {
    const client = r.find((c) => c.name === CLIENT_CHECK);
    const peer = r.find((c) => c.name === OPENAPI_FETCH_CHECK);
    return {
      clientBundleGzipBytes: figure('clientBundleGzipBytes', client.size, 'bytes (ESM, min+gzip)', {
        baseline: { name: 'openapi-fetch alone', bytes: peer.size },
        ratio: round(client.size / peer.size),
      }),
    };
  },
  'express-plugin': (r) => pluginFigure('expressPluginThroughputRatio', r),
  'hono-plugin': (r) => pluginFigure('honoPluginThroughputRatio', r),
  emulator: (r) => ({
    emulatorPurchasesPerSecond: figure('emulatorPurchasesPerSecond', r.emulatorPurchasesPerSecond, 'req/s', {
      connections: r.connections,
      rounds: r.emulatorRps,
    }),
    emulatorP99Ms: figure('emulatorP99Ms', r.emulatorP99Ms, 'ms', {
      baseline: { name: 'Prism p99', ms: r.prismP99Ms },
    }),
    emulatorVsPrismThroughputRatio: figure(
      'emulatorVsPrismThroughputRatio',
      r.emulatorVsPrismThroughputRatio,
      'x Prism',
      {
        baseline: {
          name: 'Prism 5.14.2 mocking openapi/crm-gateway.yaml',
          requestsPerSecond: r.prismRequestsPerSecond,
        },
        spread: r.ratioSpread,
      },
    ),
  }),
  receiver: (r) => ({
    receiverNotificationsPerSecond: {
      ...figure('receiverNotificationsPerSecond', null, 'deliveries/s'),
      value: { express: r.express, hono: r.hono },
      goal: 'reported (every delivery answered 200 and handled once, checked)',
      met: true,
    },
  }),
  soak: (r) => ({
    soakDuplicates: figure('soakDuplicates', r.duplicates, 'entitlements', { purchases: r.purchases }),
    soakLost: figure('soakLost', r.lost, 'purchases', { purchases: r.purchases }),
    soakUnresolved: figure('soakUnresolved', r.unresolved, 'purchases', {
      purchases: r.purchases,
      line: r.line,
    }),
  }),
};

/** Names each section's figures have when it breaks (so the report still lists them, as not met). */
const FIGURE_NAMES = {
  'client-overhead': [
    'clientOverheadRatio',
    'openapiFetchOverheadRatio',
    'clientVsOpenapiFetchRatio',
    'noRedirectFetchOverheadRatio',
    'clientVsNoRedirectFetchRatio',
  ],
  tokens: ['tokenRequestsFor1000ConcurrentCalls', 'redisFleetTokenRequestsFor3Clients'],
  heap: ['heapGrowthBytesPer10kCalls'],
  bundle: ['clientBundleGzipBytes'],
  'express-plugin': ['expressPluginThroughputRatio'],
  'hono-plugin': ['honoPluginThroughputRatio'],
  emulator: ['emulatorPurchasesPerSecond', 'emulatorP99Ms', 'emulatorVsPrismThroughputRatio'],
  receiver: ['receiverNotificationsPerSecond'],
  soak: ['soakDuplicates', 'soakLost', 'soakUnresolved'],
};

function pluginFigure(name, r) {
  return {
    [name]: figure(name, r.throughputRatio, 'x hand-written route (CPU per request)', {
      baseline: {
        name: 'the same route written by hand with the client',
        cpuMicrosPerRequest: r.handWrittenCpuMicrosPerRequest,
        requestsPerSecond: r.handWrittenRequestsPerSec,
      },
      cpuMicrosPerRequest: r.pluginCpuMicrosPerRequest,
      cpu: r.cpu,
      spread: r.cpuRatioSpread,
      sumRatio: r.cpuSumRatio,
      processCpuRatio: r.cpuMeasures?.process?.ratio,
      processCpuRatioSpread: r.cpuMeasures?.process?.spread,
      allWindowsSumRatio: r.cpuAllWindowsSumRatio,
      majorGcs: r.majorGcs,
      requestsPerSecond: r.pluginRequestsPerSec,
      requestsPerSecondRatio: r.ratio,
      requestsPerSecondRatioSpread: r.ratioSpread,
      rounds: r.rounds,
      method: r.method,
    }),
  };
}

// ---- run ----
const startedAt = new Date();
const report = {
  generatedAt: startedAt.toISOString(),
  mode: quick ? 'quick' : 'full',
  sectionsRun: selected,
  machine: machine(),
  git: git(),
  figures: {},
  sections: {},
};
for (const name of selected) {
  process.stderr.write(`bench: ${name}…\n`);
  const outcome = await runSection(name);
  report.sections[name] = outcome;
  if (outcome.error !== undefined) {
    process.stderr.write(`bench: ${name} broke: ${outcome.error}\n`);
    for (const figureName of FIGURE_NAMES[name])
      report.figures[figureName] = broken(figureName, outcome.error);
  } else {
    Object.assign(report.figures, FIGURES[name](outcome.result));
  }
  process.stderr.write(`bench: ${name} done in ${outcome.seconds} s\n`);
}
report.durationSec = Math.round((Date.now() - startedAt.getTime()) / 1000);
report.machine.loadAverageAtEnd = os.loadavg();

const failures = [
  ...Object.entries(report.figures)
    .filter(([, f]) => f.kind === 'correctness' && f.met !== true)
    .map(([n, f]) => `${n} = ${f.value} (goal ${f.goal})`),
  ...Object.entries(report.sections)
    .filter(([, s]) => s.error !== undefined)
    .map(([n]) => `section ${n} broke`),
];
const missed = Object.entries(report.figures)
  .filter(([, f]) => f.kind !== 'correctness' && f.met === false && f.error === undefined)
  .map(([n]) => n);
report.summary = { correctnessFailures: failures, goalsMissed: missed };

mkdirSync(benchPath('results'), { recursive: true });
const out = benchPath(values.only ? 'results/partial.json' : 'results/latest.json');
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
printTable(report);
console.log(`\nwritten: ${out.replace(benchPath('../'), '')} (${report.durationSec} s, ${report.mode})`);
if (failures.length > 0) {
  console.log(`FAILED: ${failures.join('; ')}`);
  process.exitCode = 1;
}

function printTable({ figures, machine: m }) {
  const fmt = (v) =>
    v === null || v === undefined
      ? '-'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? v.toLocaleString('en-US')
          : String(round(v))
        : String(v);
  const rows = [];
  for (const [name, f] of Object.entries(figures)) {
    const status = f.error
      ? 'BROKEN'
      : f.met === null
        ? 'reported'
        : f.met
          ? 'ok'
          : f.kind === 'correctness'
            ? 'FAILED'
            : 'GOAL MISSED';
    if (name === 'receiverNotificationsPerSecond' && f.value && typeof f.value === 'object') {
      for (const [framework, v] of Object.entries(f.value)) {
        rows.push([
          `receiverNotificationsPerSecond ${framework}`,
          `${fmt(v.memory)} in-memory, ${fmt(v.redis)} Redis`,
          `Redis/in-memory ${fmt(v.redisVsMemoryRatio)}`,
          'reported',
          status,
        ]);
      }
      continue;
    }
    rows.push([name, `${fmt(f.value)} ${f.unit ?? ''}`.trim(), baselineText(f), f.goal, status]);
  }
  const header = ['figure', 'value', 'baseline (same run) / spread', 'goal', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log(
    `\n${m.cpuCount} x ${m.cpus[0]?.model ?? 'cpu'}, ${Math.round(m.totalMemoryBytes / 2 ** 30)} GiB, ` +
      `Node ${m.node}, load ${m.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
  );
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

function baselineText(f) {
  const parts = [];
  const b = f.baseline;
  if (b) {
    const value = b.medianMs ?? b.p99Ms ?? b.cpuMicrosPerRequest ?? b.bytes ?? b.requestsPerSecond ?? b.ms;
    const unit =
      b.medianMs !== undefined || b.p99Ms !== undefined || b.ms !== undefined
        ? 'ms'
        : b.cpuMicrosPerRequest !== undefined
          ? 'µs CPU/req'
          : b.bytes !== undefined
            ? 'B'
            : 'req/s';
    parts.push(`${b.name}: ${value} ${unit}`);
  }
  if (f.spread) parts.push(`rounds ${f.spread.min}–${f.spread.max}, IQR ${f.spread.q1}–${f.spread.q3}`);
  if (f.sumRatio !== undefined) parts.push(`sum ${f.sumRatio}x`);
  if (f.p99Ratio !== undefined) parts.push(`p99 ${f.p99Ratio}x`);
  if (f.ratio !== undefined) parts.push(`${f.ratio}x`);
  if (f.error) parts.push(f.error);
  return parts.join('; ');
}
