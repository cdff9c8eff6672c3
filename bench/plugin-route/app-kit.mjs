// What both plugins' bench apps share (the framework-specific part, the routes and the server, stays in each
// plugin's bench/app.mjs). An app is started by run.mjs as `node app.mjs <upstreamUrl>` and serves BOTH variants
// in that one process, each on its own server and port with its own client: the plugin's purchase route and the
// same route written by hand. One process for both means both see the same GC heap, JIT, core and CPU frequency at
// the moment they are measured, which is what makes the rounds agree on a busy machine (see run.mjs).
// (`node app.mjs <upstreamUrl> hand|plugin` serves only that one: run.mjs --processes 2, to compare.)
// Beside them, a control server (plain node:http, not the framework under test) answers
//   GET /__cpu           the process's CPU time and its main thread's (Linux schedstat, else null), in µs, and how
//                        many old-generation GCs have finished: `{ processMicros, mainThreadMicros, majorGcs }`
//   GET /__cpu?gc=minor  the same, read right after a young-generation GC (needs `node --expose-gc`)
// run.mjs reads it before and after each window of load on one variant.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { PerformanceObserver, constants } from 'node:perf_hooks';

/** The two variants an app serves. */
export const MODES = ['hand', 'plugin'];

/** The stub upstream's URL, from the command line. */
export function appArgs(argv = process.argv.slice(2)) {
  const [upstream] = argv;
  if (upstream === undefined || !upstream.startsWith('http')) {
    throw new Error(`usage: node app.mjs <upstreamUrl> (got ${argv.join(' ')})`);
  }
  return { upstream };
}

/** Options for `createCrmGatewayClient` on the stub upstream (plain data: each variant uses its own client). */
export function benchClientOptions(upstream) {
  return {
    baseUrl: upstream,
    tenantId: 'tenant1',
    auth: {
      tokenUrl: `${upstream}/token`,
      clientId: 'crm_client',
      username: 'bench',
      password: 'bench-password',
    },
  };
}

/** The portal session of every bench request. */
export const accountOf = () => 'account-alice';

const SANE_ID = /^[\x21-\x7e]{1,128}$/;

/** The hand-written route's correlation id: the caller's when sane, else a fresh UUID. */
export function correlationIdOf(incoming) {
  return incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/** The main thread's time on a CPU in µs (Linux: its schedstat, in ns), or null where there is none. */
function mainThreadMicros() {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1_000;
  } catch {
    return null;
  }
}

// Old-generation collections (mark-compact) finished so far: run.mjs leaves the windows they land in out.
let majorGcs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs += 1;
}).observe({ entryTypes: ['gc'] });

function cpuNow() {
  const { user, system } = process.cpuUsage();
  return { processMicros: user + system, mainThreadMicros: mainThreadMicros(), majorGcs };
}

/**
 * Starts both variants (`start(mode)` builds one and resolves its port), then the control server, and tells
 * run.mjs the app is ready with one JSON line `{ hand, plugin, control }` (their URLs).
 */
export async function serveVariants(start) {
  const urls = {};
  const only = process.argv[3];
  for (const mode of MODES) if (!only || only === mode) urls[mode] = `http://127.0.0.1:${await start(mode)}`;
  const control = createServer((req, res) => {
    if (req.url.startsWith('/__cpu')) {
      if (req.url.endsWith('?gc=minor') && typeof globalThis.gc === 'function')
        globalThis.gc({ type: 'minor' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(cpuNow()));
    } else {
      res.writeHead(404).end();
    }
  });
  control.keepAliveTimeout = 60_000;
  await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
  urls.control = `http://127.0.0.1:${control.address().port}`;
  // The runner's keep-alive connections would hold a graceful close open: just leave.
  process.on('SIGTERM', () => process.exit(0));
  console.log(JSON.stringify(urls));
}
