import { Hono } from 'hono';
import type { AppEnv, EmulatorContext } from '../context.js';
import { isHttpUrl } from '../seed/validate-seed.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(title: string, message: string, returnUrl: string | undefined): string {
  const link = returnUrl
    ? `<p><a id="return" href="${escapeHtml(returnUrl)}">Back to the portal</a></p>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${link}</body></html>`;
}

/**
 * The simulated Bango pages: `GET /bango/activate/{token}` completes activation (→ ACTIVE; 410 when the
 * token is expired, used or unknown), `GET /bango/recover/{entitlementId}` is the account recovery page.
 * `?returnUrl=` (http or https) adds a link back to the portal.
 *
 * @example
 * app.route('/', bangoRoutes(ctx));
 */
export function bangoRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/bango/activate/:token', (c) => {
    const returnUrl = c.req.query('returnUrl');
    const back = isHttpUrl(returnUrl) ? returnUrl : undefined;
    const record = ctx.store.findByActivationToken(c.req.param('token'));
    if (!record || record.status !== 'PENDING' || (record.activationExpiresAt ?? 0) <= Date.now()) {
      return c.html(
        page(
          'Link expired',
          'This activation link has expired or was already used. Ask the portal for a new one.',
          back,
        ),
        410,
      );
    }
    ctx.entitlements.completeActivation(record);
    return c.html(
      page('Subscription activated', `Your ${record.productId} subscription is now active.`, back),
      200,
    );
  });
  app.get('/bango/recover/:entitlementId', (c) => {
    const returnUrl = c.req.query('returnUrl');
    return c.html(
      page(
        'Account recovery',
        `Recovery of the third-party account of entitlement ${c.req.param('entitlementId')}.`,
        isHttpUrl(returnUrl) ? returnUrl : undefined,
      ),
      200,
    );
  });
  return app;
}
