// A portal process with only OPF's notification endpoint: a plugin's `notificationReceiver` at
// POST /opf/notifications, its handler counting the events it ran, with the in-memory store (the default) or the
// Redis store. Started by ./run.mjs as `node app.mjs <express|hono> <memory|redis> [redisUrl]`; prints one JSON
// line `{ url }` when ready; `GET /__stats` answers `{ handled, runs }` (events handled, handler runs).
import { createRedisNotificationStore } from '@crm-gateway/redis';

const SECRET = 'bench-notification-secret';

const [framework, storeKind, redisUrl] = process.argv.slice(2);
if (framework !== 'express' && framework !== 'hono')
  throw new Error(`framework: express or hono, not ${framework}`);
if (storeKind !== 'memory' && storeKind !== 'redis')
  throw new Error(`store: memory or redis, not ${storeKind}`);

const store = storeKind === 'redis' ? await createRedisNotificationStore({ url: redisUrl }) : undefined;
const events = new Set();
let runs = 0;
const options = {
  secret: SECRET,
  ...(store ? { store } : {}),
  onNotification: (notification) => {
    runs += 1;
    events.add(notification.eventId);
  },
};
const stats = () => ({ handled: events.size, runs });

let close;
if (framework === 'express') {
  const { default: express } = await import('express');
  const { notificationReceiver } = await import('@crm-gateway/express-plugin');
  const app = express();
  app.get('/__stats', (_req, res) => void res.json(stats()));
  app.post('/opf/notifications', notificationReceiver(options));
  const server = app.listen(0, '127.0.0.1', () => announce(server.address().port));
  server.keepAliveTimeout = 60_000;
  close = (done) => server.close(done);
} else {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const { notificationReceiver } = await import('@crm-gateway/hono-plugin');
  const app = new Hono();
  app.get('/__stats', (c) => c.json(stats()));
  app.post('/opf/notifications', notificationReceiver(options));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
  close = (done) => server.close(done);
}

function announce(port) {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
}

process.on('SIGTERM', () =>
  close(async () => {
    await store?.close();
    process.exit(0);
  }),
);
