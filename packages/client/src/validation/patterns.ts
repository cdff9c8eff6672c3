/** An OPF identifier: 1–128 letters, digits, `.`, `_`, `:` or `-` (spec schema `Identifier`). */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** A header token: 1–128 printable ASCII characters, no space or control character (spec schema `HeaderToken`). */
export const HEADER_TOKEN_PATTERN = /^[\x21-\x7E]{1,128}$/;
/** Any control character (C0, DEL); never allowed in a header value. */
export const CONTROL_CHARACTER = /[\x00-\x1F\x7F]/;
/** A reason code of the spec's open enums (`CancelReasonCategory`, `CancelReasonCode`). */
export const REASON_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
