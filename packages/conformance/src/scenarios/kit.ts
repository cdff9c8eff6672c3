/**
 * The shared set-up of the portal scenarios: a real emulator, the plugin's real server in front of it, and the
 * helpers every scenario file uses to drive it over loopback. Test-only.
 */
import { signNotification, startEmulator, type Emulator } from '@crm-gateway/emulator';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { EMULATOR_PASSWORD, emulatorClientOptions } from '../fixtures/plugin-fixtures.js';
import type {
  PortalTestAdapter,
  PortalTestApp,
  PortalTestServer,
  RecordedNotification,
} from '../plugins/portal-test-adapter.js';

export const NOTIFICATION_SECRET = 'scenario-notification-secret';
export const PASSWORD = EMULATOR_PASSWORD;
export const ALICE = 'account-alice';
export const BOB = 'account-bob';
export const CAROL = 'account-carol';
export const BASIC = 'Netflix_EU_B_BUNDLE_BASIC';
export const PREMIUM = 'Netflix_EU_B_BUNDLE_PREMIUM';
export const DISNEY = 'DisneyPlus_EU_STANDARD';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CallOptions {
  account?: string | null;
  tenant?: string;
  correlationId?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  body: Record<string, unknown>;
  text: string;
  headers: Headers;
}

/** What every scenario file receives: the running servers (read after `beforeAll`) and the helpers. */
export interface ScenarioKit {
  readonly adapter: PortalTestAdapter;
  readonly emulator: Emulator;
  readonly server: PortalTestServer;
  /** Notifications whose handler resolved, in order. */
  readonly handled: RecordedNotification[];
  /** Every call of the notification handler, in order. */
  readonly handlerCalls: RecordedNotification[];
  readonly contexts: { correlationId: string; eventId: string }[];
  /** What the notification handler does (reset to "resolve" before each scenario). */
  onNotification: (n: RecordedNotification) => Promise<void>;
  makeApp(overrides?: Partial<PortalTestApp>): PortalTestApp;
  call(base: PortalTestServer, method: string, path: string, options?: CallOptions): Promise<CallResult>;
  api(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  purchase(account: string, productId: string): Promise<string>;
  stored(entitlementId: string): ReturnType<Emulator['getState']>['entitlements'][number] | undefined;
  expectNoLeak(result: CallResult): void;
  expectPortalError(result: CallResult, status: number, code: string, field?: string): void;
}

/**
 * Registers the set-up hooks (in the caller's `describe`) and returns the kit.
 *
 * @example
 * const kit = createScenarioKit(adapter);
 * purchaseScenarios(kit);
 */
export function createScenarioKit(adapter: PortalTestAdapter): ScenarioKit {
  let emulator: Emulator;
  let server: PortalTestServer;
  const handled: RecordedNotification[] = [];
  const handlerCalls: RecordedNotification[] = [];
  const contexts: { correlationId: string; eventId: string }[] = [];
  let onNotification: (n: RecordedNotification) => Promise<void> = async () => undefined;

  function makeApp(overrides: Partial<PortalTestApp> = {}): PortalTestApp {
    return {
      ...overrides,
      client: {
        baseUrl: emulator.url,
        auth: emulatorClientOptions(emulator).auth,
        // Generous per attempt, so a loaded machine never turns a normal call into a timeout.
        timeoutMs: 1_500,
        totalTimeoutMs: 4_000,
        maxRetries: 2,
      },
      accountFrom(header) {
        if (header === null || header === undefined) throw new Error('no session');
        return header;
      },
      tenantFrom: (header) => header ?? 'tenant1',
      notificationSecret: NOTIFICATION_SECRET,
      async onNotification(notification, context) {
        handlerCalls.push(notification);
        contexts.push(context);
        await onNotification(notification);
        handled.push(notification);
      },
    };
  }

  async function call(
    base: PortalTestServer,
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<CallResult> {
    const headers: Record<string, string> = { ...options.headers };
    const account = options.account === undefined ? ALICE : options.account;
    if (account !== null) headers['x-test-account'] = account;
    if (options.tenant !== undefined) headers['x-test-tenant'] = options.tenant;
    if (options.correlationId !== undefined) headers['x-correlation-id'] = options.correlationId;
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) payload = JSON.stringify(options.body);
    // A browser page of the portal sends JSON; state-changing routes refuse anything else (415).
    if (payload !== undefined || method === 'POST') headers['content-type'] ??= 'application/json';
    const response = await fetch(`${base.url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Not JSON: the assertions on `text` say what was expected.
    }
    return { status: response.status, body, text, headers: response.headers };
  }

  const api = (method: string, path: string, options?: CallOptions) =>
    call(server, method, `/api${path}`, options);

  async function purchase(account: string, productId: string): Promise<string> {
    const result = await api('POST', '/purchases', { account, body: { productId } });
    expect(result.status).toBe(201);
    return result.body.entitlementId as string;
  }

  function stored(entitlementId: string) {
    return emulator.getState().entitlements.find((e) => e._id === entitlementId);
  }

  /** The end user must never see OPF's internals nor the portal's credentials. */
  function expectNoLeak(result: CallResult): void {
    expect(result.text).not.toContain(PASSWORD);
    expect(result.text).not.toContain('resultCode');
    expect(result.text).not.toContain('crm_client');
    expect(result.text).not.toMatch(/keycloak|bearer|TENANT_NOT_FOUND|99999/i);
  }

  function expectPortalError(result: CallResult, status: number, code: string, field?: string): void {
    expect(result.status).toBe(status);
    expect(result.body.code).toBe(code);
    expect(typeof result.body.message).toBe('string');
    expect(typeof result.body.correlationId).toBe('string');
    expect(result.headers.get('x-correlation-id')).toBe(result.body.correlationId);
    if (field !== undefined) expect(result.body.field).toBe(field);
    expectNoLeak(result);
  }

  beforeAll(async () => {
    emulator = await startEmulator({
      notificationSecret: NOTIFICATION_SECRET,
      notificationRetry: { initialDelayMs: 30, maxDelayMs: 200, maxAttempts: 6 },
    });
    server = await adapter.start(makeApp());
  });

  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  beforeEach(() => {
    emulator.reset();
    handled.length = 0;
    handlerCalls.length = 0;
    contexts.length = 0;
    onNotification = async () => undefined;
  });

  return {
    adapter,
    get emulator() {
      return emulator;
    },
    get server() {
      return server;
    },
    handled,
    handlerCalls,
    contexts,
    get onNotification() {
      return onNotification;
    },
    set onNotification(value) {
      onNotification = value;
    },
    makeApp,
    call,
    api,
    purchase,
    stored,
    expectNoLeak,
    expectPortalError,
  };
}

/** Polls `probe` until it returns a value (fails after `timeoutMs`; not a timing assertion). */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Signs a body as OPF does, with the emulator's signer (the emulator stands for OPF). */
export const sign = signNotification;
