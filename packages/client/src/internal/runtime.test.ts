import { afterEach, describe, expect, test, vi } from 'vitest';
import { isWorkersRuntime } from './runtime.js';

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
