import { ValidationError } from '../errors/validation-error.js';
import {
  CANCEL_REASON_CODES_BY_CATEGORY,
  HEADER_TOKEN_LENGTHS,
  IDENTIFIER_LENGTHS,
} from '../generated/constants.js';
import {
  CONTROL_CHARACTER,
  HEADER_TOKEN_PATTERN,
  IDENTIFIER_PATTERN,
  REASON_CODE_PATTERN,
} from './patterns.js';

/** Throws a {@link ValidationError} for `field`. */
export function fail(field: string, problem: string, operation?: string): never {
  throw new ValidationError(field, problem, operation);
}

/** What a value is, as a message says it: its `typeof`, or `null` or `array`. */
const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * `value` if it is a `type` (`string`, `boolean`, `object`: "an object", the others "a"); the message names what it
 * got, never the value.
 */
function typed<T>(value: unknown, type: string, field: string, operation?: string): T {
  if (kind(value) !== type)
    fail(field, `must be a${type[0] === 'o' ? 'n' : ''} ${type}, got ${kind(value)}`, operation);
  return value as T;
}

/** A non-empty string (the message never repeats the value: it may be a secret). */
function text(value: unknown, field: string, operation?: string): string {
  if (typed<string>(value, 'string', field, operation) === '') fail(field, 'must not be empty', operation);
  return value as string;
}

/** A non-empty string without control characters that matches `pattern` (else `problem`). */
function matching(value: unknown, field: string, operation?: string, pattern = /^/, problem = ''): string {
  const checked = text(value, field, operation);
  if (CONTROL_CHARACTER.test(checked)) fail(field, 'must not contain control characters', operation);
  if (!pattern.test(checked)) fail(field, problem, operation);
  return checked;
}

/** An id of the spec's `Identifier`: 1–256 characters, no control characters, not `.` or `..`. */
export const checkIdentifier = (value: unknown, field: string, operation?: string): string =>
  matching(
    value,
    field,
    operation,
    IDENTIFIER_PATTERN,
    `must be ${IDENTIFIER_LENGTHS} characters, not . or ..`,
  );

/** A header value of the spec's `HeaderToken` (correlation id, tenant id): 1–128 printable ASCII, no space. */
export const checkHeaderToken = (value: unknown, field: string, operation?: string): string =>
  matching(
    value,
    field,
    operation,
    HEADER_TOKEN_PATTERN,
    `must be ${HEADER_TOKEN_LENGTHS} printable ASCII characters, no spaces`,
  );

/** Any other header value: a string without control characters. */
export const checkHeaderValue = (value: unknown, field: string): string =>
  value === '' ? value : matching(value, field);

/** A reason code of the spec's open enums (a documented value or an upper-case code). */
export const checkReasonCode = (value: unknown, field: string, operation?: string): string =>
  matching(value, field, operation, REASON_CODE_PATTERN, 'must be an upper-case code');

/**
 * A documented reason code must go with its own documented category (the spec's `CancelReasonPairing`); codes
 * outside NAGRA's table stay open, and so does a pair missing either half. `codeField` is named when the pair is
 * refused.
 */
export function checkReasonPair(
  category: string | undefined,
  code: string | undefined,
  codeField: string,
  operation?: string,
): void {
  const table: Record<string, readonly (string | undefined)[] | undefined> = CANCEL_REASON_CODES_BY_CATEGORY;
  const codes = table[category!];
  if (codes && !codes.includes(code) && Object.values(table).some((listed) => listed!.includes(code))) {
    fail(
      codeField,
      `must be one of ${codes.join(', ')} with category ${category}, or undocumented`,
      operation,
    );
  }
}

/** A non-empty string without control characters (client ids, usernames, realms). */
export const checkPlainString = (value: unknown, field: string): string => matching(value, field);

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
export const checkOptionalBoolean = (
  value: unknown,
  field: string,
  operation?: string,
): boolean | undefined => (value === undefined ? value : typed(value, 'boolean', field, operation));

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
export const checkObject = (value: unknown, field: string, operation?: string): Record<string, unknown> =>
  typed(value, 'object', field, operation);

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
 * or with `insecure` (the client's `allowInsecureHttp`); one message says all of it.
 */
export function checkHttpUrl(value: unknown, field: string, insecure?: boolean): string {
  const url = URL.canParse(text(value, field)) ? new URL(value as string) : undefined;
  const loopback = /^(localhost|127(\.\d+){3}|\[::1\])$/.test(url?.hostname ?? '');
  if (
    !url ||
    url.username ||
    url.password ||
    !(url.protocol === 'https:' || (url.protocol === 'http:' && (insecure || loopback)))
  ) {
    fail(field, 'must be https: without credentials (http: to loopback or with allowInsecureHttp)');
  }
  return value as string;
}
