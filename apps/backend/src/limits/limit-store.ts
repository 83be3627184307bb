import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { errorLogFields } from '@patientinsight/nest-kit';
import { Redis } from 'ioredis';
import type { LimitsConfig } from './limits.config.js';
import { RateLimitMetrics } from './rate-limit-metrics.js';

/** The Redis connection the limits share with every replica, or null with RATE_LIMIT_STORE=memory. */
export const LIMITS_REDIS = Symbol('LIMITS_REDIS');

/**
 * Connects at boot, so a wrong REDIS_URL or an unreachable Redis stops the start with a clear error.
 * Afterwards a command fails at once while the connection is down (no offline queue, one try, a
 * short timeout) instead of holding requests, and the client reconnects by itself.
 */
export async function connectLimitsRedis(config: LimitsConfig): Promise<Redis | null> {
  if (config.RATE_LIMIT_STORE !== 'redis') return null;
  const logger = new Logger('RateLimitStore');
  const client = new Redis(config.REDIS_URL as string, {
    keyPrefix: config.RATE_LIMIT_KEY_PREFIX,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 5000,
  });
  let up = false;
  // Every reconnect attempt emits an error: log only the change of state, and never the URL (it may hold a password).
  client.on('error', (error: unknown) => {
    if (up) logger.warn({ ...errorLogFields(error) }, 'rate-limit store unreachable: limits are not enforced until it is back');
    up = false;
  });
  client.on('ready', () => {
    if (!up) logger.log('rate-limit store connected');
    up = true;
  });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const { errorClass, errorCode } = errorLogFields(error);
    throw new Error(`RATE_LIMIT_STORE=redis: cannot reach REDIS_URL (${errorCode ?? errorClass})`);
  }
  return client;
}

/** Closes the shared connection when the app stops. */
@Injectable()
export class LimitsRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(LIMITS_REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const NOT_COUNTED: ThrottlerStorageRecord = { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };

/**
 * The throttler's counters in Redis (@nest-lab/throttler-storage-redis: one Lua script per hit), or
 * in memory. When Redis fails, the request is let through and counted in
 * rate_limit_store_errors_total: an outage of the limits' store must not take login and records down.
 */
export class FailOpenStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimitStore');
  private lastWarning = 0;

  constructor(
    private readonly inner: ThrottlerStorage,
    private readonly metrics: RateLimitMetrics,
  ) {}

  static redis(redis: Redis, metrics: RateLimitMetrics): FailOpenStorage {
    return new FailOpenStorage(new ThrottlerStorageRedisService(redis), metrics);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      return await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.metrics.storeErrors.inc();
      // One line a minute at most: a down store would otherwise log once per request.
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ ...errorLogFields(error), limit: throttlerName }, 'rate-limit store failed: request let through');
      }
      return NOT_COUNTED;
    }
  }
}
