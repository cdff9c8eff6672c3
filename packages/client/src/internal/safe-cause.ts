import type { Redactor } from './redactor.js';

/**
 * A copy of a low-level error (network failure) fit to be kept as an error's `cause`: name, message and the
 * system error code (`ECONNRESET`, `UND_ERR_SOCKET` …) of it and of its own cause, with every known secret removed.
 */
export function safeCause(error: unknown, redactor: Redactor): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const inner = (original as { cause?: unknown }).cause;
  const code = readCode(original) ?? readCode(inner);
  const innerMessage = inner instanceof Error ? `: ${inner.message}` : '';
  const copy = new Error(redactor.redactText(`${original.message}${innerMessage}`).slice(0, 500));
  copy.name = original.name;
  if (code !== undefined) (copy as Error & { code?: string }).code = code;
  return copy;
}

function readCode(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
