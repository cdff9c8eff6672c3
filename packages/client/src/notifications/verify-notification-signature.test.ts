import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { signNotification, verifyNotificationSignature } from './verify-notification-signature.js';

const secret = 'emulator-notification-secret';
const body = JSON.stringify({ eventId: 'e1', entitlementId: 'abc', status: 'ACTIVE', note: 'é ünïcödé' });
const now = 1_790_000_000;

function nodeSignature(t: number, raw: string, key = secret): string {
  return createHmac('sha256', key).update(`${t}.${raw}`).digest('hex');
}

describe('verifyNotificationSignature', () => {
  test('accepts a signature made with node:crypto, for string, Uint8Array and ArrayBuffer bodies', async () => {
    const header = `t=${now},v1=${nodeSignature(now, body)}`;
    const bytes = new TextEncoder().encode(body);
    for (const rawBody of [body, bytes, bytes.buffer.slice(0)]) {
      await expect(
        verifyNotificationSignature({ secret, signatureHeader: header, rawBody, now: now * 1000 }),
      ).resolves.toBe(true);
    }
    // `now` as seconds and as a Date too.
    await expect(
      verifyNotificationSignature({ secret, signatureHeader: header, rawBody: body, now }),
    ).resolves.toBe(true);
    await expect(
      verifyNotificationSignature({
        secret,
        signatureHeader: header,
        rawBody: body,
        now: new Date(now * 1000),
      }),
    ).resolves.toBe(true);
  });

  test('accepts any of several v1 signatures (secret rotation) and upper-case hex', async () => {
    const good = nodeSignature(now, body);
    const header = `t=${now},v1=${nodeSignature(now, body, 'old-secret')},v1=${good.toUpperCase()}`;
    await expect(
      verifyNotificationSignature({ secret, signatureHeader: header, rawBody: body, now }),
    ).resolves.toBe(true);
  });

  test('refuses a wrong secret, a changed body, a changed timestamp and a malformed header', async () => {
    const header = `t=${now},v1=${nodeSignature(now, body)}`;
    const cases: [string | undefined | null, string][] = [
      [`t=${now},v1=${nodeSignature(now, body, 'other')}`, body],
      [header, body.replace('ACTIVE', 'REVOKED')],
      [`t=${now + 1},v1=${nodeSignature(now, body)}`, body],
      [`v1=${nodeSignature(now, body)}`, body],
      [`t=${now}`, body],
      [`t=${now},v1=zz${nodeSignature(now, body).slice(2)}`, body],
      [`t=${now},v1=${nodeSignature(now, body).slice(1)}`, body],
      [`t=abc,v1=${nodeSignature(now, body)}`, body],
      [`t=${now},t=${now},v1=${nodeSignature(now, body)}`, body],
      ['', body],
      [undefined, body],
      [null, body],
    ];
    for (const [signatureHeader, rawBody] of cases) {
      await expect(verifyNotificationSignature({ secret, signatureHeader, rawBody, now })).resolves.toBe(
        false,
      );
    }
  });

  test('refuses a timestamp outside the tolerance window, both ways', async () => {
    const old = now - 301;
    const future = now + 301;
    const sign = (t: number) => `t=${t},v1=${nodeSignature(t, body)}`;
    await expect(
      verifyNotificationSignature({ secret, signatureHeader: sign(old), rawBody: body, now }),
    ).resolves.toBe(false);
    await expect(
      verifyNotificationSignature({ secret, signatureHeader: sign(future), rawBody: body, now }),
    ).resolves.toBe(false);
    await expect(
      verifyNotificationSignature({ secret, signatureHeader: sign(now - 300), rawBody: body, now }),
    ).resolves.toBe(true);
    await expect(
      verifyNotificationSignature({
        secret,
        signatureHeader: sign(old),
        rawBody: body,
        now,
        toleranceSec: 600,
      }),
    ).resolves.toBe(true);
  });

  test('a missing secret is a programming error', async () => {
    await expect(
      verifyNotificationSignature({ secret: '', signatureHeader: 't=1,v1=00', rawBody: body }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  test('signNotification produces what node:crypto computes', async () => {
    const header = await signNotification({ secret, rawBody: body, timestamp: now });
    expect(header).toBe(`t=${now},v1=${nodeSignature(now, body)}`);
    await expect(
      verifyNotificationSignature({ secret, signatureHeader: header, rawBody: body }),
    ).resolves.toBe(false);
    const fresh = await signNotification({ secret, rawBody: body });
    await expect(
      verifyNotificationSignature({ secret, signatureHeader: fresh, rawBody: body }),
    ).resolves.toBe(true);
  });
});
