import { createCrmGatewayClient } from '@crm-gateway/client';
import { startNode, benchPath } from './lib/kit.mjs';
const stub = await startNode([benchPath('lib/upstream.mjs')]);
const { url, tokenUrl } = stub.ready;
const c1 = createCrmGatewayClient({ baseUrl: url, tenantId: 'tenant1', auth: { tokenUrl, clientId: 'crm_client', username: 'crm_client_user', password: 'pw' } });
const input = { accountId: 'account-alice', productId: 'Netflix_EU_B_BUNDLE_BASIC' };
for (let i = 0; i < 3000; i++) await c1.entitlements.purchaseThirdPartyProduct(input);
for (let i = 0; i < 20000; i++) await c1.entitlements.purchaseThirdPartyProduct(input);
stub.child.kill();
