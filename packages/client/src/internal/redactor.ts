const REDACTED = '[REDACTED]';

/** Keys whose values are always secret, whatever they hold (compared case-insensitively). */
const SENSITIVE_KEY = /^((access|refresh|id)_token|password|client_secret|authorization)$/i;

/** A run of text that may hold an encoded secret: what percent, form and base64(url) encoding produce. */
const RUN = /[\w.~!*'()%+/=-]{4,}/g;
/** The base64(url) pieces of a run. */
const BASE64 = /[\w+/-]{4,}=*/g;

const B1 = 0x01000193;
const B2 = 0x5bd1e995;

/** The hash of a secret's characters: two 32-bit polynomial hashes, one 53-bit number. */
const key = (a: number, b: number): number => (a >>> 0) * 2 ** 21 + (b >>> 11);

/** What a run may encode: its percent/form decoding and the UTF-8 text of each base64(url) piece. */
function decodings(run: string): string[] {
  const texts: string[] = [];
  const attempt = (decode: () => string): void => {
    try {
      const text = decode();
      if (text !== run) texts.push(text);
    } catch {}
  };
  attempt(() => decodeURIComponent(run.replace(/\+/g, ' ')));
  // Base64 glued to other letters is read at each of the 4 alignments.
  for (const piece of run.match(BASE64) ?? []) {
    for (let skip = 0; skip < 4; skip += 1) {
      attempt(() =>
        new TextDecoder().decode(
          Uint8Array.from(atob(piece.slice(skip).replace(/-/g, '+').replace(/_/g, '/')), (c) =>
            c.charCodeAt(0),
          ),
        ),
      );
    }
  }
  return texts;
}

/**
 * Removes a client's secrets from any text, parsed body or thrown error before it goes into an error or a log
 * line. Each secret (password, client secret, every access and refresh token the client was given) is remembered
 * by a hash of its raw, percent-encoded and form-encoded forms, not kept, and found anywhere in a text by a rolling
 * hash, so there is no count limit. Percent-, form- and base64(url)-encoded runs of text are decoded and searched
 * too (a secret inside `base64("user:password")` counts). Bodies are walked to any depth, with a cycle guard;
 * values under keys like `password` or `access_token` are always hidden. Redact first, cut after.
 */
export interface Redactor {
  /** A secret or token of this client (`undefined` is ignored). */
  add(secret: string | undefined): void;
  redactText(text: string): string;
  redactValue(value: unknown): unknown;
  /** A thrown value fit to rethrow: an `Error` gets its message and stack redacted (in place), anything else a copy. */
  redactError(error: unknown): unknown;
}

/** A new, empty {@link Redactor}. */
export function createRedactor(): Redactor {
  /** Per secret length: B1 and B2 to that power (to roll a character out) and the hashes of that length. */
  const byLength = new Map<number, [number, number, Set<number>]>();

  const add = (secret: string | undefined): void => {
    if (!secret) return;
    for (const form of [secret, encodeURIComponent(secret), new URLSearchParams([['', secret]]) + '']) {
      const text = form.replace(/^=/, '');
      let entry = byLength.get(text.length);
      if (!entry) {
        let [p1, p2] = [1, 1];
        for (let i = 0; i < text.length; i += 1) [p1, p2] = [Math.imul(p1, B1), Math.imul(p2, B2)];
        byLength.set(text.length, (entry = [p1, p2, new Set()]));
      }
      let [a, b] = [0, 0];
      for (let i = 0; i < text.length; i += 1) {
        [a, b] = [(Math.imul(a, B1) + text.charCodeAt(i)) | 0, (Math.imul(b, B2) + text.charCodeAt(i)) | 0];
      }
      entry[2].add(key(a, b));
    }
  };

  const redactText = (text: string): string => {
    const spans: number[][] = [];
    for (const [length, [p1, p2, hashes]] of byLength) {
      let [a, b] = [0, 0];
      for (let i = 0; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        const out = i < length ? 0 : text.charCodeAt(i - length);
        a = (Math.imul(a, B1) + c - Math.imul(out, p1)) | 0;
        b = (Math.imul(b, B2) + c - Math.imul(out, p2)) | 0;
        if (i + 1 >= length && hashes.has(key(a, b))) spans.push([i + 1 - length, i + 1]);
      }
    }
    let end = Infinity;
    for (const [start, stop] of spans.sort((x, y) => y[0]! - x[0]!)) {
      text = text.slice(0, start) + REDACTED + text.slice(Math.min(stop!, end));
      end = start!;
    }
    return text.replace(RUN, (run) =>
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
    add,
    redactText,
    redactValue,
    redactError(error) {
      if (!(error instanceof Error)) return redactValue(error);
      error.message = redactText(error.message);
      if (error.stack) error.stack = redactText(error.stack);
      return error;
    },
  };
}
