import { describe, expect, it } from 'vitest';
import { createMemoryNotificationStore } from './notification-store.js';

describe('createMemoryNotificationStore', () => {
  it('remembers handled events', async () => {
    const store = createMemoryNotificationStore();
    expect(await store.has('e1')).toBe(false);
    await store.markHandled('e1');
    expect(await store.has('e1')).toBe(true);
    expect(await store.has('e2')).toBe(false);
  });

  it('forgets the oldest events beyond maxEntries', async () => {
    const store = createMemoryNotificationStore({ maxEntries: 2 });
    await store.markHandled('e1');
    await store.markHandled('e2');
    await store.markHandled('e1'); // refreshes e1: e2 is now the oldest
    await store.markHandled('e3');
    expect(await store.has('e1')).toBe(true);
    expect(await store.has('e2')).toBe(false);
    expect(await store.has('e3')).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxEntries %s', (maxEntries) => {
    expect(() => createMemoryNotificationStore({ maxEntries })).toThrow(/maxEntries/);
  });
});
