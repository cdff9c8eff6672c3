import { afterEach, describe, expect, test, vi } from 'vitest';
import { hasUndiciFetch, isWorkersRuntime } from './runtime.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('isWorkersRuntime', () => {
  test('is false on Node', () => {
    expect(isWorkersRuntime()).toBe(false);
  });

  test('is true where navigator identifies as Cloudflare Workers', () => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    expect(isWorkersRuntime()).toBe(true);
  });
});

describe('hasUndiciFetch', () => {
  test("is true on Node, whose fetch is undici's", () => {
    expect(hasUndiciFetch()).toBe(true);
  });

  test('is false where there is no process (Workers, Deno without Node globals, browsers)', () => {
    vi.stubGlobal('process', undefined);
    expect(hasUndiciFetch()).toBe(false);
  });

  test('is false where process names no undici (Bun)', () => {
    vi.stubGlobal('process', { versions: { bun: '1.2.0' } });
    expect(hasUndiciFetch()).toBe(false);
  });
});
