import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the limit suites use (scripts/ensure-redis.sh starts one there on a fresh box); `none` skips them. */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
export const redisTestsEnabled = REDIS_TEST_URL !== 'none';
if (!redisTestsEnabled) console.warn('[redis] REDIS_TEST_URL=none: the Redis limit suites are SKIPPED');

/** A key prefix of its own per test run, so runs never see each other's counters; `clear` deletes its keys. */
export function testRedisPrefix(): { prefix: string; clear(): Promise<void> } {
  const prefix = `pi-test:${randomBytes(6).toString('hex')}:`;
  return {
    prefix,
    clear: async () => {
      const redis = new Redis(REDIS_TEST_URL, { lazyConnect: true });
      await redis.connect();
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
