import { describe, expect, test } from 'vitest';
import { DemoUsageError, parseDemoArgs } from './args.js';

describe('parseDemoArgs', () => {
  test('defaults to express on port 3000 with the emulator on 8443', () => {
    expect(parseDemoArgs([])).toEqual({
      framework: 'express',
      check: false,
      host: '127.0.0.1',
      port: 3000,
      emulatorPort: 8443,
    });
  });

  test('reads --framework hono, --check and ports in both spellings', () => {
    expect(
      parseDemoArgs(['--', '--framework', 'hono', '--check', '--port=0', '--emulator-port', '9000']),
    ).toEqual({
      framework: 'hono',
      check: true,
      host: '127.0.0.1',
      port: 0,
      emulatorPort: 9000,
    });
  });

  test('names the option in every error', () => {
    expect(() => parseDemoArgs(['--framework', 'koa'])).toThrow(/--framework must be express or hono/);
    expect(() => parseDemoArgs(['--port', '70000'])).toThrow(/--port must be a port number/);
    expect(() => parseDemoArgs(['--nope'])).toThrow(DemoUsageError);
  });
});
