import { describe, expect, it } from 'vitest';
import { normalizeCorrelationId } from './correlation-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('normalizeCorrelationId', () => {
  it('keeps a sane incoming id', () => {
    expect(normalizeCorrelationId('order-42')).toBe('order-42');
    expect(normalizeCorrelationId('a'.repeat(128))).toBe('a'.repeat(128));
    expect(normalizeCorrelationId('~!@#$%^&*()_+{}|:"<>?')).toBe('~!@#$%^&*()_+{}|:"<>?');
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['with a space', 'order 42'],
    ['with CR LF', 'order-42\r\nx-injected: 1'],
    ['with a tab', 'order\t42'],
    ['non-ASCII', 'commande-é'],
    ['with DEL', 'order\x7f'],
  ])('replaces a %s id with a new UUID', (_label, value) => {
    const id = normalizeCorrelationId(value);
    expect(id).toMatch(UUID);
  });

  it('gives a different id each time it has to make one', () => {
    expect(normalizeCorrelationId(undefined)).not.toBe(normalizeCorrelationId(undefined));
  });
});
