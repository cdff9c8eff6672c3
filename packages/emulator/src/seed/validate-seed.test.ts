import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeedValidationError } from '../errors.js';
import { startEmulator } from '../start-emulator.js';
import { defaultSeed } from './default-seed.js';
import { validateSeed } from './validate-seed.js';

function issuesOf(seed: unknown): string[] {
  try {
    validateSeed(seed);
  } catch (error) {
    if (error instanceof SeedValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('validateSeed', () => {
  it('accepts the default seed', () => {
    expect(validateSeed(structuredClone(defaultSeed))).toEqual(defaultSeed);
  });

  it('names the offending field of a product', () => {
    const seed = structuredClone(defaultSeed) as unknown as { tenants: { products: { type: unknown }[] }[] };
    (seed.tenants[0]?.products[1] as { type: unknown }).type = 'third party';
    expect(issuesOf(seed)).toEqual([
      'seed.tenants[0].products[1].type must be an upper-case product type such as "THIRDPARTY" or "SUBSCRIPTION"',
    ]);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({
      realm: '',
      clients: [{ clientId: 'c1' }, { clientId: 'c1', serviceAccountRoles: ['operatorRole'] }],
      users: [{ username: 'u', password: 'p', clientId: 'nope', roles: 'operatorRole' }],
      tenants: [
        { id: 't', accounts: ['a\u0007b'], products: [{ id: 'p', name: 'P', type: 'THIRDPARTY', price: 3 }] },
      ],
      notificationUrl: 'ftp://x',
      extra: true,
    });
    expect(issues).toEqual([
      'seed.extra is not a known field (expected one of realm, clients, users, tenants, notificationUrl)',
      'seed.realm must be a non-empty string',
      'seed.clients[1].clientId repeats "c1"',
      'seed.clients[1].serviceAccountRoles needs seed.clients[1].clientSecret (only confidential clients have service accounts)',
      'seed.users[0].clientId must name a client of seed.clients (got "nope")',
      'seed.users[0].roles must be an array of strings',
      'seed.tenants[0].accounts[0] must be 1-256 characters without control characters (not "." or "..")',
      'seed.tenants[0].products[0].price is not a known field (expected one of id, name, type)',
      'seed.notificationUrl must be an http(s) URL',
    ]);
  });

  it('refuses non-objects and missing arrays', () => {
    expect(issuesOf(null)).toEqual(['seed must be a JSON object']);
    expect(issuesOf({ realm: 'nagra' })).toEqual([
      'seed.clients must be an array',
      'seed.users must be an array',
      'seed.tenants must be an array',
    ]);
  });

  it('startEmulator refuses a bad seed with the same message', async () => {
    await expect(startEmulator({ seed: { ...defaultSeed, realm: 'bad realm' } })).rejects.toThrow(
      /seed\.realm must be/,
    );
    await expect(startEmulator({ accessTokenLifetimeSec: -1 })).rejects.toThrow(
      /options\.accessTokenLifetimeSec/,
    );
    await expect(startEmulator({ port: 70000 })).rejects.toThrow(/options\.port/);
  });

  it('the README prints the default seed exactly', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /<!-- default-seed -->\s*```json\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README has a default-seed JSON block').not.toBeNull();
    expect(JSON.parse(block?.[1] ?? '')).toEqual(defaultSeed);
  });
});
