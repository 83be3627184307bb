import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { LIMITS_CONFIG, type LimitsConfig } from './limits.config.js';
import { LIMITS_REDIS } from './limit-store.js';
import { RateLimitMetrics } from './rate-limit-metrics.js';
import { clientAddress, LIMIT_KINDS, RateLimitRecorder } from './rate-limits.js';

/** How long a client's failures are remembered after its last one. */
const FORGET_AFTER_MS = 24 * 3600_000;

export interface BackoffPolicy {
  /** Failures answered without a wait. */
  free: number;
  baseMs: number;
  maxMs: number;
}

/** The wait that the n-th failure in a row starts: none for the free ones, then base, doubled each time, capped. */
export function backoffWait(failures: number, policy: BackoffPolicy): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - policy.free - 1, 40));
}

/** Where failures and waits live: the process, or Redis for every replica. */
export interface BackoffStore {
  /** Milliseconds until this client may try again (0: now). */
  waitLeft(key: string): Promise<number>;
  /** Counts a failure and starts its wait; returns the wait in milliseconds. */
  fail(key: string, policy: BackoffPolicy): Promise<number>;
  reset(key: string): Promise<void>;
}

/** Bounds the memory a flood of distinct clients can take (the oldest entries go first). */
const MAX_MEMORY_KEYS = 100_000;

export class MemoryBackoffStore implements BackoffStore {
  private readonly entries = new Map<string, { failures: number; until: number; forgetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async waitLeft(key: string): Promise<number> {
    const entry = this.live(key);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  async fail(key: string, policy: BackoffPolicy): Promise<number> {
    const failures = (this.live(key)?.failures ?? 0) + 1;
    const wait = backoffWait(failures, policy);
    this.entries.delete(key);
    if (this.entries.size >= MAX_MEMORY_KEYS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { failures, until: this.now() + wait, forgetAt: this.now() + wait + FORGET_AFTER_MS });
    return wait;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.forgetAt <= this.now()) this.entries.delete(key);
    return entry && entry.forgetAt > this.now() ? entry : undefined;
  }
}

/**
 * Two keys per client: the failure count (forgotten a day after the last failure) and the wait, a
 * key that expires when the wait is over, so no replica's clock is involved. One script per failure
 * keeps the count and the wait consistent when replicas see failures at once.
 */
const FAIL_SCRIPT = `
local failures = redis.call('INCR', KEYS[1])
local free = tonumber(ARGV[1])
local wait = 0
if failures > free then
  wait = math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ math.min(failures - free - 1, 40))
end
redis.call('PEXPIRE', KEYS[1], math.floor(wait) + tonumber(ARGV[4]))
if wait > 0 then redis.call('SET', KEYS[2], '1', 'PX', math.floor(wait)) end
return math.floor(wait)
`;

export class RedisBackoffStore implements BackoffStore {
  constructor(private readonly redis: Redis) {}

  async waitLeft(key: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(`backoff:{${key}}:wait`));
  }

  async fail(key: string, policy: BackoffPolicy): Promise<number> {
    const wait = await this.redis.eval(
      FAIL_SCRIPT,
      2,
      `backoff:{${key}}:failures`,
      `backoff:{${key}}:wait`,
      policy.free,
      policy.baseMs,
      policy.maxMs,
      FORGET_AFTER_MS,
    );
    return Number(wait);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`backoff:{${key}}:failures`, `backoff:{${key}}:wait`);
  }
}

/**
 * Exponential backoff on login per client, keyed by client IP and account together: each failed
 * attempt from that address for that account doubles its wait, a success resets it, and a
 * different address is not held up, so a stranger cannot lock the owner out. A waiting client is
 * answered 429 with Retry-After before its password is checked. The per-IP login limit still caps
 * how many accounts one address can try.
 */
@Injectable()
export class LoginBackoff {
  private readonly store: BackoffStore;
  private readonly policy: BackoffPolicy;

  constructor(
    @Inject(LIMITS_CONFIG) config: LimitsConfig,
    @Inject(LIMITS_REDIS) redis: Redis | null,
    private readonly recorder: RateLimitRecorder,
    private readonly metrics: RateLimitMetrics,
  ) {
    this.store = redis ? new RedisBackoffStore(redis) : new MemoryBackoffStore();
    this.policy = {
      free: config.LOGIN_BACKOFF_FREE_FAILURES,
      baseMs: config.LOGIN_BACKOFF_BASE_SECONDS * 1000,
      maxMs: config.LOGIN_BACKOFF_MAX_SECONDS * 1000,
    };
  }

  /** Runs the login unless this client must wait; a failure `isFailure` recognises starts or doubles the wait. */
  async attempt<T>(
    req: Request,
    res: Response,
    email: string,
    login: () => Promise<T>,
    isFailure: (error: unknown) => boolean,
  ): Promise<T> {
    const key = createHash('sha256')
      .update(`${clientAddress(req)}\n${email.trim().toLowerCase()}`)
      .digest('hex');
    const left = await this.safely(() => this.store.waitLeft(key), 0);
    if (left > 0) throw await this.recorder.refuse(req, res, 'login-backoff', key, left / 1000, LIMIT_KINDS.login.message);
    let result: T;
    try {
      result = await login();
    } catch (error) {
      if (isFailure(error)) await this.safely(() => this.store.fail(key, this.policy), 0);
      throw error;
    }
    await this.safely(() => this.store.reset(key), undefined);
    return result;
  }

  /** Like the throttler's store (FailOpenStorage): a failing store lets the login through and is counted. */
  private async safely<T>(step: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await step();
    } catch {
      this.metrics.storeErrors.inc();
      return fallback;
    }
  }
}
