import type { ClientPathsWithMethod, MaybeOptionalInit } from 'openapi-fetch';
import { CALL_CONTEXT } from '../api/create-api.js';
import type { CrmGatewayApi, GatewayPaths } from '../api/gateway-api.js';
import { errorFromResponse } from '../errors/error-from-response.js';
import { operationFailure } from '../errors/operation-failure.js';
import type { Redactor } from '../internal/redactor.js';
import type { CrmGatewayError, CrmGatewayErrorInit } from '../errors/crm-gateway-error.js';
import { parseRetryAfter } from '../retry/retry-policy.js';
import { resolveCall, type CallContext, type CallOptions, type ContextDefaults } from './call-context.js';
import { checkIdentifier } from '../validation/validate.js';
import type { Deployment } from './options.js';

/** Everything the entitlement methods of one client or `withContext` view need to talk to the gateway. */
export interface Gateway {
  /** The view's `client.api`: the entitlement calls take the same road (its middleware sees each one once). */
  api: CrmGatewayApi;
  redactor: Redactor;
  /** The view's defaults, which each call's options override. */
  defaults: ContextDefaults;
  /** Where purchases go: the CRM Gateway (`'ssp'`) or TPES (`'tpes'`). */
  deployment: Deployment;
}

/** A 2xx answer, parsed. */
export interface GatewayResult {
  status: number;
  body: unknown;
  correlationId: string;
}

type Method = 'get' | 'put' | 'post' | 'delete';

/**
 * Sends one operation through the view's `client.api` (its `request` of `method` and `path`, typed by the spec)
 * with the call's resolved context, set on `init` (which must be this call's own object). The body is read as
 * text and parsed here (a non-JSON answer is tolerated). A non-2xx answer throws the error class of its case.
 *
 * @example
 * ```ts
 * const result = await callGateway(gateway, resolveCall(gateway.defaults, options, 'getActivationInfo'), 'get',
 *   '/tpes/v1/operator/entitlements/{entitlementId}/activationinfo', { params: { path: { entitlementId } } });
 * ```
 */
export async function callGateway<M extends Method, P extends ClientPathsWithMethod<CrmGatewayApi, M>>(
  gateway: Gateway,
  call: CallContext,
  method: M,
  path: P,
  init: MaybeOptionalInit<GatewayPaths[P], M>,
): Promise<GatewayResult> {
  const { correlationId, operation } = call;
  // `init` is this call's own object: it carries the call's context as it is, not copied.
  const sent = init as Record<string | symbol, unknown>;
  sent['parseAs'] = 'text';
  sent[CALL_CONTEXT] = call;
  const { data, error, response } = await (gateway.api.request as Untyped)(method, path, sent);
  const { status } = response;
  const { redactor } = gateway;
  if (status > 199 && status < 300) {
    const body = parse(data);
    // A parsed body is redacted only if it ends up in an error (see `answerFailure`).
    return { status, body: typeof body === 'string' ? redactor.redactText(body) : body, correlationId };
  }
  throw errorFromResponse({
    operation,
    status,
    correlationId,
    // Redacted by `client.api` already (the view's `error`), then cut.
    body: typeof error === 'string' ? parse(error) : error,
    // Without an entitlement in the path, a 404 can only mean "tenant not found".
    tenantOnly404: !path.includes('{entitlementId}'),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}

/**
 * Sends one action on one entitlement (or account: `idField` names the path parameter) through `client.api`'s
 * `method` and `path` (checked against the spec), and reads the 2xx answer.
 */
export async function act<M extends Method, P extends ClientPathsWithMethod<CrmGatewayApi, M>>(
  gateway: Gateway,
  operation: string,
  method: M,
  path: P,
  id: unknown,
  idField: 'entitlementId' | 'accountId',
  body: Record<string, unknown> | undefined,
  options: CallOptions | undefined,
) {
  const checked = checkIdentifier(id, idField, operation);
  const call = resolveCall(gateway.defaults, options, operation);
  // The body was checked field by field by the caller; the spec's types cannot follow a computed path parameter.
  const init = { params: { path: { [idField]: checked } }, body } as never;
  return { id: checked, result: await callGateway(gateway, call, method, path, init) };
}

/** `request` without its types (checked at the call of {@link callGateway}). */
type Untyped = (
  method: string,
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** A body text, parsed (a text that is not JSON is kept, cut to 2,000 characters). */
function parse(text: unknown): unknown {
  if (typeof text !== 'string' || !text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
}

/**
 * An error of class `Type` about a 2xx answer the client cannot use (`message` says why), with the answer's body
 * redacted: the one road of a 2xx body, read unredacted, into an error.
 */
export function answerFailure(
  gateway: Gateway,
  Type: new (init: CrmGatewayErrorInit) => CrmGatewayError,
  operation: string,
  result: GatewayResult,
  message: string,
  status = result.status,
): CrmGatewayError {
  return operationFailure(Type, operation, result.correlationId, message, {
    status,
    body: gateway.redactor.redactValue(result.body),
  });
}
