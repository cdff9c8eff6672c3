import type { PortalResponse } from '@crm-gateway/client';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** @internal Answers a portal response as JSON. */
export function sendPortalResponse(c: Context, answer: PortalResponse): Response {
  return c.json(answer.body as object, answer.status as ContentfulStatusCode, answer.headers);
}
