import { crmGateway, crmGatewayRouter, notificationReceiver } from '@crm-gateway/hono-plugin';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { authenticate, DEMO_USERS } from './portal/demo-users.js';
import { renderPage } from './portal/page.js';
import { onEntitlementChanged, type PortalConfig } from './portal/portal-config.js';
import { readCookie, SESSION_COOKIE, sessionCookie } from './portal/sessions.js';
import type { LiveUpdate } from './portal/live-updates.js';

/**
 * The demo portal on Hono with `@crm-gateway/hono-plugin`; it serves the same page as the Express one.
 *
 * @example
 * serve({ fetch: createHonoPortal(config).fetch, port: 3000 });
 */
export function createHonoPortal(config: PortalConfig): Hono {
  const app = new Hono();
  const sessionOf = (c: Context) => config.sessions.get(readCookie(c.req.header('cookie'), SESSION_COOKIE));

  app.use(async (c, next) => {
    await next();
    const cid = c.res.headers.get('x-correlation-id');
    config.log(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status}${cid ? ` cid=${cid}` : ''}`);
  });

  // OPF -> portal: answered 200 only once onEntitlementChanged has run.
  app.post(
    '/opf/notifications',
    notificationReceiver({ secret: config.notificationSecret, onNotification: onEntitlementChanged(config) }),
  );

  // Portal -> OPF: the account always comes from the session, never from the request body.
  const api = new Hono();
  api.use(crmGateway(config.gateway));
  api.route(
    '/',
    crmGatewayRouter({
      resolveAccountId: (c) => {
        const user = sessionOf(c);
        if (!user) throw new Error('not signed in');
        return user.accountId;
      },
      prohibitDuplicateProductPurchase: true,
    }),
  );
  app.route('/api', api);

  app.get('/', (c) =>
    c.html(
      renderPage({
        framework: 'hono',
        user: sessionOf(c),
        catalogue: config.catalogue,
        demoUsers: DEMO_USERS,
      }),
    ),
  );

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const user = authenticate(form.username, form.password);
    if (!user) {
      return c.html(
        renderPage({
          framework: 'hono',
          user: undefined,
          catalogue: config.catalogue,
          demoUsers: DEMO_USERS,
          signInError: 'Unknown username or password.',
        }),
        401,
      );
    }
    c.header('set-cookie', sessionCookie(config.sessions.create(user)));
    return c.redirect('/', 303);
  });

  app.post('/logout', (c) => {
    config.sessions.delete(readCookie(c.req.header('cookie'), SESSION_COOKIE));
    c.header('set-cookie', sessionCookie(undefined));
    return c.redirect('/', 303);
  });

  app.get('/events', (c) => {
    const user = sessionOf(c);
    if (!user) return c.json({ message: 'Please sign in.' }, 401);
    return streamSSE(c, async (stream) => {
      const queue: LiveUpdate[] = [];
      let wake: (() => void) | undefined;
      const stop = config.live.subscribe(user.accountId, (update) => {
        queue.push(update);
        wake?.();
      });
      stream.onAbort(() => {
        stop();
        wake?.();
      });
      await stream.write(': connected\n\n');
      while (!stream.aborted) {
        const update = queue.shift();
        if (update) {
          await stream.writeSSE({ event: 'entitlement', data: JSON.stringify(update) });
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      }
    });
  });

  // Anything that reached Hono's error handling is answered as JSON, never with a stack.
  app.onError((error, c) => {
    const { status: given, code } = error as { status?: unknown; code?: unknown };
    const status = typeof given === 'number' && given >= 400 && given < 600 ? given : 500;
    if (status >= 500) console.error(`portal error on ${c.req.method} ${c.req.path}:`, error);
    return c.json(
      {
        code: typeof code === 'string' ? code : status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST',
        message: status < 500 ? error.message : 'Something went wrong.',
        correlationId: c.res.headers.get('x-correlation-id') ?? c.req.header('x-correlation-id') ?? null,
      },
      status as 500,
    );
  });
  return app;
}
