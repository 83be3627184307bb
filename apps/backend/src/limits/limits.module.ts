import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { configSlice } from '../common/config-slice.js';
import { connectLimitsRedis, FailOpenStorage, LIMITS_REDIS, LimitsRedisCloser } from './limit-store.js';
import { LIMITS_CONFIG, type LimitsConfig, limitsConfigKeys } from './limits.config.js';
import { LoginBackoff } from './login-backoff.js';
import { RateLimitMetrics } from './rate-limit-metrics.js';
import { rateLimitOptions, RateLimitRecorder } from './rate-limits.js';

/** The store connection and the metrics, which the throttler's options are built from. */
@Module({
  providers: [
    configSlice<LimitsConfig>(LIMITS_CONFIG, limitsConfigKeys),
    { provide: LIMITS_REDIS, inject: [LIMITS_CONFIG], useFactory: connectLimitsRedis },
    LimitsRedisCloser,
    RateLimitMetrics,
  ],
  exports: [LIMITS_CONFIG, LIMITS_REDIS, RateLimitMetrics],
})
class LimitsStoreModule {}

/**
 * Request limits (@RateLimited routes) and the login backoff, counted in memory or in Redis
 * (RATE_LIMIT_STORE). Global, so every feature's controllers can use the guard.
 */
@Global()
@Module({
  imports: [
    LimitsStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [LimitsStoreModule],
      inject: [LIMITS_CONFIG, LIMITS_REDIS, RateLimitMetrics],
      useFactory: (config: LimitsConfig, redis: Redis | null, metrics: RateLimitMetrics) =>
        rateLimitOptions(config, redis ? FailOpenStorage.redis(redis, metrics) : undefined),
    }),
  ],
  providers: [RateLimitRecorder, LoginBackoff],
  exports: [RateLimitRecorder, LoginBackoff, LimitsStoreModule],
})
export class LimitsModule {}
