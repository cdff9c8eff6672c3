/** A new correlation id (a UUID v4 from Web Crypto; a valid `HeaderToken` and `Identifier`). */
export function newCorrelationId(): string {
  return crypto.randomUUID();
}
