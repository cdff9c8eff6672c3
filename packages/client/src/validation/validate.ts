import { ValidationError } from '../errors/validation-error.js';
import {
  CONTROL_CHARACTER,
  HEADER_TOKEN_PATTERN,
  IDENTIFIER_PATTERN,
  REASON_CODE_PATTERN,
} from './patterns.js';

/** Checks an id against the spec's `Identifier` (non-empty string of letters, digits, `.`, `_`, `:`, `-`). */
export function checkIdentifier(value: unknown, field: string, operation?: string): string {
  if (typeof value !== 'string')
    throw new ValidationError(field, `must be a string, got ${typeOf(value)}`, operation);
  if (value.length === 0) throw new ValidationError(field, 'must not be empty', operation);
  if (!IDENTIFIER_PATTERN.test(value)) {
    throw new ValidationError(
      field,
      'must be 1–128 letters, digits, ".", "_", ":" or "-" (an OPF identifier)',
      operation,
    );
  }
  return value;
}

/** Checks a value sent as a header the spec types `HeaderToken` (correlation id, tenant id). */
export function checkHeaderToken(value: unknown, field: string, operation?: string): string {
  if (typeof value !== 'string')
    throw new ValidationError(field, `must be a string, got ${typeOf(value)}`, operation);
  if (value.length === 0) throw new ValidationError(field, 'must not be empty', operation);
  if (CONTROL_CHARACTER.test(value)) {
    throw new ValidationError(field, 'must not contain control characters such as CR or LF', operation);
  }
  if (!HEADER_TOKEN_PATTERN.test(value)) {
    throw new ValidationError(field, 'must be 1–128 printable ASCII characters without spaces', operation);
  }
  return value;
}

/** Checks any other header value: a string without control characters. */
export function checkHeaderValue(value: unknown, field: string, operation?: string): string {
  if (typeof value !== 'string')
    throw new ValidationError(field, `must be a string, got ${typeOf(value)}`, operation);
  if (CONTROL_CHARACTER.test(value)) {
    throw new ValidationError(field, 'must not contain control characters such as CR or LF', operation);
  }
  return value;
}

/** Checks a reason code of an open enum (a documented value or an upper-case code). */
export function checkReasonCode(value: unknown, field: string, operation?: string): string {
  if (typeof value !== 'string')
    throw new ValidationError(field, `must be a string, got ${typeOf(value)}`, operation);
  if (!REASON_CODE_PATTERN.test(value)) {
    throw new ValidationError(field, 'must be an upper-case code like CUSTOMER_CANCELLED', operation);
  }
  return value;
}

/** Checks an optional free-text string with a maximum length. */
export function checkOptionalText(
  value: unknown,
  field: string,
  maxLength: number,
  operation?: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new ValidationError(field, `must be a string, got ${typeOf(value)}`, operation);
  if (value.length === 0 || value.length > maxLength) {
    throw new ValidationError(field, `must be 1–${maxLength} characters`, operation);
  }
  return value;
}

/** Checks a member of a closed list. */
export function checkOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  operation?: string,
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(field, `must be one of ${allowed.join(', ')}`, operation);
  }
  return value as T;
}

/** Checks an optional boolean. */
export function checkOptionalBoolean(value: unknown, field: string, operation?: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    throw new ValidationError(field, `must be a boolean, got ${typeOf(value)}`, operation);
  return value;
}

/** Checks an optional integer within bounds. */
export function checkOptionalInteger(
  value: unknown,
  field: string,
  min: number,
  max: number,
  operation?: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `must be an integer from ${min} to ${max}`, operation);
  }
  return value;
}

/** Checks an optional positive, finite number of milliseconds. */
export function checkOptionalDuration(value: unknown, field: string, operation?: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 2_147_483_647) {
    throw new ValidationError(field, 'must be a positive number of milliseconds', operation);
  }
  return value;
}

/** Checks an object argument (not null, not an array). */
export function checkObject(value: unknown, field: string, operation?: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(field, `must be an object, got ${typeOf(value)}`, operation);
  }
  return value as Record<string, unknown>;
}

/** Checks an optional AbortSignal. */
export function checkOptionalSignal(
  value: unknown,
  field: string,
  operation?: string,
): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as AbortSignal).aborted !== 'boolean' ||
    typeof (value as AbortSignal).addEventListener !== 'function'
  ) {
    throw new ValidationError(field, 'must be an AbortSignal', operation);
  }
  return value as AbortSignal;
}

/** Checks an absolute http(s) URL. */
export function checkHttpUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new ValidationError(field, 'must be a non-empty URL');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ValidationError(field, 'must be http(s)');
  if (url.username || url.password) throw new ValidationError(field, 'must not carry credentials');
  return value;
}

/** Checks a non-empty string without control characters (client ids, usernames, realms). */
export function checkPlainString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ValidationError(field, `must be a string, got ${typeOf(value)}`);
  if (value.length === 0) throw new ValidationError(field, 'must not be empty');
  if (CONTROL_CHARACTER.test(value)) throw new ValidationError(field, 'must not contain control characters');
  return value;
}

/** Checks a secret: a non-empty string. The message never repeats the value. */
export function checkSecret(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ValidationError(field, `must be a string, got ${typeOf(value)}`);
  if (value.length === 0) throw new ValidationError(field, 'must not be empty');
  return value;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
