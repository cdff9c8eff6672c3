const REDACTED = '[REDACTED]';
/** Keys whose values are always secret, whatever they hold (compared case-insensitively). */
const SENSITIVE_KEY = /^((access|refresh|id)_token|password|client_secret|authorization)$/i;

/**
 * Remembers the secrets of one client (password, client secret, recent access and refresh tokens) and removes them
 * from any text or parsed body before it goes into an error or a log line.
 */
export interface Redactor {
  /** A secret that lives as long as the client (password, client secret). */
  addFixed(secret: string | undefined): void;
  /** A secret that is replaced over time (tokens); only the 8 most recent ones are kept. */
  addRotating(secret: string | undefined): void;
  redactText(text: string): string;
  redactValue(value: unknown): unknown;
}

/** A new, empty {@link Redactor}. */
export function createRedactor(): Redactor {
  const fixed: string[] = [];
  const rotating: string[] = [];
  const adder =
    (list: string[], max: number) =>
    (secret: string | undefined): void => {
      if (secret && !list.includes(secret) && list.push(secret) > max) list.shift();
    };
  const redactText = (text: string): string =>
    [...fixed, ...rotating].reduce((result, secret) => result.split(secret).join(REDACTED), text);
  const redactValue = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (depth > 8 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = SENSITIVE_KEY.test(key) ? REDACTED : redactValue(item, depth + 1);
    }
    return result;
  };
  return { addFixed: adder(fixed, Infinity), addRotating: adder(rotating, 8), redactText, redactValue };
}
