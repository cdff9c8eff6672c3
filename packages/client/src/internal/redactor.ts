const REDACTED = '[REDACTED]';

/** Keys whose values are always secret, whatever they hold (compared case-insensitively). */
const SENSITIVE_KEY = /^((access|refresh|id)_token|password|client_secret|authorization)$/i;

/** A run of text that may hold an encoded secret: what percent, form and base64(url) encoding produce. */
const RUN = /[\w.~!*'()%+/=-]{4,}/g;

const B1 = 0x01000193;
const B2 = 0x5bd1e995;

/**
 * Calls `visit` with the start and the hash of every window of `length` characters of `text`: two 32-bit
 * polynomial hashes rolled along the text, as one 53-bit number.
 */
function windows(text: string, length: number, visit: (start: number, key: number) => void): void {
  let [p1, p2, a, b] = [1, 1, 0, 0];
  for (let i = 0; i < length; i += 1) [p1, p2] = [Math.imul(p1, B1), Math.imul(p2, B2)];
  for (let i = 0; i < text.length; i += 1) {
    const out = text.charCodeAt(i - length) || 0;
    a = (Math.imul(a, B1) + text.charCodeAt(i) - Math.imul(out, p1)) | 0;
    b = (Math.imul(b, B2) + text.charCodeAt(i) - Math.imul(out, p2)) | 0;
    if (i >= length - 1) visit(i + 1 - length, (a >>> 0) * 2 ** 21 + (b >>> 11));
  }
}

/**
 * What a run may encode: its percent/form decoding, and each base64(url) piece's bytes (as Latin-1 characters)
 * read at each of the 4 alignments (base64 glued to other letters).
 */
function decodings(run: string): string[] {
  const texts: string[] = [];
  const attempt = (decode: () => string): void => {
    try {
      texts.push(decode());
    } catch {}
  };
  attempt(() => decodeURIComponent(run.replace(/\+/g, ' ')));
  for (const piece of run.match(/[\w+/-]{4,}=*/g) ?? []) {
    for (let skip = 0; skip < 4; skip += 1) {
      attempt(() => atob(piece.slice(skip).replace(/-/g, '+').replace(/_/g, '/')));
    }
  }
  return texts.filter((text) => text !== run);
}

/**
 * Removes a client's secrets from any text, parsed body or thrown error before it goes into an error or a log
 * line. Each secret (password, client secret, every access and refresh token the client was given) is remembered
 * by a hash, not kept, and found anywhere in a text by a rolling hash, so there is no count limit. Percent-, form-
 * and base64(url)-encoded runs of text are decoded and searched too (a secret inside `base64("user:password")`
 * counts). Bodies are walked to any depth, with a cycle guard; values under keys like `password` or
 * `access_token` are always hidden. Redact first, cut after. Never throws.
 */
export interface Redactor {
  /** A secret or token of this client (`undefined` is ignored). */
  add(secret: string | undefined): void;
  redactText(text: string): string;
  redactValue(value: unknown): unknown;
  /** A thrown value fit to rethrow: an `Error` gets its message and stack redacted (in place), anything else a copy. */
  redactError(error: unknown): unknown;
}

/** The hashes of a redactor's secrets, by length. */
type SecretHashes = Map<number, Set<number>>;

/** Remembers `secret` (`undefined` and `''` are ignored) by the hash of its raw form and of its UTF-8 bytes. */
function addSecret(byLength: SecretHashes, secret: string | undefined): void {
  if (!secret) return;
  // Raw, and its UTF-8 bytes as Latin-1 characters (what a base64 text decodes to; none for a lone surrogate).
  let bytes = secret;
  try {
    bytes = unescape(encodeURIComponent(secret));
  } catch {}
  for (const form of [secret, bytes]) {
    const hashes = byLength.get(form.length) ?? new Set();
    byLength.set(form.length, hashes);
    windows(form, form.length, (_, key) => hashes.add(key));
  }
}

/** A new, empty {@link Redactor}. */
export function createRedactor(): Redactor {
  /** The hashes of the secrets, by length. */
  const byLength: SecretHashes = new Map();

  const redactText = (text: string): string => {
    const hidden = new Uint8Array(text.length);
    for (const [length, hashes] of byLength) {
      windows(text, length, (start, key) => hashes.has(key) && hidden.fill(1, start, start + length));
    }
    return text
      .replace(/[\s\S]/g, (char, i: number) => (hidden[i] ? (hidden[i - 1] ? '' : REDACTED) : char))
      .replace(RUN, (run) =>
        decodings(run).some((decoded) => redactText(decoded) !== decoded) ? REDACTED : run,
      );
  };

  const walk = (value: unknown, path: Set<object>): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (path.has(value)) return '[Circular]';
    path.add(value);
    const result: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
    for (const [name, item] of Object.entries(value)) {
      result[redactText(name)] = SENSITIVE_KEY.test(name) ? REDACTED : walk(item, path);
    }
    path.delete(value);
    return result;
  };

  const redactValue = (value: unknown): unknown => {
    try {
      return walk(value, new Set());
    } catch {
      // Nested too deep for the stack: nothing of it is kept.
      return REDACTED;
    }
  };

  return {
    add: (secret) => addSecret(byLength, secret),
    redactText,
    redactValue,
    redactError(error) {
      if (!(error instanceof Error)) return redactValue(error);
      try {
        error.message = redactText(error.message);
        if (error.stack) error.stack = redactText(error.stack);
        return error;
      } catch {
        // A read-only message (a DOMException): a plain copy instead.
        const copy = new Error(redactText(error.message));
        copy.name = error.name;
        return copy;
      }
    },
  };
}
