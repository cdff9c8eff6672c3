import { randomUUID } from 'node:crypto';
import type { Emulator } from '../src/types.js';

// Test helpers: plain fetch against a running emulator (not the SDK client).

/** The default seed's operator user (password grant through the public client). */
export const OPERATOR = {
  clientId: 'crm_client',
  username: 'crm_client_user',
  password: 'crm-client-password',
};

/** An access token of `user` (default: the operator) from the emulator's token endpoint. */
export async function passwordToken(
  emulator: Emulator,
  user: { clientId: string; username: string; password: string } = OPERATOR,
): Promise<string> {
  const response = await fetch(emulator.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: user.clientId,
      username: user.username,
      password: user.password,
    }),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The gateway headers of a call: bearer token, tenant `tenant1`, a fresh correlation id, JSON body. */
export function gatewayHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'nv-tenant-id': 'tenant1',
    'x-correlation-id': randomUUID(),
    'content-type': 'application/json',
    ...extra,
  };
}

/** Path of the purchase operation (`createThirdPartyEntitlement`). */
export const PURCHASE_PATH = '/crm-gateway/v2/rmg/v1/entitlements';
/** Path of the list operation (`listEntitlements`). */
export const LIST_PATH = '/crm-gateway/v1/rmg/v1/entitlements';

/** A valid purchase body for `account-alice` (Netflix Basic), with `overrides` applied. */
export function purchaseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    productType: 'THIRDPARTY',
    productId: 'Netflix_EU_B_BUNDLE_BASIC',
    accountId: 'account-alice',
    status: 'PENDING',
    ...overrides,
  };
}

/** Sends a purchase (`body` as JSON unless already a string) with `query` appended to the path. */
export async function purchase(
  emulator: Emulator,
  token: string,
  body: unknown = purchaseBody(),
  query = '',
): Promise<Response> {
  return fetch(`${emulator.url}${PURCHASE_PATH}${query}`, {
    method: 'POST',
    headers: gatewayHeaders(token),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
