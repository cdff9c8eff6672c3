import type { DemoUser } from './demo-users.js';

/** The name of the portal's session cookie. */
export const SESSION_COOKIE = 'portal_session';

/**
 * In-memory sessions of the demo portal: an opaque random id in an HttpOnly cookie maps to the signed-in
 * user. The OPF account used for every purchase comes from here, never from a request body.
 *
 * @example
 * const sessions = new SessionStore();
 * const id = sessions.create(user);
 * sessions.get(id)?.accountId;
 */
export class SessionStore {
  readonly #sessions = new Map<string, DemoUser>();

  create(user: DemoUser): string {
    const id = crypto.randomUUID();
    this.#sessions.set(id, user);
    return id;
  }

  get(id: string | undefined): DemoUser | undefined {
    return id ? this.#sessions.get(id) : undefined;
  }

  delete(id: string | undefined): void {
    if (id) this.#sessions.delete(id);
  }
}

/**
 * Reads one cookie from a `Cookie` header.
 *
 * @example
 * readCookie('a=1; portal_session=xyz', 'portal_session'); // 'xyz'
 */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * The `Set-Cookie` value that stores (or, with `undefined`, clears) the session id.
 *
 * @example
 * res.setHeader('set-cookie', sessionCookie(id));
 */
export function sessionCookie(id: string | undefined): string {
  const base = `${SESSION_COOKIE}=${id ? encodeURIComponent(id) : ''}; Path=/; HttpOnly; SameSite=Lax`;
  return id ? base : `${base}; Max-Age=0`;
}
