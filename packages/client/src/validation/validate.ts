import { ValidationError } from '../errors/validation-error.js';
import {
  CANCEL_REASON_CODES_BY_CATEGORY,
  HEADER_TOKEN_RULE,
  IDENTIFIER_RULE,
} from '../generated/constants.js';
import {
  CONTROL_CHARACTER,
  HEADER_TOKEN_PATTERN,
  IDENTIFIER_PATTERN,
  lengthRange,
  REASON_CODE_PATTERN,
} from './patterns.js';

const IDENTIFIER_PROBLEM = `must be ${lengthRange(IDENTIFIER_RULE)} characters without control characters, and not "." or ".."`;
const HEADER_TOKEN_PROBLEM = `must be ${lengthRange(HEADER_TOKEN_RULE)} printable ASCII characters without spaces`;

/** Throws a {@link ValidationError} for `field`. */
export function fail(field: string, problem: string, operation?: string): never {
  throw new ValidationError(field, problem, operation);
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** A non-empty string (the message never repeats the value: it may be a secret). */
function text(value: unknown, field: string, operation?: string): string {
  if (typeof value !== 'string') fail(field, `must be a string, got ${kind(value)}`, operation);
  if (value === '') fail(field, 'must not be empty', operation);
  return value;
}

function matching(
  value: unknown,
  pattern: RegExp,
  field: string,
  problem: string,
  operation?: string,
): string {
  const checked = text(value, field, operation);
  if (CONTROL_CHARACTER.test(checked))
    fail(field, 'must not contain control characters such as CR or LF', operation);
  if (!pattern.test(checked)) fail(field, problem, operation);
  return checked;
}

/** An id of the spec's `Identifier`: 1–256 characters, no control characters, not `.` or `..`. */
export const checkIdentifier = (value: unknown, field: string, operation?: string): string =>
  matching(value, IDENTIFIER_PATTERN, field, IDENTIFIER_PROBLEM, operation);

/** A header value of the spec's `HeaderToken` (correlation id, tenant id): 1–128 printable ASCII, no space. */
export const checkHeaderToken = (value: unknown, field: string, operation?: string): string =>
  matching(value, HEADER_TOKEN_PATTERN, field, HEADER_TOKEN_PROBLEM, operation);

/** Any other header value: a string without control characters. */
export const checkHeaderValue = (value: unknown, field: string): string =>
  value === '' ? value : matching(value, /^/, field, '', undefined);

/** A reason code of the spec's open enums (a documented value or an upper-case code). */
export const checkReasonCode = (value: unknown, field: string, operation?: string): string =>
  matching(
    value,
    REASON_CODE_PATTERN,
    field,
    'must be an upper-case code like CUSTOMER_CANCELLED',
    operation,
  );

/**
 * A documented reason code must go with its own documented category (the spec's `CancelReasonPairing`); codes
 * outside NAGRA's table stay open. `codeField` is named when the pair is refused.
 */
export function checkReasonPair(category: string, code: string, codeField: string, operation?: string): void {
  const table: Record<string, readonly string[] | undefined> = CANCEL_REASON_CODES_BY_CATEGORY;
  const codes = table[category];
  if (codes && !codes.includes(code) && Object.values(table).some((listed) => listed!.includes(code))) {
    fail(
      codeField,
      `must be one of ${codes.join(', ')} with category ${category}, or a code outside the documented table`,
      operation,
    );
  }
}

/** A non-empty string without control characters (client ids, usernames, realms). */
export const checkPlainString = (value: unknown, field: string): string => matching(value, /^/, field, '');

/** A secret: a non-empty string. */
export const checkSecret: (value: unknown, field: string) => string = text;

/** An optional free text of at most `maxLength` characters. */
export function checkOptionalText(
  value: unknown,
  field: string,
  maxLength: number,
  operation?: string,
): string | undefined {
  if (value !== undefined && text(value, field, operation).length > maxLength) {
    fail(field, `must be at most ${maxLength} characters`, operation);
  }
  return value as string | undefined;
}

/** A member of a closed list. */
export function checkOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  operation?: string,
): T {
  if (!(allowed as readonly unknown[]).includes(value))
    fail(field, `must be one of ${allowed.join(', ')}`, operation);
  return value as T;
}

/** An optional boolean. */
export function checkOptionalBoolean(value: unknown, field: string, operation?: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean')
    fail(field, `must be a boolean, got ${kind(value)}`, operation);
  return value as boolean | undefined;
}

/** An optional integer from `min` to `max`. */
export function checkOptionalInteger(
  value: unknown,
  field: string,
  min: number,
  max: number,
  operation?: string,
): number | undefined {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
  ) {
    fail(field, `must be an integer from ${min} to ${max}`, operation);
  }
  return value as number | undefined;
}

/** An optional number of milliseconds: above 0 (or from 0 with `allowZero`), finite, at most 2^31 - 1. */
export function checkOptionalDuration(
  value: unknown,
  field: string,
  operation?: string,
  allowZero = false,
): number | undefined {
  if (
    value !== undefined &&
    !(typeof value === 'number' && (allowZero ? value >= 0 : value > 0) && value <= 2_147_483_647)
  ) {
    fail(field, `must be a number of milliseconds ${allowZero ? '>= 0' : '> 0'}`, operation);
  }
  return value as number | undefined;
}

/** An object (not null, not an array). */
export function checkObject(value: unknown, field: string, operation?: string): Record<string, unknown> {
  if (kind(value) !== 'object') fail(field, `must be an object, got ${kind(value)}`, operation);
  return value as Record<string, unknown>;
}

/** An optional AbortSignal. */
export function checkOptionalSignal(
  value: unknown,
  field: string,
  operation?: string,
): AbortSignal | undefined {
  if (value !== undefined && typeof (value as AbortSignal | null)?.addEventListener !== 'function') {
    fail(field, 'must be an AbortSignal', operation);
  }
  return value as AbortSignal | undefined;
}

/**
 * An absolute URL without credentials: `https:`, or `http:` to a loopback host (`localhost`, 127.0.0.0/8, `[::1]`)
 * or with `insecure` (the client's `allowInsecureHttp`).
 */
export function checkHttpUrl(value: unknown, field: string, insecure?: boolean): string {
  const url = URL.canParse(text(value, field)) ? new URL(value as string) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) {
    fail(field, 'must be an absolute http(s) URL without credentials');
  }
  if (url.protocol === 'http:' && !insecure && !/^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname)) {
    fail(field, 'must be https: (http: only to a loopback host, or with allowInsecureHttp)');
  }
  return value as string;
}
