/**
 * The spec's string rules compiled (generated from `IDENTIFIER_RULE`, `HEADER_TOKEN_RULE` and `REASON_CODE_RULE`):
 * an OPF identifier, a header token and a reason code of the open enums, each with its length bounds.
 */
export { HEADER_TOKEN_PATTERN, IDENTIFIER_PATTERN, REASON_CODE_PATTERN } from '../generated/constants.js';

/** Any control character (C0, DEL); never allowed in a header value. */
export const CONTROL_CHARACTER = /[\x00-\x1F\x7F]/;
