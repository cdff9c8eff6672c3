import { describe, expect, it } from 'vitest';
import { BASIC, type ScenarioKit } from './kit.js';

/** A request body of `bytes` bytes produced only as the server reads it (nothing of it is held here). */
function hugeBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

const STACK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/;

/**
 * What the plugins refuse at their boundary, answered as JSON with a code and the correlation id: cross-site
 * content types, oversized bodies (read as a stream, never held), undecodable paths.
 *
 * @example
 * hardeningScenarios(createScenarioKit(adapter));
 */
export function hardeningScenarios(kit: ScenarioKit): void {
  const { api, expectPortalError } = kit;

  describe('boundaries', () => {
    it.each([
      ['text/plain (what a cross-site form or fetch can send with the session cookie)', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
    ])('answers 415 to a purchase sent as %s, without calling OPF', async (_label, contentType) => {
      const result = await api('POST', '/purchases', {
        headers: { 'content-type': contentType },
        rawBody: JSON.stringify({ productId: BASIC }),
      });
      expectPortalError(result, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
      expect(
        kit.emulator.getState().requests.filter((r) => r.operationId === 'createThirdPartyEntitlement'),
      ).toEqual([]);
    });

    it('answers an over-limit body with JSON 413 (code, correlation id), never a stack', async () => {
      const result = await api('POST', '/purchases', {
        body: { productId: BASIC, padding: 'x'.repeat(70 * 1024) },
      });
      expectPortalError(result, 413, 'PAYLOAD_TOO_LARGE');
      expect(result.text).not.toMatch(STACK);
    });

    it('answers a path that is not valid percent-encoding as JSON, never a stack', async () => {
      const result = await api('GET', '/entitlements/%E0%A4%A/activation');
      if (kit.adapter.name === 'express') {
        // Express's router refuses to decode it: the plugin answers that failure itself.
        expectPortalError(result, 400, 'INVALID_REQUEST', 'path');
      } else {
        // Hono keeps an undecodable parameter as written: a (valid) id that names no entitlement.
        expectPortalError(result, 404, 'NOT_FOUND');
      }
      expect(result.text).not.toMatch(STACK);
    });

    it('reads a 300 MiB chunked upload to the unauthenticated receiver as a stream: 413, memory barely moves', async () => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        const response = await fetch(`${kit.server.url}/opf/notifications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: hugeBody(300 * 1024 * 1024),
          duplex: 'half',
        } as RequestInit).catch((error: unknown) => error);
        // The server answers 413 at 64 KiB; it may also close the connection while the client still uploads.
        if (response instanceof Response) {
          expect(response.status).toBe(413);
          expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
        }
      } finally {
        clearInterval(sampler);
      }
      expect(peak - before).toBeLessThan(64 * 1024 * 1024);
    });
  });
}
