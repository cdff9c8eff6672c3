import { portalError, type PortalResponse } from './portal-response.js';

/** JSON media types: `application/json` and any `application/*+json`, with parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The request headers a state-changing route looks at before anything else.
 *
 * @example
 * const headers: GuardedHeaders = { contentType: req.get('content-type'), origin: req.get('origin') };
 */
export interface GuardedHeaders {
  contentType?: string | undefined;
  origin?: string | undefined;
}

/**
 * Guards a state-changing portal route against cross-site requests: it accepts only a JSON content type (415
 * `UNSUPPORTED_MEDIA_TYPE` otherwise: an HTML form or a `text/plain` fetch, which a browser sends cross-site without
 * asking, can never reach OPF), and, when `allowedOrigins` is given, only requests whose `Origin` is listed (403
 * `FORBIDDEN_ORIGIN`; a request without `Origin`, from a server, passes). `undefined` when the request may go on.
 *
 * @example
 * const refused = guardStateChange({ contentType: 'text/plain' }, undefined, 'c-1'); // 415
 */
export function guardStateChange(
  headers: GuardedHeaders,
  allowedOrigins: readonly string[] | undefined,
  correlationId: string,
): PortalResponse | undefined {
  if (!JSON_MEDIA_TYPE.test(headers.contentType ?? '')) {
    return portalError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send this request as application/json.',
      correlationId,
      'content-type',
    );
  }
  if (
    allowedOrigins !== undefined &&
    headers.origin !== undefined &&
    !allowedOrigins.includes(headers.origin)
  ) {
    return portalError(
      403,
      'FORBIDDEN_ORIGIN',
      'This request comes from a page that may not make it.',
      correlationId,
    );
  }
  return undefined;
}
