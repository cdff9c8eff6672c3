import { startEmulator, type Emulator, type EmulatorOptions } from '@crm-gateway/emulator';
import { createCrmGatewayClient } from '@crm-gateway/client';
import type { CrmGatewayClient } from '@crm-gateway/client';
import type { CrmGatewayClientOptions } from '@crm-gateway/client';

export const PASSWORD_AUTH = {
  clientId: 'crm_client',
  username: 'crm_client_user',
  password: 'crm-client-password',
} as const;

export const SERVICE_AUTH = { clientId: 'crm_service', clientSecret: 'crm-service-secret' } as const;

export const NETFLIX_BASIC = 'Netflix_EU_B_BUNDLE_BASIC';
export const NETFLIX_PREMIUM = 'Netflix_EU_B_BUNDLE_PREMIUM';
export const DISNEY = 'DisneyPlus_EU_STANDARD';

/** A real emulator on 127.0.0.1:0. */
export function launchEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', ...options });
}

/** A client of `emulator` (password grant unless `auth` is given), with short backoff for tests. */
export function clientFor(
  emulator: Emulator,
  extra: Partial<CrmGatewayClientOptions> = {},
): CrmGatewayClient {
  return createCrmGatewayClient({
    baseUrl: emulator.url,
    tenantId: 'tenant1',
    auth: { tokenUrl: emulator.tokenUrl, ...PASSWORD_AUTH },
    backoff: { initialDelayMs: 5, maxDelayMs: 50 },
    ...extra,
  });
}

/** Token endpoint calls in the emulator's request log. */
export function tokenCalls(emulator: Emulator): number {
  return emulator.getState().requests.filter((entry) => entry.operationId === 'getAccessToken').length;
}

/** Gateway requests (not token calls) in the emulator's request log, optionally of one correlation id. */
export function gatewayCalls(
  emulator: Emulator,
  correlationId?: string,
): { status: number; operationId?: string }[] {
  return emulator
    .getState()
    .requests.filter(
      (entry) =>
        entry.operationId !== 'getAccessToken' &&
        !entry.path.startsWith('/__emulator') &&
        (correlationId === undefined || entry.correlationId === correlationId),
    )
    .map((entry) => ({
      status: entry.status,
      ...(entry.operationId ? { operationId: entry.operationId } : {}),
    }));
}
