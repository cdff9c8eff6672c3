import { crmGateway, crmGatewayRouter, notificationReceiver } from '@crm-gateway/express-plugin';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import { authenticate, DEMO_USERS } from './portal/demo-users.js';
import { renderPage } from './portal/page.js';
import { onEntitlementChanged, type PortalConfig } from './portal/portal-config.js';
import { readCookie, SESSION_COOKIE, sessionCookie } from './portal/sessions.js';
import { sseEvent } from './portal/live-updates.js';

/**
 * The demo portal on Express 5 with `@crm-gateway/express-plugin`.
 *
 * @example
 * createExpressPortal(config).listen(3000);
 */
export function createExpressPortal(config: PortalConfig): Express {
  const app = express();
  const sessionOf = (req: Request) => config.sessions.get(readCookie(req.get('cookie'), SESSION_COOKIE));

  app.use((req, res, next) => {
    res.on('finish', () => {
      const cid = res.getHeader('x-correlation-id');
      config.log(`${req.method} ${req.originalUrl} ${res.statusCode}${cid ? ` cid=${String(cid)}` : ''}`);
    });
    next();
  });

  // OPF -> portal: answered 200 only once onEntitlementChanged has run.
  app.post(
    '/opf/notifications',
    notificationReceiver({ secret: config.notificationSecret, onNotification: onEntitlementChanged(config) }),
  );

  // Portal -> OPF: the account always comes from the session, never from the request body.
  app.use(
    '/api',
    crmGateway(config.gateway),
    crmGatewayRouter({
      resolveAccountId: (req) => {
        const user = sessionOf(req);
        if (!user) throw new Error('not signed in');
        return user.accountId;
      },
      prohibitDuplicateProductPurchase: true,
    }),
  );

  app.get('/', (req, res) => {
    res.type('html').send(
      renderPage({
        framework: 'express',
        user: sessionOf(req),
        catalogue: config.catalogue,
        demoUsers: DEMO_USERS,
      }),
    );
  });

  app.post('/login', express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const user = authenticate(body?.username, body?.password);
    if (!user) {
      res
        .status(401)
        .type('html')
        .send(
          renderPage({
            framework: 'express',
            user: undefined,
            catalogue: config.catalogue,
            demoUsers: DEMO_USERS,
            signInError: 'Unknown username or password.',
          }),
        );
      return;
    }
    res.setHeader('set-cookie', sessionCookie(config.sessions.create(user)));
    res.redirect(303, '/');
  });

  app.post('/logout', (req, res) => {
    config.sessions.delete(readCookie(req.get('cookie'), SESSION_COOKIE));
    res.setHeader('set-cookie', sessionCookie(undefined));
    res.redirect(303, '/');
  });

  app.get('/events', (req, res) => {
    const user = sessionOf(req);
    if (!user) {
      res.status(401).json({ message: 'Please sign in.' });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const stop = config.live.subscribe(user.accountId, (update) =>
      res.write(sseEvent('entitlement', update)),
    );
    req.on('close', stop);
  });

  // Last: anything that reached Express's error handling is answered as JSON, never with a stack.
  app.use(jsonErrors);
  return app;
}

/** Answers an error as JSON `{ code, message, correlationId }`; a 5xx says nothing of its cause. */
const jsonErrors: ErrorRequestHandler = (
  error: { status?: unknown; code?: unknown; message?: unknown },
  req,
  res,
  _next,
) => {
  const status =
    typeof error.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
  if (status >= 500) console.error(`portal error on ${req.method} ${req.path}:`, error);
  res.status(status).json({
    code: typeof error.code === 'string' ? error.code : status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_REQUEST',
    message: status < 500 && typeof error.message === 'string' ? error.message : 'Something went wrong.',
    correlationId: res.getHeader('x-correlation-id'),
  });
};
