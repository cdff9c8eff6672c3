import { createCrmGatewayClient, isCrmGatewayError } from '@crm-gateway/client';

const opf = process.env['OPF_URL'] ?? 'http://127.0.0.1:4010'; // the emulator, or your OPF deployment

const client = createCrmGatewayClient({
  baseUrl: opf,
  tenantId: 'tenant1',
  auth: {
    tokenUrl: `${opf}/keycloak/auth/realms/nagra/protocol/openid-connect/token`,
    clientId: 'crm_client',
    username: 'crm_client_user',
    password: 'crm-client-password',
  },
});

try {
  // 1. The user buys Netflix: a PENDING entitlement.
  const purchase = await client.entitlements.purchaseThirdPartyProduct({
    accountId: 'account-alice', // from your own session, never from the end user's request
    productId: 'Netflix_EU_B_BUNDLE_BASIC',
  });
  console.log('bought', purchase); // { entitlementId, status: 'PENDING', correlationId }

  // 2. Send the user to Bango to activate it.
  const { url } = await client.entitlements.getActivationInfo(purchase.entitlementId);
  console.log('activate at', url);
  await fetch(url); // what the user's browser does; the emulator activates the entitlement

  // 3. Read it back, suspend it, resume it, cancel it.
  console.log(await client.entitlements.get(purchase.entitlementId)); // status: 'ACTIVE'
  await client.entitlements.suspend(purchase.entitlementId);
  await client.entitlements.resume(purchase.entitlementId, { productId: 'Netflix_EU_B_BUNDLE_BASIC' });
  await client.entitlements.cancel(purchase.entitlementId, {
    category: 'CUSTOMER_CANCELLED',
    code: 'NOT_RENEWED',
  });

  // 4. Everything Alice has.
  for await (const entitlement of client.entitlements.iterate({ accountId: 'account-alice' })) {
    console.log(entitlement.entitlementId, entitlement.productId, entitlement.status);
  }
} catch (error) {
  if (isCrmGatewayError(error)) console.error(error.code, error.status, error.correlationId, error.message);
  else throw error;
  process.exitCode = 1;
}
