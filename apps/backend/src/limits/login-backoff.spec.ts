import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { REDIS_TEST_URL, redisTestsEnabled, testRedisPrefix } from '../../test/support/test-redis.js';
import { backoffWait, MemoryBackoffStore, RedisBackoffStore } from './login-backoff.js';

const policy = { free: 3, baseMs: 1000, maxMs: 60_000 };

describe('backoffWait', () => {
  it('waits nothing for the free failures, then doubles from the base up to the cap', () => {
    expect(Array.from({ length: 12 }, (_, i) => backoffWait(i + 1, policy))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(backoffWait(10_000, policy)).toBe(60_000);
    expect(backoffWait(1, { free: 0, baseMs: 500, maxMs: 900_000 })).toBe(500);
  });
});

describe('MemoryBackoffStore', () => {
  it('makes a client wait after its free failures, doubling per failure; a success resets it; another key is untouched', async () => {
    let now = 0;
    const store = new MemoryBackoffStore(() => now);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      waits.push(await store.fail('a', policy));
      now += waits.at(-1) ?? 0;
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000]);
    expect(await store.waitLeft('a')).toBe(0);
    await store.fail('a', policy);
    expect(await store.waitLeft('a')).toBe(4000);
    now += 1500;
    expect(await store.waitLeft('a')).toBe(2500);
    expect(await store.waitLeft('b')).toBe(0);
    await store.reset('a');
    expect(await store.waitLeft('a')).toBe(0);
    expect(await store.fail('a', policy)).toBe(0);
  });

  it('forgets a client a day after its last failure', async () => {
    let now = 0;
    const store = new MemoryBackoffStore(() => now);
    for (let i = 0; i < 4; i++) await store.fail('a', policy);
    now += 24 * 3600_000 + 1001;
    expect(await store.fail('a', policy)).toBe(0);
  });
});

(redisTestsEnabled ? describe : describe.skip)('RedisBackoffStore', () => {
  const keys = testRedisPrefix();
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(REDIS_TEST_URL, { keyPrefix: keys.prefix, lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    redis?.disconnect();
    await keys.clear();
  });

  it('keeps the count and the wait in Redis (what every replica reads), doubling per failure, reset by a success', async () => {
    const store = new RedisBackoffStore(redis);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) waits.push(await store.fail('client-a', policy));
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    const left = await store.waitLeft('client-a');
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(8000);
    // A second connection (another replica) sees the same wait.
    const other = new Redis(REDIS_TEST_URL, { keyPrefix: keys.prefix });
    try {
      expect(await new RedisBackoffStore(other).waitLeft('client-a')).toBeGreaterThan(0);
    } finally {
      other.disconnect();
    }
    expect(await store.waitLeft('client-b')).toBe(0);
    // The failure count is forgotten a day after the last failure, the wait when it is over.
    expect(await redis.pttl('backoff:{client-a}:failures')).toBeGreaterThan(24 * 3600_000);
    await store.reset('client-a');
    expect(await store.waitLeft('client-a')).toBe(0);
    expect(await store.fail('client-a', policy)).toBe(0);
  });
});
