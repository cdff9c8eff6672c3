/**
 * @module @crm-gateway/redis
 * Redis building blocks for portals running several instances: a notification store that de-duplicates OPF's
 * notifications across the fleet, and a token cache so the fleet shares one Keycloak token.
 */
export {
  createRedisNotificationStore,
  type RedisNotificationStore,
  type RedisNotificationStoreOptions,
} from './notification-store.js';
export { createRedisTokenCache, type RedisTokenCache, type RedisTokenCacheOptions } from './token-cache.js';
export { NotificationStoreUnavailableError, TokenCacheUnavailableError } from './errors.js';
export type { RedisClientLike, RedisConnectionOptions } from './connection.js';
