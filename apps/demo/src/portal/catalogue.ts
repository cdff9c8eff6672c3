import type { CatalogueProduct } from './page.js';

interface SeedLike {
  tenants: ReadonlyArray<{ id: string; products: ReadonlyArray<{ id: string; name: string; type: string }> }>;
}

/**
 * The third-party products of a tenant, as the portal's catalogue. A real portal reads its own product
 * database; the demo takes them from the emulator's seed.
 *
 * @example
 * const catalogue = catalogueFromSeed(defaultSeed, 'tenant1');
 */
export function catalogueFromSeed(seed: SeedLike, tenantId: string): CatalogueProduct[] {
  const tenant = seed.tenants.find((candidate) => candidate.id === tenantId);
  if (!tenant) throw new Error(`tenant ${tenantId} is not in the seed`);
  return tenant.products
    .filter((product) => product.type === 'THIRDPARTY')
    .map(({ id, name }) => ({ id, name }));
}
