import { describe, expect, test } from 'vitest';
import { createRedactor } from './redactor.js';

const PASSWORD = "p@ss w+rd/'é-1234";
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';

function redactor() {
  const r = createRedactor();
  r.add(PASSWORD);
  r.add(TOKEN);
  return r;
}

const base64 = (text: string): string => Buffer.from(text).toString('base64');

describe('createRedactor', () => {
  test.each([
    ['raw', `bad password ${PASSWORD}!`],
    ['glued to other text', `x${PASSWORD}y and /api/${TOKEN}/revoke.`],
    ['percent-encoded', `password=${encodeURIComponent(PASSWORD)}&x=1`],
    ['form-encoded', new URLSearchParams({ username: 'u', password: PASSWORD }).toString()],
    ['percent-encoded, lower-case hex', encodeURIComponent(PASSWORD).toLowerCase()],
    ['base64', `Basic ${base64(`user:${PASSWORD}`)}.`],
    ['base64url', Buffer.from(`{"token":"${TOKEN}"}`).toString('base64url')],
    ['base64 of a percent-encoded form', base64(`password=${encodeURIComponent(PASSWORD)}`)],
    ['a token in a sentence', `token ${TOKEN}.`],
  ])('%s', (_name, text) => {
    const out = redactor().redactText(text);
    expect(out).toContain('[REDACTED]');
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(encodeURIComponent(PASSWORD));
    expect(out).not.toContain(base64(PASSWORD).slice(4, -4));
  });

  test('ordinary text is left alone', () => {
    const text =
      'listEntitlements: failed with HTTP 503 50300:503: Service unavailable (correlation id abc-123)';
    expect(redactor().redactText(text)).toBe(text);
  });

  test('every token is remembered, however many', () => {
    const r = createRedactor();
    const tokens = Array.from({ length: 500 }, (_, i) => `token-${i}-${'x'.repeat(i % 40)}`);
    for (const token of tokens) r.add(token);
    const out = r.redactText(tokens.join(' '));
    for (const token of tokens) expect(out).not.toContain(token);
  });

  test('bodies at any depth, with cycles, keys included', () => {
    let deep: Record<string, unknown> = { value: `x ${PASSWORD}` };
    for (let i = 0; i < 500; i += 1) deep = { nested: deep, list: [TOKEN] };
    const cyclic: Record<string, unknown> = { [PASSWORD]: 1, password: 'anything' };
    cyclic['self'] = cyclic;
    const out = JSON.stringify(redactor().redactValue({ deep, cyclic }));
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('anything');
    expect(out).toContain('[Circular]');
  });

  test('a body nested too deep for the stack is dropped whole', () => {
    let deep: unknown = PASSWORD;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(redactor().redactValue(deep)).toBe('[REDACTED]');
  });

  test('redactError redacts a thrown error in place', () => {
    const error = new SyntaxError(`Unexpected token 'p', "password=${PASSWORD}" is not valid JSON`);
    expect(redactor().redactError(error)).toBe(error);
    expect(error.message).not.toContain(PASSWORD);
    expect(error.stack).not.toContain(PASSWORD);
  });

  test('redactError copies an error whose message cannot be set', () => {
    const error = new DOMException(`bad ${PASSWORD}`, 'SyntaxError');
    const redacted = redactor().redactError(error) as Error;
    expect(redacted.name).toBe('SyntaxError');
    expect(redacted.message).toBe('bad [REDACTED]');
    expect(String(redacted.stack)).not.toContain(PASSWORD);
  });

  test('a secret with a lone surrogate is still remembered raw', () => {
    const r = createRedactor();
    r.add('abc\ud800defgh');
    expect(r.redactText('x abc\ud800defgh y')).toBe('x [REDACTED] y');
  });
});
