import type { Seed } from './seed-types.js';

/**
 * The seed used when none is given: realm `nagra`, a public client with an operator user (and a user without
 * `operatorRole`), a confidential service client, and tenant `tenant1` with three accounts and four products.
 *
 * @example
 * const emulator = await startEmulator({ seed: { ...defaultSeed, notificationUrl: 'http://127.0.0.1:3000/hook' } });
 */
export const defaultSeed: Seed = {
  realm: 'nagra',
  clients: [
    { clientId: 'crm_client' },
    { clientId: 'crm_service', clientSecret: 'crm-service-secret', serviceAccountRoles: ['operatorRole'] },
  ],
  users: [
    {
      username: 'crm_client_user',
      password: 'crm-client-password',
      clientId: 'crm_client',
      roles: ['operatorRole'],
    },
    { username: 'viewer_user', password: 'viewer-password', clientId: 'crm_client', roles: [] },
  ],
  tenants: [
    {
      id: 'tenant1',
      accounts: ['account-alice', 'account-bob', 'account-carol'],
      products: [
        { id: 'Netflix_EU_B_BUNDLE_BASIC', name: 'Netflix Basic', type: 'THIRDPARTY' },
        { id: 'Netflix_EU_B_BUNDLE_PREMIUM', name: 'Netflix Premium', type: 'THIRDPARTY' },
        { id: 'DisneyPlus_EU_STANDARD', name: 'Disney+ Standard', type: 'THIRDPARTY' },
        { id: 'SPORTS_PACK', name: 'Sports pack', type: 'SUBSCRIPTION' },
      ],
    },
  ],
};
