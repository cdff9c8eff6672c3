/**
 * One request the emulator answered (or reset). `status` is 0 when the connection was reset.
 *
 * @example
 * const mine = emulator.getState().requests.filter((r: RequestLogEntry) => r.correlationId === 'corr-1');
 */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  correlationId: string | undefined;
  tenantId: string | undefined;
  /** The fault applied, if any. */
  fault?: string;
}

/**
 * The requests the emulator answered, newest last, capped at `limit` entries (oldest dropped).
 *
 * @example
 * const log = new RequestLog(); log.add(entry); log.list();
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  constructor(private readonly limit = 10_000) {}

  /** Records one request (dropping the oldest beyond the limit). */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Copies of the recorded requests, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Forgets every request. */
  clear(): void {
    this.entries = [];
  }
}
