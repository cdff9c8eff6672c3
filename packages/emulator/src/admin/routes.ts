import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { BodyTooLargeError, readBodyText } from '../http/read-body.js';
import { editionProblem, isEdition } from '../edition.js';
import { EmulatorError } from '../errors.js';
import { validateFaults } from '../faults/faults.js';
import { isHttpUrl } from '../seed/validate-seed.js';
import type { Emulator } from '../emulator-types.js';
import type { Faults } from '../faults/fault-types.js';

async function jsonBody(text: Promise<string>): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await text) };
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    return { ok: false };
  }
}

/** Faults and settings are small JSON documents. */
const ADMIN_BODY_LIMIT_BYTES = 1024 * 1024;

const INVALID_URL = {
  error: 'INVALID_URL',
  message: 'body must be {"url": "<http(s) URL>"} (or {"url": null} to unset)',
};

function fieldOf(body: { ok: true; value: unknown } | { ok: false }, name: string): unknown {
  return body.ok && body.value && typeof body.value === 'object'
    ? (body.value as Record<string, unknown>)[name]
    : undefined;
}

/**
 * The admin API under `/__emulator/`: `GET state`, `PUT faults`, `DELETE faults`, `PUT notification-url`,
 * `PUT edition`, `POST reset`, `POST revoke-tokens`, `POST entitlements/{id}/activate`, `GET health`.
 *
 * @example
 * await fetch(`${emulator.url}/__emulator/faults`, { method: 'PUT', body: JSON.stringify({ listEntitlements: { status: 503 } }) });
 */
export function adminRoutes(emulator: () => Emulator): Hono<AppEnv> {
  const app = new Hono<AppEnv>().basePath('/__emulator');
  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/state', (c) => c.json(emulator().getState()));
  app.put('/faults', async (c) => {
    const body = await jsonBody(readBodyText(c, ADMIN_BODY_LIMIT_BYTES));
    if (!body.ok) return c.json({ error: 'INVALID_FAULTS', message: 'body must be valid JSON' }, 400);
    const issues = validateFaults(body.value);
    if (issues.length > 0)
      return c.json({ error: 'INVALID_FAULTS', message: issues.join('; '), issues }, 400);
    emulator().setFaults(body.value as Faults);
    return c.json({ faults: body.value });
  });
  app.delete('/faults', (c) => {
    emulator().clearFaults();
    return c.json({ faults: {} });
  });
  app.put('/notification-url', async (c) => {
    const body = await jsonBody(readBodyText(c, ADMIN_BODY_LIMIT_BYTES));
    const url = fieldOf(body, 'url');
    if (!body.ok || (url !== null && url !== undefined && !isHttpUrl(url))) {
      return c.json(INVALID_URL, 400);
    }
    emulator().setNotificationUrl(typeof url === 'string' ? url : undefined);
    return c.json({ url: url ?? null });
  });
  app.put('/edition', async (c) => {
    const edition = fieldOf(await jsonBody(readBodyText(c, ADMIN_BODY_LIMIT_BYTES)), 'edition');
    if (!isEdition(edition)) {
      return c.json(
        { error: 'INVALID_EDITION', message: `body must be {"edition": …}: ${editionProblem('edition')}` },
        400,
      );
    }
    emulator().setEdition(edition);
    return c.json({ edition });
  });
  app.post('/reset', (c) => {
    emulator().reset();
    return c.json({ reset: true });
  });
  app.post('/revoke-tokens', (c) => {
    emulator().revokeTokens();
    return c.json({ revoked: true });
  });
  app.post('/entitlements/:id/activate', async (c) => {
    const id = c.req.param('id');
    try {
      await emulator().activate(id);
    } catch (error) {
      if (error instanceof EmulatorError)
        return c.json({ error: error.code, message: error.message }, error.status as 400);
      throw error;
    }
    return c.json({ entitlementId: id, status: 'ACTIVE' });
  });
  return app;
}
