import { describe, expect, it } from 'vitest';
import { MemoryHotState, openHotState, type HotState, type RedisHotState } from './hotstate.js';

// The same contract on the in-process default and on Redis. The Redis leg runs when TEST_REDIS_URL is set (CI sets it).
const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI_REQUIRE_SERVICES && !redisUrl) throw new Error('CI must run the Redis leg: set TEST_REDIS_URL');

function contract(name: string, make: () => HotState) {
  describe(`hot state: ${name}`, () => {
    it('counts within a window', async () => {
      const hot = make();
      const key = `t:${Math.random()}`;
      expect(await hot.increment(key, 60)).toBe(1);
      expect(await hot.increment(key, 60)).toBe(2);
      expect(await hot.increment(`${key}:other`, 60)).toBe(1);
      await hot.del(key);
      await hot.close();
    });
    it('takes back from a live counter only', async () => {
      const hot = make();
      const key = `t:${Math.random()}`;
      await hot.decrement(key); // nothing to take back: the counter does not come into being
      expect(await hot.get(key)).toBeNull();
      expect(await hot.increment(key, 5)).toBe(1);
      expect(await hot.increment(key, 5)).toBe(2);
      await hot.decrement(key);
      expect(await hot.increment(key, 5)).toBe(2);
      expect(await hot.ping()).toBe(true);
      await hot.close();
    });
    it('sets only when absent', async () => {
      const hot = make();
      const key = `t:${Math.random()}`;
      expect(await hot.setIfAbsent(key, 'a', 5)).toBe(true);
      expect(await hot.setIfAbsent(key, 'b', 5)).toBe(false);
      expect(await hot.get(key)).toBe('a');
      await hot.del(key);
      expect(await hot.get(key)).toBeNull();
      await hot.close();
    });
    it('replaces a value only when it is still the expected one', async () => {
      const hot = make();
      const key = `t:${Math.random()}`;
      expect(await hot.compareAndSet(key, 'x', 'a', 5)).toBe(false);
      expect(await hot.compareAndSet(key, null, 'a', 5)).toBe(true);
      expect(await hot.compareAndSet(key, null, 'b', 5)).toBe(false);
      expect(await hot.compareAndSet(key, 'a', 'b', 5)).toBe(true);
      expect(await hot.compareAndSet(key, 'a', 'c', 5)).toBe(false);
      expect(await hot.get(key)).toBe('b');
      // Two writers racing from the same value: exactly one wins.
      const results = await Promise.all([hot.compareAndSet(key, 'b', 'c1', 5), hot.compareAndSet(key, 'b', 'c2', 5)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      await hot.del(key);
      await hot.close();
    });
  });
}

contract('memory', () => new MemoryHotState());
if (redisUrl) contract('redis', () => openHotState(redisUrl, `yx-test:${process.pid}:`));

describe('in-process hot state', () => {
  it('forgets a count when its window, started by the first increment, has passed', async () => {
    let now = 0;
    const hot = new MemoryHotState(() => now);
    expect(await hot.increment('k', 1)).toBe(1);
    now = 600;
    expect(await hot.increment('k', 1)).toBe(2);
    // Later increments do not extend the window: it ends 1 s after the first.
    now = 999;
    expect(await hot.increment('k', 1)).toBe(3);
    now = 1000;
    expect(await hot.increment('k', 1)).toBe(1);
  });

  it('forgets expired keys even when nobody reads them again', async () => {
    let now = 0;
    const hot = new MemoryHotState(() => now);
    for (let i = 0; i < 5000; i++) await hot.set(`k${i}`, 'v', 1);
    now = 2000;
    for (let i = 0; i < 5000; i++) await hot.set(`fresh${i}`, 'v', 60);
    expect(hot.size).toBe(5000);
  });
});

describe.runIf(redisUrl)('Redis hot state', () => {
  it('gives a count the window as its expiry at the first increment and never extends it', async () => {
    // Redis expires the key itself; what is ours to check is the expiry set (EXPIRE … NX), without waiting for it.
    const hot = openHotState(redisUrl, `yx-test:${process.pid}:`) as RedisHotState;
    const key = `t:${Math.random()}`;
    const full = `yx-test:${process.pid}:${key}`;
    expect(await hot.increment(key, 1)).toBe(1);
    const ttl = await hot.redis.pttl(full);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
    await hot.redis.pexpire(full, 50_000);
    expect(await hot.increment(key, 1)).toBe(2);
    expect(await hot.redis.pttl(full)).toBeGreaterThan(1000);
    await hot.del(key);
    await hot.close();
  });
});

describe('hot state selection', () => {
  it('is in-process without REDIS_URL', () => {
    expect(openHotState(undefined).kind).toBe('memory');
  });
});
