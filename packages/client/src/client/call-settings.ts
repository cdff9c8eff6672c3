/** Defaults a client (or a `withContext` view of it) applies to each call. */
export interface CallDefaults {
  tenantId: string;
  correlationId?: string | undefined;
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
}
