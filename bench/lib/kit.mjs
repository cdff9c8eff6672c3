// What the benchmark sections share: child processes that announce themselves with one JSON line, a redis-server
// on a free loopback port, and the statistics (median, percentiles, spread).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The token the stub upstream (./upstream.mjs) hands out. */
export const STUB_TOKEN = 'bench-access-token-0123456789';

/** An absolute path from a path relative to the bench folder. */
export const benchPath = (relative) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/** `--quick` on the command line of a section. */
export const isQuick = (argv = process.argv.slice(2)) => argv.includes('--quick');

/**
 * Starts `command args` and resolves once its stdout has a line that `ready` accepts (default: the first line,
 * parsed as JSON), with `{ child, ready }`. Rejects if it exits first or takes longer than `timeoutMs`.
 */
export function startChild(command, args, { ready = JSON.parse, timeoutMs = 30_000, env } = {}) {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env ? { ...process.env, ...env } : process.env,
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} was not ready in ${timeoutMs} ms:\n${out}${stderr}`));
    }, timeoutMs);
    const onData = (chunk) => {
      out += chunk;
      for (const line of out.split('\n').slice(0, -1)) {
        let value;
        try {
          value = ready(line);
        } catch {
          continue;
        }
        if (value === undefined) continue;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.removeAllListeners('exit');
        resolve({ child, ready: value });
        return;
      }
    };
    child.stdout.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited early (${code}):\n${out}${stderr}`));
    });
  });
}

/** `startChild` of a Node script. */
export const startNode = (args, options) => startChild(process.execPath, args, options);

/** Stops a child (SIGTERM, then SIGKILL after 5 s) and waits for it. */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Debian's redis-server (or `REDIS_SERVER`) on a free loopback port, no persistence, as the conformance suites
 * start it. Resolves `{ url, stop }`.
 */
export async function startRedis() {
  const port = await freePort();
  const binary = process.env.REDIS_SERVER ?? 'redis-server';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const { child } = await startChild(binary, args, {
    ready: (line) => (line.includes('Ready to accept connections') ? true : undefined),
    timeoutMs: 10_000,
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

/** The last line of `text` that parses as JSON. */
export function lastJsonLine(text) {
  const lines = text.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line);
    } catch {
      // not the report line
    }
  }
  throw new Error(`no JSON line in:\n${text.slice(-2_000)}`);
}

const sorted = (list) => [...list].sort((a, b) => a - b);

/** The p-th percentile (0..100) of `list`, nearest rank. */
export function percentile(list, p) {
  const s = sorted(list);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** The median of `list` (the mean of the two middle values for an even count). */
export function median(list) {
  const s = sorted(list);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** How `list` spreads around its median: min, quartiles, max and the IQR relative to the median. */
export function spread(list) {
  const m = median(list);
  const q1 = percentile(list, 25);
  const q3 = percentile(list, 75);
  return {
    n: list.length,
    min: round(Math.min(...list)),
    q1: round(q1),
    median: round(m),
    q3: round(q3),
    max: round(Math.max(...list)),
    relativeIqr: round(m === 0 ? 0 : (q3 - q1) / m),
  };
}

/** Rounds to `digits` decimals. */
export const round = (n, digits = 3) => Number(n.toFixed(digits));

/** Runs `autocannon(options)` as a promise. */
export function cannon(autocannon, options) {
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}
