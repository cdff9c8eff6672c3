import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { adminRoutes } from './admin/routes.js';
import { bangoRoutes } from './bango/activation.js';
import type { AppEnv, ChangeInfo, EmulatorContext, EmulatorSettings } from './context.js';
import { editionProblem, isEdition } from './edition.js';
import { EmulatorError } from './errors.js';
import { FaultController, validateFaults } from './faults/faults.js';
import { errorBody } from './gateway/gateway-error.js';
import { gatewayRoutes } from './gateway/routes.js';
import { EntitlementStore, toStoredEntitlement, type EntitlementRecord } from './gateway/store.js';
import { compileOperationValidators } from './gateway/validate-request.js';
import { getSigningKeys } from './keycloak/keys.js';
import { keycloakRoutes, realmPath } from './keycloak/token-endpoint.js';
import { TokenIssuer } from './keycloak/token-issuer.js';
import { DEFAULT_RETRY, NotificationDeliverer } from './notifications/deliverer.js';
import { RequestLog } from './request-log.js';
import { defaultSeed } from './seed/default-seed.js';
import { isHttpUrl, validateSeed } from './seed/validate-seed.js';
import type { Emulator, EmulatorOptions } from './emulator-types.js';

/**
 * Default HMAC key of the webhook signature.
 *
 * @example
 * signNotification(DEFAULT_NOTIFICATION_SECRET, rawBody);
 */
export const DEFAULT_NOTIFICATION_SECRET = 'emulator-notification-secret';

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new EmulatorError(
      'INVALID_OPTIONS',
      400,
      `options.${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`,
    );
  }
  return value;
}

function resolveSettings(options: EmulatorOptions): EmulatorSettings {
  if (options.duplicateIdPolicy !== undefined && !['replay', 'reject'].includes(options.duplicateIdPolicy)) {
    throw new EmulatorError('INVALID_OPTIONS', 400, 'options.duplicateIdPolicy must be "replay" or "reject"');
  }
  if (options.edition !== undefined && !isEdition(options.edition)) {
    throw new EmulatorError('INVALID_OPTIONS', 400, editionProblem('options.edition'));
  }
  return {
    accessTokenLifetimeSec: positive('accessTokenLifetimeSec', options.accessTokenLifetimeSec, 300),
    refreshTokenLifetimeSec: positive('refreshTokenLifetimeSec', options.refreshTokenLifetimeSec, 1800),
    activationUrlTtlSec: positive('activationUrlTtlSec', options.activationUrlTtlSec, 900),
    autoActivateMs:
      options.autoActivateMs === undefined
        ? undefined
        : positive('autoActivateMs', options.autoActivateMs, 0, true),
    duplicateIdPolicy: options.duplicateIdPolicy ?? 'replay',
    edition: options.edition ?? 'scp-25.12',
  };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

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
  const seed = validateSeed(structuredClone(options.seed ?? defaultSeed));
  const settings = resolveSettings(options);
  const startEdition = settings.edition;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EmulatorError('INVALID_OPTIONS', 400, 'options.port must be an integer from 0 to 65535');
  }
  if (options.faults) {
    const issues = validateFaults(options.faults);
    if (issues.length > 0)
      throw new EmulatorError('INVALID_OPTIONS', 400, `Invalid faults: ${issues.join('; ')}`);
  }
  const retry = { ...DEFAULT_RETRY, ...options.notificationRetry };
  positive('notificationRetry.initialDelayMs', retry.initialDelayMs, 1);
  positive('notificationRetry.maxDelayMs', retry.maxDelayMs, 1);
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw new EmulatorError(
      'INVALID_OPTIONS',
      400,
      'options.notificationRetry.maxAttempts must be a positive integer',
    );
  }
  compileOperationValidators();
  const keys = await getSigningKeys();

  let baseUrl = '';
  const sequences = new Map<string, number>();
  const store = new EntitlementStore();
  const faults = new FaultController();
  if (options.faults) faults.set(options.faults);
  const log = new RequestLog();
  const deliverer = new NotificationDeliverer({
    secret: options.notificationSecret ?? DEFAULT_NOTIFICATION_SECRET,
    retry,
    ...(seed.notificationUrl ? { url: seed.notificationUrl } : {}),
  });
  const activationUrl = (token: string) => `${baseUrl}/bango/activate/${token}`;

  const ctx: EmulatorContext = {
    seed,
    realm: seed.realm,
    baseUrl: () => baseUrl,
    settings,
    keys,
    issuer: new TokenIssuer(keys, () => `${baseUrl}${realmPath(seed.realm)}`, settings),
    store,
    faults,
    log,
    deliverer,
    activationUrl,
    notifyChange(record: EntitlementRecord, change: ChangeInfo, correlationId?: string) {
      const key = `${record.tenantId}\u0000${record._id}`;
      const sequence = (sequences.get(key) ?? 0) + 1;
      sequences.set(key, sequence);
      deliverer.enqueue(
        {
          eventId: randomUUID(),
          tenantId: record.tenantId,
          entitlementId: record._id,
          accountId: record.accountId,
          productId: record.productId,
          ...(change.previousProductId !== undefined ? { previousProductId: change.previousProductId } : {}),
          productType: 'THIRDPARTY',
          status: record.status,
          ...(change.previousStatus !== undefined ? { previousStatus: change.previousStatus } : {}),
          ...(record.reasonCategory !== undefined ? { reasonCategory: record.reasonCategory } : {}),
          ...(record.reasonCode !== undefined ? { reasonCode: record.reasonCode } : {}),
          ...(change.deleted ? { deleted: true } : {}),
          occurredAt: new Date().toISOString(),
          sequence,
        },
        correlationId,
      );
    },
    issueActivation(record: EntitlementRecord) {
      record.activationToken = randomBytes(18).toString('base64url');
      record.activationExpiresAt = Date.now() + settings.activationUrlTtlSec * 1000;
      if (settings.autoActivateMs !== undefined && !record.autoActivateTimer) {
        const timer = setTimeout(() => {
          delete record.autoActivateTimer;
          if (record.status === 'PENDING' && store.get(record.tenantId, record._id) === record)
            ctx.completeActivation(record);
        }, settings.autoActivateMs);
        timer.unref();
        record.autoActivateTimer = timer;
      }
      return { url: activationUrl(record.activationToken), expiresAt: record.activationExpiresAt };
    },
    completeActivation(record: EntitlementRecord, correlationId?: string) {
      if (record.autoActivateTimer) clearTimeout(record.autoActivateTimer);
      delete record.autoActivateTimer;
      delete record.activationToken;
      delete record.activationExpiresAt;
      store.setStatus(record, 'ACTIVE');
      ctx.notifyChange(record, { previousStatus: 'PENDING' }, correlationId);
    },
  };

  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const correlationId = c.req.header('x-correlation-id');
    if (correlationId !== undefined) c.set('correlationId', correlationId);
    await next();
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/__emulator/')) return;
    const fault = c.get('fault');
    log.add({
      time: new Date().toISOString(),
      method: c.req.method,
      path,
      operationId: c.get('operationId'),
      status: fault?.startsWith('reset') ? 0 : c.res.status,
      correlationId,
      tenantId: c.req.header('nv-tenant-id'),
      ...(fault ? { fault } : {}),
    });
  });
  let emulator: Emulator | undefined;
  app.route(
    '/',
    adminRoutes(() => emulator as Emulator),
  );
  app.route('/', keycloakRoutes(ctx));
  app.route('/', bangoRoutes(ctx));
  app.route('/', gatewayRoutes(ctx));
  app.notFound((c) =>
    c.json(
      errorBody('NOT_FOUND', `No operation at ${c.req.method} ${c.req.path}`, c.get('correlationId')),
      404,
    ),
  );
  app.onError((error, c) => {
    process.emitWarning(`crm-gateway emulator: unexpected error: ${error.message}`);
    return c.json(errorBody('50000:500', 'Internal error of the emulator', c.get('correlationId')), 500);
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port, hostname: host }, () =>
      resolve(started as Server),
    ) as Server;
    started.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${hostForUrl(host)}:${address.port}`;
  let closing: Promise<void> | undefined;

  emulator = {
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
      const record = store.find(entitlementId);
      if (!record)
        throw new EmulatorError('ENTITLEMENT_NOT_FOUND', 404, `Entitlement ${entitlementId} does not exist`);
      if (record.status !== 'PENDING') {
        throw new EmulatorError(
          'NOT_PENDING',
          400,
          `Entitlement ${entitlementId} is ${record.status}, not PENDING`,
        );
      }
      ctx.completeActivation(record);
    },
    revokeTokens: () => ctx.issuer.revokeAll(),
    getState: () => ({
      entitlements: store.all().map((record) => toStoredEntitlement(record, activationUrl)),
      deliveries: deliverer.list(),
      requests: log.list(),
    }),
    reset() {
      store.clear();
      sequences.clear();
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
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
  return emulator;
}
