import { createCrmGatewayClient } from '@crm-gateway/client';
import { createRedisTokenCache } from '@crm-gateway/redis';

const client = createCrmGatewayClient({
  baseUrl: 'https://operator.example',
  tenantId: 'tenant1',
  auth: {
    keycloakUrl: 'https://operator.example/keycloak/auth',
    clientId: 'crm_client',
    username: process.env.CRM_USER!,
    password: process.env.CRM_PASSWORD!,
  },
  tokenCache: await createRedisTokenCache({ url: process.env.REDIS_URL! }),
});
