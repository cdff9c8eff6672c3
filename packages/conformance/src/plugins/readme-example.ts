/**
 * Test-only: the README check both framework plugins run (not part of the client's public entry). The plugin's
 * README shows `examples/portal.ts` (a strict TypeScript portal; `scripts/readme-examples.mjs` checks the README's
 * block equals the file, packages/packaging compiles it with tsc); the test strips its types, runs it in its own
 * Node process against a real emulator (`OPF_URL`, `PORT`) and drives it over loopback.
 * @internal
 */
import { startEmulator, type Emulator } from '@crm-gateway/emulator';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Which plugin's README to run. */
export interface ReadmeExampleOptions {
  /** The plugin's package folder (holds examples/portal.ts; the example runs there, so it resolves the package). */
  packageDir: string;
  /** Appended to the test's title, e.g. `(Hono on @hono/node-server)`. */
  runtime?: string;
}

/**
 * Registers the README test: the example must start a portal on `PORT` talking to the gateway at `OPF_URL`
 * (a free port and a fresh emulator here), buy for the session account (`account-alice`, whatever
 * the body says), log `entitlement <id> is now PENDING` from the OPF notification, and answer 401 without a
 * session.
 *
 * @example
 * runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
 */
export function runReadmeExample({ packageDir, runtime }: ReadmeExampleOptions): void {
  const script = `${packageDir}/.readme-example.mjs`;
  let emulator: Emulator;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
  });

  afterAll(async () => {
    child?.kill();
    rmSync(script, { force: true });
    await emulator?.close();
  });

  const title = 'has a runnable example: it buys for the session account and receives the notification';
  describe('README', () => {
    it(runtime === undefined ? title : `${title} ${runtime}`, async () => {
      const source = readFileSync(`${packageDir}/examples/portal.ts`, 'utf8');
      const example = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const port = await freePort();
      writeFileSync(script, example);
      child = spawn(process.execPath, [script], {
        cwd: packageDir,
        env: { ...process.env, OPF_URL: emulator.url, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await until(() => output.includes('portal on'));
      emulator.setNotificationUrl(`http://127.0.0.1:${port}/opf/notifications`);
      const response = await fetch(`http://127.0.0.1:${port}/api/purchases`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
        body: JSON.stringify({ productId: 'Netflix_EU_B_BUNDLE_BASIC', accountId: 'account-bob' }),
      });
      expect(response.status).toBe(201);
      const { entitlementId } = (await response.json()) as { entitlementId: string };
      expect(emulator.getState().entitlements[0]).toMatchObject({
        _id: entitlementId,
        accountId: 'account-alice',
      });
      await until(() => output.includes(`entitlement ${entitlementId} is now PENDING`));
      const anonymous = await fetch(`http://127.0.0.1:${port}/api/entitlements`);
      expect(anonymous.status).toBe(401);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('README example: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
