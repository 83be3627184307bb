import { describe, expect, it } from '@jest/globals';
import { loadBackendConfig } from '../config/backend.config.js';

const base = { SERVICE_TOKEN: 'test-service-token-0123456789' };

describe('limit settings', () => {
  it('keeps the counters in memory by default, and in Redis only with a redis:// or rediss:// REDIS_URL', () => {
    expect(loadBackendConfig(base)).toMatchObject({
      RATE_LIMIT_STORE: 'memory',
      LOGIN_BACKOFF_FREE_FAILURES: 3,
      LOGIN_BACKOFF_BASE_SECONDS: 1,
      LOGIN_BACKOFF_MAX_SECONDS: 900,
    });
    expect(() => loadBackendConfig({ ...base, RATE_LIMIT_STORE: 'redis' })).toThrow(/REDIS_URL: is required when RATE_LIMIT_STORE=redis/);
    expect(() => loadBackendConfig({ ...base, RATE_LIMIT_STORE: 'redis', REDIS_URL: 'http://cache:6379' })).toThrow(
      /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(() => loadBackendConfig({ ...base, RATE_LIMIT_STORE: 'postgres' })).toThrow(/RATE_LIMIT_STORE: must be memory or redis/);
    expect(loadBackendConfig({ ...base, RATE_LIMIT_STORE: 'redis', REDIS_URL: 'rediss://:secret@cache.internal:6380/0' }).REDIS_URL).toBe(
      'rediss://:secret@cache.internal:6380/0',
    );
  });

  it('names bad limits and backoff settings', () => {
    expect(() => loadBackendConfig({ ...base, INTAKE_USER_LIMIT: '0' })).toThrow(/INTAKE_USER_LIMIT: must be at least 1/);
    expect(() => loadBackendConfig({ ...base, REFRESH_IP_LIMIT: 'lots' })).toThrow(/REFRESH_IP_LIMIT: must be a number/);
    expect(() => loadBackendConfig({ ...base, LOGIN_BACKOFF_BASE_SECONDS: '60', LOGIN_BACKOFF_MAX_SECONDS: '30' })).toThrow(
      /LOGIN_BACKOFF_MAX_SECONDS: must be at least LOGIN_BACKOFF_BASE_SECONDS \(60\)/,
    );
    expect(() => loadBackendConfig({ ...base, RATE_LIMIT_KEY_PREFIX: 'has space' })).toThrow(/RATE_LIMIT_KEY_PREFIX: must be 1-64 letters/);
  });
});
