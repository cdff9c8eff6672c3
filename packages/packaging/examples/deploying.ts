// docs/deploying.md shows this file: the client's settings from environment variables, a proxy through undici, and
// the Redis pieces a fleet shares. Compiled in strict mode by packages/packaging's tests.
import { createCrmGatewayClient, type AuthOptions, type CrmGatewayClientOptions } from '@crm-gateway/client';
import { createRedisNotificationStore, createRedisTokenCache } from '@crm-gateway/redis';
import { ProxyAgent, fetch as undiciFetch } from 'undici';

/** A required environment variable (the process stops at start-up, not at the first purchase). */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

// OPF_KEYCLOAK_URL is the Keycloak base URL, the part before /realms/… (on OPF: https://<host>/keycloak/auth).
const auth: AuthOptions = process.env['OPF_CLIENT_SECRET']
  ? {
      keycloakUrl: required('OPF_KEYCLOAK_URL'),
      realm: process.env['OPF_REALM'] ?? 'nagra',
      clientId: required('OPF_CLIENT_ID'),
      clientSecret: required('OPF_CLIENT_SECRET'),
    }
  : {
      keycloakUrl: required('OPF_KEYCLOAK_URL'),
      realm: process.env['OPF_REALM'] ?? 'nagra',
      clientId: required('OPF_CLIENT_ID'),
      username: required('OPF_USERNAME'),
      password: required('OPF_PASSWORD'),
    };

// An outbound proxy: every gateway and token request goes through the client's `fetch`.
const proxy = process.env['HTTPS_PROXY'];
const dispatcher = proxy ? new ProxyAgent(proxy) : undefined;
const proxiedFetch = ((input: string | URL | Request, init?: RequestInit) =>
  undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher,
  })) as unknown as typeof fetch;

// Several instances: one Keycloak token for the fleet, and notifications handled once across it.
const redisUrl = process.env['REDIS_URL'];
const tokenCache = redisUrl ? await createRedisTokenCache({ url: redisUrl }) : undefined;
export const notificationStore = redisUrl ? await createRedisNotificationStore({ url: redisUrl }) : undefined;

export const clientOptions: CrmGatewayClientOptions = {
  baseUrl: required('OPF_BASE_URL'), // https://<host>: the spec's paths (/crm-gateway/…, /tpes/…) hang off it
  tenantId: required('OPF_TENANT_ID'),
  auth,
  timeoutMs: Number(process.env['OPF_TIMEOUT_MS'] ?? 10_000),
  ...(dispatcher ? { fetch: proxiedFetch } : {}),
  ...(tokenCache ? { tokenCache } : {}),
};

// The notification secret agreed with OPF; a comma-separated list while it is rotated.
export const notificationSecrets: string[] = required('OPF_NOTIFICATION_SECRET').split(',');

export const client = createCrmGatewayClient(clientOptions);
