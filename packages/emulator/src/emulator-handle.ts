import type { Server } from 'node:http';
import type { EmulatorContext } from './context.js';
import { editionProblem, isEdition, type Edition } from './edition.js';
import type { Emulator } from './emulator-types.js';
import { toStoredEntitlement } from './entitlements/entitlement-store.js';
import { EmulatorError } from './errors.js';
import { realmPath } from './keycloak/token-endpoint.js';
import { closeServer } from './listen.js';
import { isHttpUrl } from './seed/validate-seed.js';

/** What the handle controls: the shared context, the server, and the edition `reset()` restores. */
export interface EmulatorHandleParts {
  ctx: EmulatorContext;
  server: Server;
  baseUrl: string;
  startEdition: Edition;
  /** The Bango activation URL of an activation token (shown in `getState()`). */
  activationUrl(token: string): string;
}

/**
 * The `Emulator` a caller gets from `startEmulator`: URLs, faults, notification URL, edition, activation,
 * token revocation, state, reset and close.
 *
 * @example
 * const emulator = createEmulatorHandle({ ctx, server, baseUrl, startEdition: 'scp-25.12', activationUrl });
 */
export function createEmulatorHandle(parts: EmulatorHandleParts): Emulator {
  const { ctx, server, baseUrl, startEdition, activationUrl } = parts;
  const { seed, settings, faults, log, deliverer, store, entitlements } = ctx;
  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    tokenUrl: `${baseUrl}${realmPath(seed.realm)}/protocol/openid-connect/token`,
    realm: seed.realm,
    seed,
    setFaults: (next) => faults.set(next),
    clearFaults: () => faults.clear(),
    setNotificationUrl(url) {
      if (url !== undefined && !isHttpUrl(url)) {
        throw new EmulatorError('INVALID_OPTIONS', 400, 'notification URL must be an http(s) URL');
      }
      deliverer.setUrl(url);
    },
    setEdition(edition) {
      if (!isEdition(edition)) throw new EmulatorError('INVALID_OPTIONS', 400, editionProblem('edition'));
      settings.edition = edition;
    },
    async activate(entitlementId) {
      entitlements.activate(entitlementId);
    },
    revokeTokens: () => ctx.issuer.revokeAll(),
    getState: () => ({
      entitlements: store.all().map((record) => toStoredEntitlement(record, activationUrl)),
      deliveries: deliverer.list(),
      requests: log.list(),
    }),
    reset() {
      entitlements.reset();
      faults.clear();
      log.clear();
      deliverer.clear();
      deliverer.setUrl(seed.notificationUrl);
      settings.edition = startEdition;
    },
    close() {
      closing ??= (async () => {
        store.clear();
        await deliverer.close();
        await closeServer(server);
      })();
      return closing;
    },
  };
}
