import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { operationsDocument } from '../src/gateway/operation-specs.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
// Response schemas are checked strictly: no property beyond those the spec names.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const cache = new Map<string, ValidateFunction>();

function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = closed(value);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

/**
 * Asserts that `body` matches the spec's response schema of `operationId` for `status` (objects closed:
 * no property the spec does not name). Throws with ajv's errors otherwise.
 */
export function expectSpecResponse(operationId: string, status: number, body: unknown): void {
  const key = `${operationId} ${status}`;
  let validate = cache.get(key);
  if (!validate) {
    const operation = operationsDocument.operations[operationId] ?? operationsDocument.webhooks[operationId];
    const schema = operation?.responses[String(status)] ?? operation?.requestBody?.schema;
    if (!schema) throw new Error(`the spec documents no ${status} response for ${operationId}`);
    validate = ajv.compile({ ...(closed(schema) as object), $defs: closed(operationsDocument.$defs) });
    cache.set(key, validate);
  }
  if (!validate(body)) {
    const shown = JSON.stringify(body, (name, value: unknown) =>
      /token/i.test(name) ? '<redacted>' : value,
    );
    throw new Error(`${key} does not match the spec: ${ajv.errorsText(validate.errors)}\n${shown}`);
  }
}

/** Asserts a webhook body matches the spec's `EntitlementChangeNotification`. */
export function expectSpecNotification(body: unknown): void {
  const key = 'notification';
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile({
      $ref: '#/$defs/EntitlementChangeNotification',
      $defs: closed(operationsDocument.$defs),
    });
    cache.set(key, validate);
  }
  if (!validate(body))
    throw new Error(`notification does not match the spec: ${ajv.errorsText(validate.errors)}`);
}
