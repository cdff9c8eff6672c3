import type { Client, HttpMethod } from './openapi-fetch-types.js';
import type { paths } from '../generated/schema.js';

/**
 * The headers the client fills on every call; call sites may leave them out.
 *
 * @example
 * ```ts
 * const filled: ClientFilledHeader[] = ['x-correlation-id', 'nv-tenant-id'];
 * ```
 */
export type ClientFilledHeader = 'x-correlation-id' | 'nv-tenant-id';

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type WithOptional<T, K extends PropertyKey> = Simplify<Omit<T, K> & Partial<Pick<T, Extract<keyof T, K>>>>;

type RelaxHeaders<P> = P extends { header: infer H }
  ? [RequiredKeys<WithOptional<H, ClientFilledHeader>>] extends [never]
    ? Simplify<Omit<P, 'header'> & { header?: WithOptional<H, ClientFilledHeader> }>
    : Simplify<Omit<P, 'header'> & { header: WithOptional<H, ClientFilledHeader> }>
  : P;

type RelaxOperation<O> = O extends { parameters: infer P }
  ? Simplify<Omit<O, 'parameters'> & { parameters: RelaxHeaders<P> }>
  : O;

type RelaxPathItem<I> = { [M in keyof I]: M extends HttpMethod ? RelaxOperation<I[M]> : I[M] };

/**
 * The spec's `paths`, with `x-correlation-id` and `nv-tenant-id` optional: the client supplies them (a value given
 * at the call site still wins).
 *
 * @example
 * ```ts
 * import type { GatewayPaths } from '@crm-gateway/client';
 * type ListHeaders = NonNullable<GatewayPaths['/crm-gateway/v1/rmg/v1/entitlements']['get']['parameters']['header']>;
 * const headers: ListHeaders = {}; // both headers optional
 * ```
 */
export type GatewayPaths = { [P in keyof paths]: RelaxPathItem<paths[P]> };

/**
 * The typed openapi-fetch client of `client.api`: any operation of the spec, with the token, tenant, correlation
 * id, retries and timeouts applied underneath. HTTP errors come back as `{ error, response }` (openapi-fetch's
 * way); network failures, timeouts, aborts and token failures throw the client's error classes.
 *
 * @example
 * ```ts
 * const { data, error } = await client.api.GET('/crm-gateway/v1/rmg/v1/entitlements', {
 *   params: { query: { filter: '{"productType":"THIRDPARTY"}', limit: 10 } },
 * });
 * ```
 */
export type CrmGatewayApi = Client<GatewayPaths, `${string}/${string}`>;
