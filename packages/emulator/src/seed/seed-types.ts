/**
 * A Keycloak client of the seed. A client with `clientSecret` is confidential.
 *
 * @example
 * const client: SeedClient = { clientId: 'svc', clientSecret: 's3cret', serviceAccountRoles: ['operatorRole'] };
 */
export interface SeedClient {
  clientId: string;
  clientSecret?: string;
  /** Realm roles of the client's service account (client_credentials grant). */
  serviceAccountRoles?: string[];
}

/**
 * A Keycloak user of the seed (password grant through `clientId`).
 *
 * @example
 * const user: SeedUser = { username: 'op', password: 'pw', clientId: 'crm_client', roles: ['operatorRole'] };
 */
export interface SeedUser {
  username: string;
  password: string;
  clientId: string;
  roles: string[];
}

/**
 * A product of a tenant. Only `THIRDPARTY` products can be purchased through the emulator.
 *
 * @example
 * const product: SeedProduct = { id: 'Netflix_EU_B_BUNDLE_BASIC', name: 'Netflix Basic', type: 'THIRDPARTY' };
 */
export interface SeedProduct {
  id: string;
  name: string;
  type: string;
}

/**
 * An OPF tenant with its accounts and products.
 *
 * @example
 * const tenant: SeedTenant = { id: 'tenant1', accounts: ['account-alice'], products: [] };
 */
export interface SeedTenant {
  id: string;
  accounts: string[];
  products: SeedProduct[];
}

/**
 * What the emulator knows at start: realm, Keycloak clients and users, tenants.
 *
 * @example
 * const seed: Seed = { ...defaultSeed, notificationUrl: 'http://127.0.0.1:3000/opf/notifications' };
 */
export interface Seed {
  realm: string;
  clients: SeedClient[];
  users: SeedUser[];
  tenants: SeedTenant[];
  /** Where entitlement change notifications go (webhook `entitlementChanged`). */
  notificationUrl?: string;
}
