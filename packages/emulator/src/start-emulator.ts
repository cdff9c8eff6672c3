import type { EmulatorContext } from './context.js';
import { createEmulatorApp } from './emulator-app.js';
import { createEmulatorHandle } from './emulator-handle.js';
import type { Emulator, EmulatorOptions } from './emulator-types.js';
import { EntitlementService } from './entitlements/entitlement-service.js';
import { EntitlementStore } from './entitlements/entitlement-store.js';
import { FaultController } from './faults/faults.js';
import { compileOperationValidators } from './gateway/validate-request.js';
import { getSigningKeys } from './keycloak/keys.js';
import { realmPath } from './keycloak/token-endpoint.js';
import { TokenIssuer } from './keycloak/token-issuer.js';
import { listen } from './listen.js';
import { ChangeNotifier } from './notifications/change-notifier.js';
import { NotificationDeliverer } from './notifications/deliverer.js';
import { DEFAULT_NOTIFICATION_SECRET } from './notifications/sign.js';
import { RequestLog } from './request-log.js';
import { resolveOptions } from './resolve-options.js';

/**
 * Starts the emulator (CRM Gateway + Keycloak + Bango) on `host:port` and resolves once it listens.
 *
 * @example
 * const emulator = await startEmulator({ port: 0 });
 * const res = await fetch(emulator.tokenUrl, { method: 'POST', body: new URLSearchParams({
 *   grant_type: 'password', client_id: 'crm_client', username: 'crm_client_user', password: 'crm-client-password' }) });
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { seed, settings, host, port, headersTimeoutMs, retry } = resolveOptions(options);
  const startEdition = settings.edition;
  compileOperationValidators();
  const keys = await getSigningKeys();

  let baseUrl = '';
  const activationUrl = (token: string) => `${baseUrl}/bango/activate/${token}`;
  const store = new EntitlementStore();
  const faults = new FaultController();
  if (options.faults) faults.set(options.faults);
  const deliverer = new NotificationDeliverer({
    secret: options.notificationSecret ?? DEFAULT_NOTIFICATION_SECRET,
    retry,
    duplicates: retry.duplicates,
    ...(seed.notificationUrl ? { url: seed.notificationUrl } : {}),
  });
  const notifier = new ChangeNotifier(deliverer);
  const ctx: EmulatorContext = {
    seed,
    realm: seed.realm,
    baseUrl: () => baseUrl,
    settings,
    keys,
    issuer: new TokenIssuer(keys, () => `${baseUrl}${realmPath(seed.realm)}`, settings),
    store,
    faults,
    log: new RequestLog(),
    deliverer,
    entitlements: new EntitlementService({ store, notifier, settings, activationUrl }),
  };

  let emulator: Emulator | undefined;
  const app = createEmulatorApp(ctx, () => emulator as Emulator);
  const listening = await listen(app.fetch, host, port, headersTimeoutMs);
  baseUrl = listening.baseUrl;
  emulator = createEmulatorHandle({ ctx, server: listening.server, baseUrl, startEdition, activationUrl });
  return emulator;
}
