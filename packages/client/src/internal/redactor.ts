const REDACTED = '[REDACTED]';
const MAX_ROTATING = 8;

/**
 * Remembers the secrets of one client (password, client secret, recent access and refresh tokens) and removes them
 * from any text or parsed body before it goes into an error or a log line.
 */
export class Redactor {
  private readonly fixed = new Set<string>();
  private readonly rotating: string[] = [];

  /** A secret that lives as long as the client (password, client secret). */
  addFixed(secret: string | undefined): void {
    if (secret) this.fixed.add(secret);
  }

  /** A secret that is replaced over time (tokens); only the most recent ones are kept. */
  addRotating(secret: string | undefined): void {
    if (!secret || this.rotating.includes(secret)) return;
    this.rotating.push(secret);
    if (this.rotating.length > MAX_ROTATING) this.rotating.shift();
  }

  redactText(text: string): string {
    let result = text;
    for (const secret of this.fixed) result = result.split(secret).join(REDACTED);
    for (const secret of this.rotating) result = result.split(secret).join(REDACTED);
    return result;
  }

  redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (depth > 8 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : this.redactValue(item, depth + 1);
    }
    return result;
  }
}

const SENSITIVE_KEYS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'client_secret',
  'authorization',
]);
