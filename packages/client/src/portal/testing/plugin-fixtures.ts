/**
 * Test-only fixtures the framework plugins' own tests share (not part of the client's public entry): the
 * options of a client on a real emulator, an OPF notification body, and a chunked request body.
 * @internal
 */

/** Where the client reaches the gateway: the parts of an emulator the fixtures need. */
export interface EmulatorEndpoint {
  url: string;
  tokenUrl: string;
}

/**
 * Options for `createCrmGatewayClient` on an emulator: tenant `tenant1` and the emulator's default
 * credentials (plain data, so each plugin builds the client from its own `@crm-gateway/client`).
 *
 * @example
 * const client = createCrmGatewayClient(emulatorClientOptions(emulator));
 */
export function emulatorClientOptions(emulator: EmulatorEndpoint): {
  baseUrl: string;
  tenantId: string;
  auth: { tokenUrl: string; clientId: string; username: string; password: string };
} {
  return {
    baseUrl: emulator.url,
    tenantId: 'tenant1',
    auth: {
      tokenUrl: emulator.tokenUrl,
      clientId: 'crm_client',
      username: 'crm_client_user',
      password: 'crm-client-password',
    },
  };
}

/**
 * The raw JSON of a valid entitlement notification (ACTIVE, alice's basic Netflix), to sign and deliver.
 *
 * @example
 * const rawBody = notificationRawBody('evt-1');
 * const signature = await signNotification({ secret, rawBody });
 */
export function notificationRawBody(eventId: string): string {
  return JSON.stringify({
    eventId,
    tenantId: 'tenant1',
    entitlementId: 'e-1',
    accountId: 'account-alice',
    productId: 'Netflix_EU_B_BUNDLE_BASIC',
    productType: 'THIRDPARTY',
    status: 'ACTIVE',
    occurredAt: new Date().toISOString(),
  });
}

/**
 * A request body sent in several chunks, without content-length (pass `duplex: 'half'` to `fetch`).
 *
 * @example
 * await fetch(url, { method: 'POST', body: chunkedBody(['{"a":', '1}']), duplex: 'half' } as RequestInit);
 */
export function chunkedBody(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}
