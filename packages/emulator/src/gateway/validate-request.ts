import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { operationsDocument, type OperationSpec } from './operation-specs.js';

/** One offending field of a request, e.g. `{ field: 'body/productId', message: 'must be string' }`. */
export interface FieldIssue {
  field: string;
  message: string;
}

type Location = 'header' | 'query' | 'path' | 'body';

/** The parts of a request checked against the spec. `body` is `undefined` when there is none. */
export interface RequestParts {
  header: Record<string, string>;
  query: Record<string, string>;
  path: Record<string, string>;
  body?: unknown;
  hasBody: boolean;
  /** The body could not be parsed (already reported as `body`): skip its schema check. */
  bodyUnparsable?: boolean;
}

interface CompiledOperation {
  header: ValidateFunction;
  query: ValidateFunction;
  path: ValidateFunction;
  body?: ValidateFunction;
  bodyRequired: boolean;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function createAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes, useDefaults: coerceTypes });
  addFormats(ajv);
  return ajv;
}

function parametersSchema(
  parameters: OperationSpec['parameters'][Location & keyof OperationSpec['parameters']],
): object {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [name, parameter] of Object.entries(parameters)) {
    properties[name] = parameter.schema;
    if (parameter.required) required.push(name);
  }
  return { type: 'object', properties, required, $defs: operationsDocument.$defs };
}

function compile(operation: OperationSpec, params: Ajv2020, bodies: Ajv2020): CompiledOperation {
  return {
    header: params.compile(parametersSchema(operation.parameters.header)),
    query: params.compile(parametersSchema(operation.parameters.query)),
    path: params.compile(parametersSchema(operation.parameters.path)),
    ...(operation.requestBody
      ? {
          body: bodies.compile({
            ...(operation.requestBody.schema as object),
            $defs: operationsDocument.$defs,
          }),
        }
      : {}),
    bodyRequired: operation.requestBody?.required === true,
  };
}

let compiled: Map<string, CompiledOperation> | undefined;

/**
 * Compiles (once per process) the validators of every operation of the spec.
 *
 * @example
 * compileOperationValidators(); // at emulator start, so the first request is not slower
 */
export function compileOperationValidators(): Map<string, CompiledOperation> {
  if (compiled) return compiled;
  const params = createAjv(true);
  const bodies = createAjv(false);
  compiled = new Map();
  for (const [operationId, operation] of Object.entries(operationsDocument.operations)) {
    compiled.set(operationId, compile(operation, params, bodies));
  }
  return compiled;
}

function decodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('/');
}

function issuesOf(location: Location, errors: ErrorObject[] | null | undefined): FieldIssue[] {
  const byField = new Map<string, { messages: string[]; anyOf?: string }>();
  for (const error of errors ?? []) {
    // `if`/`then` (e.g. reasons required for CANCELLED) also reports the fields its `then` names: skip the summary.
    if (error.keyword === 'if') continue;
    let field = location + decodePointer(error.instancePath);
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      field += `/${String((error.params as { missingProperty: string }).missingProperty)}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      field += `/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
      message = 'is not allowed';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const entry = byField.get(field) ?? { messages: [] };
    if (error.keyword === 'anyOf') entry.anyOf = 'must be a known value or an upper-case code';
    else if (!entry.messages.includes(message)) entry.messages.push(message);
    byField.set(field, entry);
  }
  return [...byField].map(([field, entry]) => ({ field, message: entry.anyOf ?? entry.messages.join('; ') }));
}

/**
 * Checks a request's headers, query, path parameters and body against the spec's schemas of `operationId`;
 * returns every offending field (empty when valid). Query values are coerced (`limit=5` → 5), and defaults
 * are applied to `parts.query`.
 *
 * @example
 * const issues = validateRequest('listEntitlements', { header, query: { limit: 'x' }, path: {}, hasBody: false });
 * // [{ field: 'query/limit', message: 'must be integer' }]
 */
export function validateRequest(operationId: string, parts: RequestParts): FieldIssue[] {
  const validators = compileOperationValidators().get(operationId);
  if (!validators) throw new Error(`no validators for ${operationId}`);
  const issues: FieldIssue[] = [];
  for (const location of ['header', 'query', 'path'] as const) {
    const validate = validators[location];
    if (!validate(parts[location])) issues.push(...issuesOf(location, validate.errors));
  }
  if (validators.body && !parts.bodyUnparsable) {
    if (!parts.hasBody) {
      if (validators.bodyRequired) issues.push({ field: 'body', message: 'is required (a JSON object)' });
    } else if (!validators.body(parts.body)) {
      issues.push(...issuesOf('body', validators.body.errors));
    }
  }
  return issues;
}
