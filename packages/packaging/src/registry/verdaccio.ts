import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A running Verdaccio on loopback. */
export interface Registry {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** A token of a user that may publish (`//127.0.0.1:PORT/:_authToken=…`). */
  readonly token: string;
  /** The `.npmrc` lines that point everything at this registry, with the token. */
  readonly npmrc: string;
  close(): Promise<void>;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The certificate authorities Verdaccio (a Node process) must trust to reach the uplink as npm does: Node's extra CA
 * file when one is set, else npm's `cafile` (a machine whose registry is reached through its own CA sets one of them).
 */
function uplinkCaEnv(): Record<string, string> {
  if (process.env['NODE_EXTRA_CA_CERTS']) return { NODE_EXTRA_CA_CERTS: process.env['NODE_EXTRA_CA_CERTS'] };
  const cafile = execFileSync('npm', ['config', 'get', 'cafile'], { encoding: 'utf8' }).trim();
  return cafile && cafile !== 'null' && cafile !== 'undefined' ? { NODE_EXTRA_CA_CERTS: cafile } : {};
}

/** The registry this machine's npm is set up to use (`npm config get registry`): Verdaccio's uplink. */
export function configuredRegistry(): string {
  const url = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  if (!/^https?:\/\//.test(url)) throw new Error(`npm config get registry gave no URL: ${url}`);
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Starts Verdaccio 6 on a free loopback port. `@crm-gateway/*` exists only as published to it (never proxied);
 * everything else is proxied to the registry npm is set up to use. `dir` holds the config, users and storage; its storage of
 * third-party packages may be kept between runs (a cache), while `@crm-gateway` is always wiped first.
 */
export async function startRegistry(dir: string, uplink = configuredRegistry()): Promise<Registry> {
  const storage = join(dir, 'storage');
  rmSync(join(storage, '@crm-gateway'), { recursive: true, force: true });
  rmSync(join(storage, '.verdaccio-db.json'), { force: true });
  rmSync(join(dir, 'htpasswd'), { force: true });
  mkdirSync(storage, { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(storage)}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      '    max_users: 10',
      'uplinks:',
      '  upstream:',
      `    url: ${uplink}`,
      '    maxage: 30m',
      // One slow or reset request must not take the uplink offline for the rest of the run (the default: 2 fails).
      '    timeout: 60s',
      '    max_fails: 100',
      '    fail_timeout: 1s',
      '    agent_options: { keepAlive: true, maxSockets: 8 }',
      'packages:',
      "  '@crm-gateway/*':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    proxy: upstream',
      'middlewares:',
      '  audit:',
      '    enabled: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'verdaccio');
  const child: ChildProcess = spawn(bin, ['--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...uplinkCaEnv() },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`verdaccio exited: ${output}`);
      const ping = await fetch(`${url}-/ping`).catch(() => undefined);
      if (ping?.ok) break;
      if (Date.now() > deadline) throw new Error(`verdaccio did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const added = await fetch(`${url}-/user/org.couchdb.user:ci`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci', password: 'ci-password' }),
    });
    const { token } = (await added.json()) as { token?: string };
    if (!added.ok || !token) throw new Error(`verdaccio refused the user: HTTP ${added.status}`);
    const hostPath = url.replace(/^http:/, '');
    const npmrc = `registry=${url}\n${hostPath}:_authToken=${token}\n`;
    return { url, token, npmrc, close };
  } catch (error) {
    await close();
    throw error;
  }
}
