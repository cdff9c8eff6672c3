import { SeedValidationError } from '../errors.js';
import { HEADER_TOKEN_PATTERN, IDENTIFIER_PATTERN } from '../gateway/spec-constants.js';
import type { Seed } from './seed-types.js';

const PRODUCT_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;

type Issues = string[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, path: string, known: string[], issues: Issues): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      issues.push(`${path}.${key} is not a known field (expected one of ${known.join(', ')})`);
  }
}

function checkString(value: unknown, path: string, issues: Issues, pattern?: RegExp, what?: string): boolean {
  if (typeof value !== 'string' || value.length === 0) {
    issues.push(`${path} must be a non-empty string`);
    return false;
  }
  if (pattern && !pattern.test(value)) {
    issues.push(`${path} must be ${what ?? `a string matching ${pattern.source}`}`);
    return false;
  }
  return true;
}

function checkStringArray(
  value: unknown,
  path: string,
  issues: Issues,
  pattern?: RegExp,
  what?: string,
): void {
  if (!Array.isArray(value)) {
    issues.push(`${path} must be an array of strings`);
    return;
  }
  const seen = new Set<string>();
  value.forEach((item, index) => {
    if (checkString(item, `${path}[${index}]`, issues, pattern, what)) {
      if (seen.has(item as string)) issues.push(`${path}[${index}] repeats ${JSON.stringify(item)}`);
      seen.add(item as string);
    }
  });
}

function checkArray(value: unknown, path: string, issues: Issues): value is unknown[] {
  if (!Array.isArray(value)) {
    issues.push(`${path} must be an array`);
    return false;
  }
  return true;
}

const IDENTIFIER_TEXT = '1-256 characters without control characters (not "." or "..")';

function checkClients(clients: unknown, issues: Issues): Set<string> {
  const clientIds = new Set<string>();
  if (!checkArray(clients, 'seed.clients', issues)) return clientIds;
  clients.forEach((client, i) => {
    const path = `seed.clients[${i}]`;
    if (!isObject(client)) return void issues.push(`${path} must be an object`);
    checkKeys(client, path, ['clientId', 'clientSecret', 'serviceAccountRoles'], issues);
    if (checkString(client.clientId, `${path}.clientId`, issues, IDENTIFIER_PATTERN, IDENTIFIER_TEXT)) {
      if (clientIds.has(client.clientId as string))
        issues.push(`${path}.clientId repeats ${JSON.stringify(client.clientId)}`);
      clientIds.add(client.clientId as string);
    }
    if (client.clientSecret !== undefined) checkString(client.clientSecret, `${path}.clientSecret`, issues);
    if (client.serviceAccountRoles !== undefined) {
      checkStringArray(client.serviceAccountRoles, `${path}.serviceAccountRoles`, issues);
      if (client.clientSecret === undefined) {
        issues.push(
          `${path}.serviceAccountRoles needs ${path}.clientSecret (only confidential clients have service accounts)`,
        );
      }
    }
  });
  return clientIds;
}

function checkUsers(users: unknown, clientIds: Set<string>, issues: Issues): void {
  if (!checkArray(users, 'seed.users', issues)) return;
  const usernames = new Set<string>();
  users.forEach((user, i) => {
    const path = `seed.users[${i}]`;
    if (!isObject(user)) return void issues.push(`${path} must be an object`);
    checkKeys(user, path, ['username', 'password', 'clientId', 'roles'], issues);
    if (checkString(user.username, `${path}.username`, issues)) {
      if (usernames.has(user.username as string))
        issues.push(`${path}.username repeats ${JSON.stringify(user.username)}`);
      usernames.add(user.username as string);
    }
    checkString(user.password, `${path}.password`, issues);
    if (checkString(user.clientId, `${path}.clientId`, issues) && !clientIds.has(user.clientId as string)) {
      issues.push(
        `${path}.clientId must name a client of seed.clients (got ${JSON.stringify(user.clientId)})`,
      );
    }
    checkStringArray(user.roles, `${path}.roles`, issues);
  });
}

function checkProducts(products: unknown, path: string, issues: Issues): void {
  if (!checkArray(products, `${path}.products`, issues)) return;
  const productIds = new Set<string>();
  products.forEach((product, j) => {
    const productPath = `${path}.products[${j}]`;
    if (!isObject(product)) return void issues.push(`${productPath} must be an object`);
    checkKeys(product, productPath, ['id', 'name', 'type'], issues);
    if (checkString(product.id, `${productPath}.id`, issues, IDENTIFIER_PATTERN, IDENTIFIER_TEXT)) {
      if (productIds.has(product.id as string))
        issues.push(`${productPath}.id repeats ${JSON.stringify(product.id)}`);
      productIds.add(product.id as string);
    }
    checkString(product.name, `${productPath}.name`, issues);
    checkString(
      product.type,
      `${productPath}.type`,
      issues,
      PRODUCT_TYPE,
      'an upper-case product type such as "THIRDPARTY" or "SUBSCRIPTION"',
    );
  });
}

function checkTenants(tenants: unknown, issues: Issues): void {
  if (!checkArray(tenants, 'seed.tenants', issues)) return;
  const tenantIds = new Set<string>();
  tenants.forEach((tenant, i) => {
    const path = `seed.tenants[${i}]`;
    if (!isObject(tenant)) return void issues.push(`${path} must be an object`);
    checkKeys(tenant, path, ['id', 'accounts', 'products'], issues);
    if (
      checkString(tenant.id, `${path}.id`, issues, HEADER_TOKEN_PATTERN, '1-128 printable ASCII characters')
    ) {
      if (tenantIds.has(tenant.id as string)) issues.push(`${path}.id repeats ${JSON.stringify(tenant.id)}`);
      tenantIds.add(tenant.id as string);
    }
    checkStringArray(tenant.accounts, `${path}.accounts`, issues, IDENTIFIER_PATTERN, IDENTIFIER_TEXT);
    checkProducts(tenant.products, path, issues);
  });
}

/**
 * Checks a seed (from a file or an object) and returns it typed; throws {@link SeedValidationError} naming
 * every offending field, e.g. `seed.tenants[0].products[1].type must be ...`.
 *
 * @example
 * const seed = validateSeed(JSON.parse(readFileSync('seed.json', 'utf8')));
 */
export function validateSeed(input: unknown): Seed {
  const issues: Issues = [];
  if (!isObject(input)) throw new SeedValidationError(['seed must be a JSON object']);
  checkKeys(input, 'seed', ['realm', 'clients', 'users', 'tenants', 'notificationUrl'], issues);
  checkString(
    input.realm,
    'seed.realm',
    issues,
    /^[A-Za-z0-9._-]{1,64}$/,
    'a realm name (letters, digits, ".", "_", "-")',
  );
  const clientIds = checkClients(input.clients, issues);
  checkUsers(input.users, clientIds, issues);
  checkTenants(input.tenants, issues);
  if (input.notificationUrl !== undefined && !isHttpUrl(input.notificationUrl)) {
    issues.push('seed.notificationUrl must be an http(s) URL');
  }
  if (issues.length > 0) throw new SeedValidationError(issues);
  return input as unknown as Seed;
}

/**
 * True when `value` is an absolute http: or https: URL.
 *
 * @example
 * isHttpUrl('https://portal.example/hook'); // true
 */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
