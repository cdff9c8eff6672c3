import {
  createCrmGatewayClient,
  type CrmGatewayClient,
  type CrmGatewayClientOptions,
} from '@crm-gateway/client';

/**
 * Picks the tenant of a request: a fixed id, or a function of the framework's request (Express `req`, Hono `c`).
 *
 * @example
 * const tenantId: TenantResolver<Request> = (req) => (req.hostname.startsWith('be.') ? 'tenant-be' : 'tenant1');
 */
export type TenantResolver<TRequest> = string | ((request: TRequest) => string);

/**
 * Options of `crmGateway(options)` in every plugin: either a ready client, or the options to build one (built
 * once, so all requests share one token cache), plus an optional tenant per request.
 *
 * @example
 * const options: CrmGatewayOptions<Request> = {
 *   baseUrl: 'https://opf.example.com', tenantId: 'tenant1',
 *   auth: { tokenUrl, clientId: 'crm_client', username: 'portal', password: process.env.OPF_PASSWORD! },
 * };
 */
export type CrmGatewayOptions<TRequest> =
  | { client: CrmGatewayClient; tenantId?: TenantResolver<TRequest> }
  | (Omit<CrmGatewayClientOptions, 'tenantId'> & { client?: never; tenantId: TenantResolver<TRequest> });

/**
 * What a plugin keeps per request: the bound client and the correlation id it uses.
 *
 * @example
 * const { gateway, correlationId } = binder.bind({ correlationId: 'c-1' });
 */
export interface RequestGateway {
  gateway: CrmGatewayClient;
  correlationId: string;
}

/**
 * Builds the one underlying client of a plugin and binds a per-request copy of it. The copies share the
 * underlying client's token cache and configuration.
 *
 * @example
 * const binder = createRequestGatewayBinder<Request>({ client });
 * const { gateway } = binder.bind({ correlationId: 'c-1' }, req);
 */
export interface RequestGatewayBinder<TRequest> {
  /** The shared client all requests go through. */
  readonly client: CrmGatewayClient;
  bind(context: { correlationId: string }, request: TRequest): RequestGateway;
}

/**
 * Creates the binder behind each plugin's `crmGateway(options)`. A function tenant resolver is called per
 * request; its result must be a non-empty string.
 *
 * @example
 * const binder = createRequestGatewayBinder<Request>({ baseUrl, tenantId: 'tenant1', auth });
 * app.use((req, _res, next) => { binder.bind({ correlationId: 'c-1' }, req); next(); });
 */
export function createRequestGatewayBinder<TRequest>(
  options: CrmGatewayOptions<TRequest>,
): RequestGatewayBinder<TRequest> {
  const client = buildClient(options);
  const tenant = options.tenantId;
  if (tenant !== undefined && typeof tenant !== 'function' && !isNonEmptyString(tenant)) {
    throw new TypeError('crmGateway(options): tenantId must be a non-empty string or a function.');
  }
  return {
    client,
    bind({ correlationId }, request) {
      let tenantId: string | undefined;
      if (typeof tenant === 'function') {
        tenantId = tenant(request);
        if (!isNonEmptyString(tenantId)) {
          throw new TypeError('crmGateway(options): the tenantId resolver returned no tenant.');
        }
      } else {
        tenantId = tenant;
      }
      const gateway = client.withContext(
        tenantId === undefined ? { correlationId } : { correlationId, tenantId },
      );
      return { gateway, correlationId };
    },
  };
}

/**
 * The correlation id a per-request client was bound with by a plugin, if any.
 *
 * @example
 * const id = correlationIdOf(getCrmGateway(req)) ?? normalizeCorrelationId(undefined);
 */
export function correlationIdOf(gateway: CrmGatewayClient): string | undefined {
  return gateway.context.correlationId;
}

function buildClient<TRequest>(options: CrmGatewayOptions<TRequest>): CrmGatewayClient {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('crmGateway(options): options must be an object with `client` or client options.');
  }
  if (options.client !== undefined) return options.client;
  const { tenantId, client: _client, ...clientOptions } = options;
  // A resolver picks the tenant per request; the underlying client still needs a default one.
  const defaultTenant = typeof tenantId === 'string' ? tenantId : PER_REQUEST_TENANT;
  return createCrmGatewayClient({ ...clientOptions, tenantId: defaultTenant });
}

/** Placeholder tenant of a client whose tenant is always chosen per request. */
const PER_REQUEST_TENANT = 'per-request';

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
