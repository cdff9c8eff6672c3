import { DEMO_USERS } from './portal/demo-users.js';
import { startDemo, type RunningDemo } from './start-demo.js';

/** One step of the headless check. */
export interface CheckStep {
  framework: 'express' | 'hono';
  step: string;
  ok: boolean;
  detail: string;
}

/** The outcome of `runDemoCheck`. */
export interface CheckReport {
  ok: boolean;
  steps: CheckStep[];
}

class StepFailed extends Error {
  override name = 'StepFailed';
}

/** Reads server-sent events from the portal's `/events` stream. */
class EventReader {
  readonly #events: Array<{ event: string; data: unknown }> = [];
  readonly #waiters = new Set<() => void>();
  readonly #abort = new AbortController();

  static async open(url: string, cookie: string): Promise<EventReader> {
    const reader = new EventReader();
    const response = await fetch(url, { headers: { cookie }, signal: reader.#abort.signal });
    if (response.status !== 200 || !response.body)
      throw new StepFailed(`/events answered ${response.status}`);
    void reader.#pump(response.body);
    return reader;
  }

  async #pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (event && data) this.#events.push({ event, data: JSON.parse(data) as unknown });
          for (const wake of this.#waiters) wake();
        }
      }
    } catch {
      // closed by close()
    }
  }

  /** Waits until an event matches, or fails after `timeoutMs`. */
  async waitFor(
    match: (data: Record<string, unknown>) => boolean,
    timeoutMs = 15_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.#events.find(
        (e) => e.event === 'entitlement' && match(e.data as Record<string, unknown>),
      );
      if (found) return found.data as Record<string, unknown>;
      const left = deadline - Date.now();
      if (left <= 0) throw new StepFailed('no matching notification reached the page in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.#waiters.clear();
    }
  }

  close(): void {
    this.#abort.abort();
  }
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

function expectStatus(response: Response, body: Record<string, unknown>, status: number): void {
  if (response.status !== status) {
    throw new StepFailed(`expected HTTP ${status}, got ${response.status} ${JSON.stringify(body)}`);
  }
}

async function checkFramework(
  demo: RunningDemo,
  record: (step: string, detail: string) => void,
): Promise<void> {
  const base = demo.portal.url;
  const user = DEMO_USERS[0]!;
  let current = 'sign in';
  const step = async (name: string, run: () => Promise<string>): Promise<void> => {
    current = name;
    record(name, await run());
  };
  try {
    let cookie = '';
    await step('sign in', async () => {
      const response = await fetch(`${base}/login`, {
        method: 'POST',
        body: new URLSearchParams({ username: user.username, password: user.password }),
        redirect: 'manual',
      });
      cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
      if (response.status !== 303 || !cookie) throw new StepFailed(`login answered ${response.status}`);
      return `signed in as ${user.username}`;
    });
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${base}/api${path}`, {
        ...init,
        headers: { cookie, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      });
    const events = await EventReader.open(`${base}/events`, cookie);
    try {
      const product = demo.portal.config.catalogue[0]!;
      let entitlementId = '';
      await step('buy', async () => {
        const correlationId = `demo-check-${demo.framework}-${Date.now()}`;
        const response = await api('/purchases', {
          method: 'POST',
          headers: { 'x-correlation-id': correlationId },
          body: JSON.stringify({ productId: product.id, accountId: 'account-bob' }),
        });
        const body = await json(response);
        expectStatus(response, body, 201);
        if (body.status !== 'PENDING') throw new StepFailed(`expected PENDING, got ${String(body.status)}`);
        if (response.headers.get('x-correlation-id') !== correlationId)
          throw new StepFailed('correlation id not echoed');
        const seen = demo.emulator
          .getState()
          .requests.some(
            (entry) =>
              entry.operationId === 'createThirdPartyEntitlement' && entry.correlationId === correlationId,
          );
        if (!seen) throw new StepFailed('the emulator did not see the correlation id');
        entitlementId = String(body.entitlementId);
        const stored = demo.emulator.getState().entitlements.find((e) => e._id === entitlementId);
        if (stored?.accountId !== user.accountId)
          throw new StepFailed('the entitlement is not on the session account');
        return `${product.name}: ${entitlementId} PENDING (cid ${correlationId})`;
      });
      await step('duplicate purchase refused', async () => {
        const response = await api('/purchases', {
          method: 'POST',
          body: JSON.stringify({ productId: product.id }),
        });
        const body = await json(response);
        expectStatus(response, body, 409);
        return String(body.message);
      });
      let activationUrl = '';
      await step('activation link', async () => {
        const response = await api(`/entitlements/${encodeURIComponent(entitlementId)}/activation`);
        const body = await json(response);
        expectStatus(response, body, 200);
        activationUrl = String(body.url);
        return activationUrl;
      });
      await step('activate with the provider', async () => {
        const response = await fetch(activationUrl);
        if (response.status !== 200) throw new StepFailed(`activation page answered ${response.status}`);
        await events.waitFor((e) => e.entitlementId === entitlementId && e.status === 'ACTIVE');
        return 'OPF notified the portal: ACTIVE';
      });
      for (const [action, status] of [
        ['suspend', 'SUSPENDED'],
        ['resume', 'ACTIVE'],
        ['cancel', 'ACTIVE-ENDING'],
      ] as const) {
        await step(action, async () => {
          const response = await api(`/entitlements/${encodeURIComponent(entitlementId)}/${action}`, {
            method: 'POST',
            body: '{}',
          });
          const body = await json(response);
          expectStatus(response, body, 200);
          await events.waitFor(
            (e) => e.entitlementId === entitlementId && e.status === status && e.previousStatus !== undefined,
          );
          return `${status} (cid ${String(body.correlationId)})`;
        });
      }
      await step('my subscriptions', async () => {
        const response = await api('/entitlements');
        const body = await json(response);
        expectStatus(response, body, 200);
        const list = body.entitlements as Array<Record<string, unknown>>;
        const mine = list.find((e) => e.entitlementId === entitlementId);
        if (mine?.status !== 'ACTIVE-ENDING')
          throw new StepFailed(`expected ACTIVE-ENDING in the list, got ${JSON.stringify(mine)}`);
        return `${list.length} entitlement(s)`;
      });
      await step('gateway unavailable', async () => {
        demo.emulator.setFaults({ createThirdPartyEntitlement: { status: 503 } });
        try {
          const response = await api('/purchases', {
            method: 'POST',
            body: JSON.stringify({ productId: demo.portal.config.catalogue[1]!.id }),
          });
          const body = await json(response);
          // A purchase that got no usable answer is looked up, then reported as unknown (never a plain 502).
          expectStatus(response, body, 503);
          if (body.code !== 'PURCHASE_OUTCOME_UNKNOWN' || typeof body.entitlementId !== 'string') {
            throw new StepFailed(
              `expected PURCHASE_OUTCOME_UNKNOWN with an entitlementId, got ${JSON.stringify(body)}`,
            );
          }
          if (JSON.stringify(body).includes(demo.emulator.url)) throw new StepFailed('OPF internals leaked');
          return String(body.message);
        } finally {
          demo.emulator.clearFaults();
        }
      });
    } finally {
      events.close();
    }
  } catch (error) {
    throw new StepFailed(`${current}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Runs the demo's purchase flow headless through the portal's HTTP API, once with Express and once with
 * Hono: sign in, buy, duplicate refused, activation link, activation, ACTIVE via OPF's notification,
 * suspend, resume, cancel (a soft ending: ACTIVE-ENDING), list, and a gateway outage shown as a portal error.
 *
 * @example
 * const report = await runDemoCheck({ log: console.log });
 * process.exitCode = report.ok ? 0 : 1;
 */
export async function runDemoCheck(options: { log?: (line: string) => void } = {}): Promise<CheckReport> {
  const log = options.log ?? (() => {});
  const steps: CheckStep[] = [];
  for (const framework of ['express', 'hono'] as const) {
    const demo = await startDemo({ framework, port: 0, emulatorPort: 0 });
    try {
      await checkFramework(demo, (step, detail) => {
        steps.push({ framework, step, ok: true, detail });
        log(`ok   ${framework.padEnd(7)} ${step}: ${detail}`);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const [step = 'start', ...rest] = message.split(': ');
      steps.push({ framework, step, ok: false, detail: rest.join(': ') });
      log(`FAIL ${framework.padEnd(7)} ${message}`);
    } finally {
      await demo.close();
    }
  }
  const failed = steps.filter((s) => !s.ok);
  log(
    failed.length === 0
      ? `demo check passed: ${steps.length} steps in express and hono`
      : `demo check failed at: ${failed.map((s) => `${s.framework}/${s.step}`).join(', ')}`,
  );
  return { ok: failed.length === 0, steps };
}
