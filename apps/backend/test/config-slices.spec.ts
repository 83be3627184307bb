import { describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { AUTH_CONFIG, type AuthConfig, authConfigKeys } from '../src/auth/auth.config.js';
import { loadBackendConfig } from '../src/config/backend.config.js';
import { LIMITS_CONFIG, type LimitsConfig, limitsConfigKeys } from '../src/limits/limits.config.js';
import { OnCallNotifier } from '../src/oncall/oncall.notifier.js';
import { OnCallModule } from '../src/oncall/oncall.module.js';
import { RedFlagMetrics } from '../src/oncall/red-flag-metrics.js';
import { configSlice } from '../src/common/config-slice.js';

const loaded = loadBackendConfig({
  SERVICE_TOKEN: 'a-service-token-of-length',
  LOGIN_IP_LIMIT: '7',
  ACCESS_TOKEN_TTL_SECONDS: '600',
  ONCALL_ALERT_WAIT_MS: '1234',
});
const configModule = ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => loaded] });

@Module({ providers: [configSlice<LimitsConfig>(LIMITS_CONFIG, limitsConfigKeys), configSlice<AuthConfig>(AUTH_CONFIG, authConfigKeys)] })
class SlicesModule {}

describe('configSlice', () => {
  it('gives a module its own settings, as loaded and validated, and none of the others', async () => {
    const app = await Test.createTestingModule({ imports: [configModule, SlicesModule] }).compile();
    const limits = app.get<LimitsConfig>(LIMITS_CONFIG);
    expect(limits.LOGIN_IP_LIMIT).toBe(7);
    expect(limits.RATE_LIMIT_STORE).toBe('memory');
    expect(Object.keys(limits).sort()).toEqual([...limitsConfigKeys].sort());
    expect(limits).not.toHaveProperty('SERVICE_TOKEN');
    const auth = app.get<AuthConfig>(AUTH_CONFIG);
    expect(auth.ACCESS_TOKEN_TTL_SECONDS).toBe(600);
    expect(auth).not.toHaveProperty('LOGIN_IP_LIMIT');
    await app.close();
  });

  it('carries ONCALL_ALERT_WAIT_MS from the on-call slice to the notifier encounters waits on', async () => {
    const app = await Test.createTestingModule({ imports: [configModule, OnCallModule] })
      .overrideProvider(RedFlagMetrics)
      .useValue({})
      .compile();
    expect(app.get(OnCallNotifier).alertWaitMs).toBe(1234);
    await app.close();
  });
});
