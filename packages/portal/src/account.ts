import type { PortalHandlerSettings } from './handlers/handler.js';

/**
 * Gives the paying account of a request from the portal's own session (never from the request body).
 * May be async. Throwing, or answering an empty value, makes the route answer 401.
 *
 * @example
 * const resolveAccountId: AccountResolver<Request> = (req) => req.session.accountId;
 */
export type AccountResolver<TRequest> = (request: TRequest) => string | Promise<string>;

/**
 * Options every portal route factory takes: the account resolver plus the handler settings.
 *
 * @example
 * purchaseRoute({ resolveAccountId: (req) => req.session.accountId, onError: (e) => log.error(e) });
 */
export interface PortalRouteOptions<TRequest> extends PortalHandlerSettings {
  /** The account of the signed-in user, from the portal's session. Required. */
  resolveAccountId: AccountResolver<TRequest>;
  /**
   * The origins (`https://portal.example`) whose pages may call the state-changing routes; a request with another
   * `Origin` is answered 403. Default: any origin (the JSON-only content type already keeps cross-site forms out).
   */
  allowedOrigins?: readonly string[];
}

/**
 * Checks route options when a route is created, so a mistake fails at start-up, not per request.
 *
 * @example
 * assertRouteOptions(options, 'purchaseRoute');
 */
export function assertRouteOptions<TRequest>(options: PortalRouteOptions<TRequest>, factory: string): void {
  if (typeof options !== 'object' || options === null || typeof options.resolveAccountId !== 'function') {
    throw new TypeError(`${factory}(options): options.resolveAccountId must be a function.`);
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TypeError(`${factory}(options): options.onError must be a function.`);
  }
  const origins: unknown = options.allowedOrigins;
  if (
    origins !== undefined &&
    !(Array.isArray(origins) && origins.every((o) => typeof o === 'string' && /^https?:\/\/[^/]+$/.test(o)))
  ) {
    throw new TypeError(
      `${factory}(options): options.allowedOrigins must be a list of origins like "https://portal.example".`,
    );
  }
  const reasons: unknown = options.cancelReasons;
  if (
    reasons !== undefined &&
    !(Array.isArray(reasons) && reasons.length > 0 && reasons.every((r) => typeof r === 'string' && r !== ''))
  ) {
    throw new TypeError(`${factory}(options): options.cancelReasons must be a non-empty list of codes.`);
  }
}

/**
 * @internal Resolves the session account; `undefined` when the resolver throws or gives no account.
 */
export async function resolveAccount<TRequest>(
  resolver: AccountResolver<TRequest>,
  request: TRequest,
): Promise<string | undefined> {
  try {
    const accountId = await resolver(request);
    return typeof accountId === 'string' && accountId !== '' ? accountId : undefined;
  } catch {
    return undefined;
  }
}
