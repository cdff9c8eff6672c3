// What both plugins' bench apps share (the framework-specific part, the routes and the server, stays in each
// plugin's bench/app.mjs). An app is started by run.mjs as `node app.mjs <plugin|hand> <upstreamUrl>`.

/** The variant to serve (`plugin` or `hand`) and the stub upstream's URL, from the command line. */
export function appArgs(argv = process.argv.slice(2)) {
  const [mode, upstream] = argv;
  if (mode !== 'plugin' && mode !== 'hand') throw new Error(`mode must be plugin or hand, got ${mode}`);
  if (upstream === undefined) throw new Error('the upstream URL is required');
  return { mode, upstream };
}

/** Options for `createCrmGatewayClient` on the stub upstream (plain data: each app uses its own client). */
export function benchClientOptions(upstream) {
  return {
    baseUrl: upstream,
    tenantId: 'tenant1',
    auth: {
      tokenUrl: `${upstream}/token`,
      clientId: 'crm_client',
      username: 'bench',
      password: 'bench-password',
    },
  };
}

/** The portal session of every bench request. */
export const accountOf = () => 'account-alice';

const SANE_ID = /^[\x21-\x7e]{1,128}$/;

/** The hand-written route's correlation id: the caller's when sane, else a fresh UUID. */
export function correlationIdOf(incoming) {
  return incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** Tells run.mjs the app is ready: one JSON line `{ url }`. */
export function announce(port) {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
}
