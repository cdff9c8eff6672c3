/**
 * Where the client writes its log lines (any of the four levels may be left out). Fields never contain a secret,
 * a token or a request body.
 *
 * @example
 * ```ts
 * const logger: Logger = { warn: (msg, fields) => console.warn(msg, fields) };
 * ```
 */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}
