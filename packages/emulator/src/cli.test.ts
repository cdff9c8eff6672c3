import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';

// The CLI is tested as built (turbo runs `build` before `test`).
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]): {
  child: ChildProcess;
  firstLine: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(stdout.slice(0, newline));
    });
    child.once('exit', () => reject(new Error(`exited before a line; stderr: ${stderr}`)));
  });
  firstLine.catch(() => undefined); // awaited only by the tests that expect a line
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, firstLine, exit, stderr: () => stderr };
}

describe('crm-gateway-emulator CLI', () => {
  beforeAll(() => {
    expect(existsSync(cli), 'run `pnpm --filter @crm-gateway/emulator build` first').toBe(true);
  });

  it('prints one JSON line with url and tokenUrl, serves tokens, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
    const seedFile = join(dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify({ ...defaultSeed, realm: 'demo' }));
    const { child, firstLine, exit } = run(['--port', '0', '--host', '127.0.0.1', '--seed', seedFile]);
    const ready = JSON.parse(await firstLine) as { url: string; tokenUrl: string; realm: string };
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.tokenUrl).toBe(`${ready.url}/keycloak/auth/realms/demo/protocol/openid-connect/token`);
    const token = await fetch(ready.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'crm_service',
        client_secret: 'crm-service-secret',
      }),
    });
    expect(token.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('exits 0 on SIGINT too', async () => {
    const { child, firstLine, exit } = run([]);
    JSON.parse(await firstLine);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('a malformed seed file fails with the field named (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
    const seedFile = join(dir, 'seed.json');
    const seed = structuredClone(defaultSeed) as unknown as { tenants: { products: { type: string }[] }[] };
    (seed.tenants[0]?.products[1] as { type: string }).type = 'nope';
    await writeFile(seedFile, JSON.stringify(seed));
    const { exit, stderr } = run(['--seed', seedFile]);
    expect(await exit).toBe(2);
    expect(stderr()).toContain('seed.tenants[0].products[1].type must be');
    await writeFile(seedFile, '{ not json');
    const notJson = run(['--seed', seedFile]);
    expect(await notJson.exit).toBe(2);
    expect(notJson.stderr()).toContain('is not valid JSON');
    const badPort = run(['--port', 'abc']);
    expect(await badPort.exit).toBe(2);
    expect(badPort.stderr()).toContain('--port must be an integer');
    const badEdition = run(['--edition', 'crm-25.12']);
    expect(await badEdition.exit).toBe(2);
    expect(badEdition.stderr()).toContain(
      '--edition must be one of "scp-25.12", "crm-25.26" (got "crm-25.12")',
    );
  });

  it('--edition crm-25.26 answers a purchase 202 with the activation URL', async () => {
    const { child, firstLine, exit } = run(['--edition', 'crm-25.26']);
    const ready = JSON.parse(await firstLine) as { url: string; tokenUrl: string };
    const tokenResponse = await fetch(ready.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'crm_service',
        client_secret: 'crm-service-secret',
      }),
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    const purchase = await fetch(`${ready.url}/crm-gateway/v2/rmg/v1/entitlements`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${access_token}`,
        'nv-tenant-id': 'tenant1',
        'x-correlation-id': 'cli-edition-1',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        productType: 'THIRDPARTY',
        productId: 'Netflix_EU_B_BUNDLE_BASIC',
        accountId: 'account-alice',
        status: 'PENDING',
      }),
    });
    expect(purchase.status).toBe(202);
    const body = (await purchase.json()) as { entitlementId: string; parameters: { url: string } };
    expect(body.parameters.url).toMatch(new RegExp(`^${ready.url}/bango/activate/`));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
