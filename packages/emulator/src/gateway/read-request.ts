import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { readBodyText } from '../http/read-body.js';
import type { RequestParts } from './validate-request.js';

function headersOf(c: Context<AppEnv>): Record<string, string> {
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return headers;
}

function queryOf(c: Context<AppEnv>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) if (!(key in query)) query[key] = value;
  return query;
}

async function readBody(
  c: Context<AppEnv>,
): Promise<{ hasBody: boolean; body?: unknown; invalidJson: boolean }> {
  const text = await readBodyText(c);
  if (text.trim().length === 0) return { hasBody: false, invalidJson: false };
  try {
    return { hasBody: true, body: JSON.parse(text), invalidJson: false };
  } catch {
    return { hasBody: true, invalidJson: true };
  }
}

/**
 * The parts of a request the spec's schemas check: headers, query (first value of each name), path
 * parameters and, when the operation takes one, the JSON body (`bodyUnparsable` when it is not JSON).
 *
 * @example
 * const parts = await readRequestParts(c, operation.requestBody !== undefined);
 */
export async function readRequestParts(c: Context<AppEnv>, takesBody: boolean): Promise<RequestParts> {
  const body = takesBody ? await readBody(c) : { hasBody: false, invalidJson: false };
  return {
    header: headersOf(c),
    query: queryOf(c),
    path: c.req.param() as Record<string, string>,
    hasBody: body.hasBody,
    bodyUnparsable: body.invalidJson,
    body: body.body,
  };
}
