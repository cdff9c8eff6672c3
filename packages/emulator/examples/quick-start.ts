import { startEmulator } from '@crm-gateway/emulator';

const emulator = await startEmulator({ port: 0 }); // 0 picks a free port
const tokenResponse = await fetch(emulator.tokenUrl, {
  method: 'POST',
  body: new URLSearchParams({
    grant_type: 'password',
    client_id: 'crm_client',
    username: 'crm_client_user',
    password: 'crm-client-password',
  }),
});
const { access_token } = (await tokenResponse.json()) as { access_token: string };

const purchase = await fetch(`${emulator.url}/crm-gateway/v2/rmg/v1/entitlements`, {
  method: 'POST',
  headers: {
    authorization: `Bearer ${access_token}`,
    'nv-tenant-id': 'tenant1',
    'x-correlation-id': crypto.randomUUID(),
    'content-type': 'application/json',
  },
  body: JSON.stringify({
    productType: 'THIRDPARTY',
    productId: 'Netflix_EU_B_BUNDLE_BASIC',
    accountId: 'account-alice',
    status: 'PENDING',
  }),
});
console.log(purchase.status, await purchase.json()); // 201 { _id: '…' }
console.log(emulator.getState().entitlements); // the stored entitlement, with its activation URL
await emulator.close();
