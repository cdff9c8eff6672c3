import { describe, expect, it } from 'vitest';
import { createMemoryNotificationStore, DEFAULT_HANDLED_RETENTION_MS } from './notification-store.js';

describe('createMemoryNotificationStore', () => {
  it('claims an event once: handled after complete, busy while another claim is live', async () => {
    const store = createMemoryNotificationStore();
    expect(await store.claim('e1', 1_000)).toBe('claimed');
    expect(await store.claim('e1', 1_000)).toBe('busy');
    expect(await store.claim('e2', 1_000)).toBe('claimed');
    await store.complete('e1');
    expect(await store.claim('e1', 1_000)).toBe('handled');
    expect(await store.claim('e2', 1_000)).toBe('busy');
  });

  it('lets the next delivery claim a released event, and one whose lease expired (a crashed handler)', async () => {
    let time = 0;
    const store = createMemoryNotificationStore({ now: () => time });
    expect(store.claim('e1', 1_000)).toBe('claimed');
    store.release('e1');
    expect(store.claim('e1', 1_000)).toBe('claimed');
    time = 999;
    expect(store.claim('e1', 1_000)).toBe('busy');
    time = 1_000;
    expect(store.claim('e1', 1_000)).toBe('claimed');
  });

  it('remembers handled events by age, not by count: the 1st of 20,000 is still handled', async () => {
    let time = 0;
    const store = createMemoryNotificationStore({ now: () => time });
    for (let i = 0; i < 20_000; i += 1) {
      store.claim(`e${i}`, 1_000);
      store.complete(`e${i}`);
    }
    time = DEFAULT_HANDLED_RETENTION_MS - 1;
    expect(store.claim('e0', 1_000)).toBe('handled');
    time = DEFAULT_HANDLED_RETENTION_MS;
    expect(store.claim('e0', 1_000)).toBe('claimed');
  });

  it('forgets a handled event once retentionMs has passed', () => {
    let time = 0;
    const store = createMemoryNotificationStore({ retentionMs: 5_000, now: () => time });
    store.claim('e1', 100);
    store.complete('e1');
    time = 4_999;
    expect(store.claim('e1', 100)).toBe('handled');
    time = 5_000;
    expect(store.claim('e1', 100)).toBe('claimed');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses retentionMs %s', (retentionMs) => {
    expect(() => createMemoryNotificationStore({ retentionMs })).toThrow(/retentionMs/);
  });
});
