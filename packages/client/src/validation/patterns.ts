import { HEADER_TOKEN_RULE, IDENTIFIER_RULE, REASON_CODE_RULE } from '../generated/constants.js';

/** A string rule of the spec: a pattern (regular expression source) and optional length bounds. */
interface StringRule {
  readonly pattern: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** One regular expression for a rule: its length bounds (a lookahead) and its pattern. */
const compile = ({ pattern, minLength = 0, maxLength }: StringRule): RegExp =>
  new RegExp(`(?=^[\\s\\S]{${minLength},${maxLength ?? ''}}$)${pattern}`);

/** An OPF identifier (spec schema `Identifier`: 1–128 letters, digits, `.`, `_`, `:` or `-`). */
export const IDENTIFIER_PATTERN = compile(IDENTIFIER_RULE);
/** A header token (spec schema `HeaderToken`: 1–128 printable ASCII characters, no space or control character). */
export const HEADER_TOKEN_PATTERN = compile(HEADER_TOKEN_RULE);
/** Any control character (C0, DEL); never allowed in a header value. */
export const CONTROL_CHARACTER = /[\x00-\x1F\x7F]/;
/** A reason code of the spec's open enums (`CancelReasonCategory`, `CancelReasonCode`). */
export const REASON_CODE_PATTERN = compile(REASON_CODE_RULE);

/** The length bounds of a rule, as the validation messages say them (`1-128`). */
export const lengthRange = ({ minLength = 0, maxLength }: StringRule): string =>
  `${minLength}-${maxLength ?? 'any'}`;
