import type { DemoUser } from './demo-users.js';

/** A product the portal sells. */
export interface CatalogueProduct {
  id: string;
  name: string;
}

/** What the page needs to render. */
export interface PageModel {
  framework: 'express' | 'hono';
  user: DemoUser | undefined;
  catalogue: readonly CatalogueProduct[];
  demoUsers: readonly DemoUser[];
  signInError?: string;
}

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const STYLE = `
  :root { font-family: system-ui, sans-serif; color: #1b1f24; background: #f4f6fa; }
  body { margin: 0; }
  header { background: #14213d; color: #fff; padding: 14px 28px; display: flex; align-items: center; gap: 16px; }
  header h1 { font-size: 20px; margin: 0; flex: 1; }
  header .badge { background: #fca311; color: #14213d; border-radius: 10px; padding: 2px 10px; font-size: 12px; font-weight: 600; }
  main { max-width: 980px; margin: 24px auto; padding: 0 20px; }
  section { background: #fff; border-radius: 10px; box-shadow: 0 1px 3px #0002; padding: 18px 22px; margin-bottom: 20px; }
  h2 { font-size: 17px; margin: 0 0 12px; }
  .catalogue { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 14px; }
  .product { border: 1px solid #dde2ea; border-radius: 8px; padding: 14px; display: flex; flex-direction: column; gap: 8px; }
  .product .id { font-size: 11px; color: #667; font-family: ui-monospace, monospace; }
  button, .button { background: #14213d; color: #fff; border: 0; border-radius: 6px; padding: 7px 14px; cursor: pointer; font-size: 14px; text-decoration: none; display: inline-block; }
  button.secondary { background: #e5e8ef; color: #14213d; }
  button:disabled { opacity: .5; cursor: default; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 8px 6px; border-bottom: 1px solid #eef0f4; vertical-align: middle; }
  td.actions { display: flex; gap: 6px; flex-wrap: wrap; }
  .status { font-weight: 600; border-radius: 10px; padding: 2px 9px; font-size: 12px; }
  .status-PENDING { background: #fff3cd; color: #7a5a00; }
  .status-ACTIVE { background: #d1f2dd; color: #0b6b2d; }
  .status-SUSPENDED { background: #e2e6ff; color: #2b3a9b; }
  .status-ACTIVE-ENDING { background: #ffe4cc; color: #8a4b00; }
  .status-CANCELLED, .status-REVOKED { background: #f1d6d6; color: #8a1f1f; }
  .cid { font-family: ui-monospace, monospace; font-size: 11px; color: #667; }
  #notice { padding: 10px 14px; border-radius: 8px; margin-bottom: 16px; display: none; }
  #notice.error { display: block; background: #fde2e1; color: #8a1f1f; }
  #notice.info { display: block; background: #e1f0fd; color: #17456e; }
  #activity { list-style: none; margin: 0; padding: 0; font-size: 13px; max-height: 240px; overflow: auto; }
  #activity li { padding: 4px 0; border-bottom: 1px dashed #eef0f4; }
  form.signin { display: grid; gap: 10px; max-width: 320px; }
  input { padding: 7px 9px; border: 1px solid #c9cfdb; border-radius: 6px; font-size: 14px; }
  .muted { color: #667; font-size: 13px; }
`;

function signInPage(model: PageModel): string {
  const logins = model.demoUsers
    .map(
      (user) =>
        `<li><code>${escapeHtml(user.username)}</code> / <code>${escapeHtml(user.password)}</code></li>`,
    )
    .join('');
  const error = model.signInError
    ? `<div id="notice" class="error" style="display:block">${escapeHtml(model.signInError)}</div>`
    : '';
  return `<section>
    <h2>Sign in to your TV account</h2>
    ${error}
    <form class="signin" method="post" action="/login">
      <label>Username <input name="username" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
    </form>
    <p class="muted">Demo subscribers:</p><ul class="muted">${logins}</ul>
  </section>`;
}

function portalPage(model: PageModel, user: DemoUser): string {
  const products = model.catalogue
    .map(
      (product) => `<div class="product">
        <strong>${escapeHtml(product.name)}</strong>
        <span class="id">${escapeHtml(product.id)}</span>
        <button data-buy="${escapeHtml(product.id)}">Buy</button>
      </div>`,
    )
    .join('');
  return `<div id="notice"></div>
  <section>
    <h2>Streaming add-ons</h2>
    <div class="catalogue">${products}</div>
  </section>
  <section>
    <h2>My subscriptions</h2>
    <table>
      <thead><tr><th>Product</th><th>Status</th><th>Entitlement</th><th></th></tr></thead>
      <tbody id="subscriptions"><tr><td colspan="4" class="muted">Loading…</td></tr></tbody>
    </table>
  </section>
  <section>
    <h2>Activity <span class="muted">(each step with its correlation id, as in the portal's and OPF's logs)</span></h2>
    <ul id="activity"></ul>
  </section>
  <script>window.PORTAL = ${JSON.stringify({ accountId: user.accountId, products: model.catalogue })};</script>
  <script>${BROWSER_SCRIPT}</script>`;
}

/**
 * Renders the whole portal page: the sign-in form, or the catalogue and the user's subscriptions.
 *
 * @example
 * res.type('html').send(renderPage({ framework: 'express', user, catalogue, demoUsers: DEMO_USERS }));
 */
export function renderPage(model: PageModel): string {
  const user = model.user;
  const account = user
    ? `<span>${escapeHtml(user.displayName)} · <span class="cid">${escapeHtml(user.accountId)}</span></span>
       <form method="post" action="/logout" style="margin:0"><button class="secondary">Sign out</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>StreamBox self-care portal</title>
  <style>${STYLE}</style>
</head>
<body>
  <header><h1>StreamBox · My TV</h1><span class="badge">${model.framework}</span>${account}</header>
  <main>${user ? portalPage(model, user) : signInPage(model)}</main>
</body>
</html>`;
}

/** The page's script: calls the portal's JSON API and listens to server-sent events. */
const BROWSER_SCRIPT = String.raw`
(() => {
  const products = new Map(window.PORTAL.products.map((p) => [p.id, p.name]));
  const notice = document.getElementById('notice');
  const activity = document.getElementById('activity');
  const tbody = document.getElementById('subscriptions');
  const rows = new Map();
  const ACTION_NOTICES = {
    suspend: 'Paused. Resume it whenever you like.',
    resume: 'Resumed.',
    cancel: 'Cancelled: you keep access until the end of the period you paid for.',
  };

  const text = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  function log(step, correlationId) {
    const li = document.createElement('li');
    li.innerHTML = text(new Date().toLocaleTimeString()) + ' · ' + text(step) +
      (correlationId ? ' <span class="cid">x-correlation-id ' + text(correlationId) + '</span>' : '');
    activity.prepend(li);
  }
  function show(kind, message) { notice.className = kind; notice.textContent = message; }

  async function call(method, path, body, extraHeaders) {
    const response = await fetch('/api' + path, {
      method,
      // Every change is sent as JSON (the portal routes refuse other types: no cross-site form can reach them).
      headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...extraHeaders },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await response.json().catch(() => ({}));
    const correlationId = data.correlationId || response.headers.get('x-correlation-id');
    if (!response.ok) {
      const error = new Error(data.message || 'Something went wrong. Please try again.');
      error.correlationId = correlationId;
      error.code = data.code;
      throw error;
    }
    return { ...data, correlationId };
  }

  function render(entitlement) {
    let row = rows.get(entitlement.entitlementId);
    if (!row) {
      row = document.createElement('tr');
      row.dataset.entitlement = entitlement.entitlementId;
      rows.set(entitlement.entitlementId, row);
      tbody.prepend(row);
      tbody.querySelector('.empty')?.remove();
    }
    const status = entitlement.status;
    const actions = [];
    if (status === 'PENDING') actions.push('<button data-action="activate">Activate with the provider</button>');
    if (status === 'ACTIVE') actions.push('<button class="secondary" data-action="suspend">Pause</button>');
    if (status === 'SUSPENDED') actions.push('<button class="secondary" data-action="resume">Resume</button>');
    if (['PENDING', 'ACTIVE', 'SUSPENDED'].includes(status))
      actions.push('<button class="secondary" data-action="cancel">Cancel</button>');
    row.innerHTML = '<td>' + text(products.get(entitlement.productId) || entitlement.productId) + '</td>' +
      '<td><span class="status status-' + text(status) + '" data-status>' + text(status) + '</span></td>' +
      '<td class="cid">' + text(entitlement.entitlementId) + '</td>' +
      '<td class="actions">' + actions.join('') + '</td>';
  }

  async function refresh() {
    const data = await call('GET', '/entitlements');
    tbody.innerHTML = '';
    rows.clear();
    if (data.entitlements.length === 0) tbody.innerHTML = '<tr class="empty"><td colspan="4" class="muted">No subscriptions yet.</td></tr>';
    for (const entitlement of [...data.entitlements].reverse()) render(entitlement);
    log('Loaded my subscriptions', data.correlationId);
  }

  async function activate(entitlementId) {
    const data = await call('GET', '/entitlements/' + encodeURIComponent(entitlementId) + '/activation');
    log('Got an activation link from OPF', data.correlationId);
    const url = new URL(data.url);
    url.searchParams.set('returnUrl', location.origin + '/');
    window.open(url.toString(), '_blank');
    show('info', 'Finish the activation in the provider\'s page; this page updates by itself when OPF confirms it.');
  }

  // One Idempotency-Key per buy intent, kept (also across a reload) until the purchase is confirmed: a double
  // click, a retry after a lost answer or a reload-and-retry buys once.
  function intentKey(productId) {
    const name = 'buy-intent:' + productId;
    let key = sessionStorage.getItem(name);
    if (!key) {
      key = crypto.randomUUID();
      sessionStorage.setItem(name, key);
    }
    return key;
  }

  document.addEventListener('click', async (event) => {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement)) return;
    const productId = target.dataset.buy;
    const action = target.dataset.action;
    const entitlementId = target.closest('tr')?.dataset.entitlement;
    if (!productId && !action) return;
    target.disabled = true;
    try {
      if (productId) {
        const result = await call('POST', '/purchases', { productId }, { 'idempotency-key': intentKey(productId) });
        sessionStorage.removeItem('buy-intent:' + productId);
        render({ entitlementId: result.entitlementId, productId, status: result.status });
        log('Bought ' + (products.get(productId) || productId) + ': ' + result.status, result.correlationId);
        show('info', 'Purchase started. Activate it with the provider to start watching.');
      } else if (action === 'activate') {
        await activate(entitlementId);
      } else {
        const body = action === 'cancel' ? { reason: 'CUSTOMER_CANCELLED' } : undefined;
        const result = await call('POST', '/entitlements/' + encodeURIComponent(entitlementId) + '/' + action, body);
        log(action[0].toUpperCase() + action.slice(1) + ' requested' + (result.status ? ': ' + result.status : ''), result.correlationId);
        show('info', ACTION_NOTICES[action] || 'Done.');
        await refresh();
      }
    } catch (error) {
      show('error', error.message);
      log('Failed: ' + error.message, error.correlationId);
    } finally {
      target.disabled = false;
    }
  });

  const events = new EventSource('/events');
  events.addEventListener('entitlement', (event) => {
    const update = JSON.parse(event.data);
    render(update);
    log('OPF notified: ' + (products.get(update.productId) || update.productId) + ' is now ' + update.status, update.correlationId);
    if (update.status === 'ACTIVE' && update.previousStatus === 'PENDING') show('info', (products.get(update.productId) || update.productId) + ' is active. Enjoy!');
  });

  refresh().catch((error) => show('error', error.message));
})();
`;
