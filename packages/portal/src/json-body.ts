/**
 * Thrown by {@link parseJsonBody} when a request body is not JSON; the portal routes answer it with 400
 * naming the field `body`.
 *
 * @example
 * try { parseJsonBody('{'); } catch (error) { if (error instanceof InvalidJsonBodyError) { ... } }
 */
export class InvalidJsonBodyError extends Error {
  readonly code = 'INVALID_JSON_BODY';
  readonly status = 400;
  constructor() {
    super('The request body is not valid JSON.');
    this.name = 'InvalidJsonBodyError';
  }
}

/**
 * Parses the text of a request body: `undefined` when it is empty, the JSON value otherwise.
 *
 * @example
 * parseJsonBody('{"productId":"Netflix_EU_B_BUNDLE_BASIC"}'); // { productId: 'Netflix_EU_B_BUNDLE_BASIC' }
 * parseJsonBody(''); // undefined
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidJsonBodyError();
  }
}
