import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { configSlice } from '../common/config-slice.js';
import { type OnCallConfig, onCallConfigKeys } from './oncall.config.js';
import { createOnCallChannels, OnCallNotifier } from './oncall.notifier.js';
import { RedFlagMetrics } from './red-flag-metrics.js';

const ONCALL_CONFIG = Symbol('ONCALL_CONFIG');

/** The on-call channel for red flags and the red-flag metrics (used by EncountersService). */
@Module({
  providers: [
    RedFlagMetrics,
    configSlice<OnCallConfig>(ONCALL_CONFIG, onCallConfigKeys),
    {
      provide: OnCallNotifier,
      // Without ONCALL_APP_URL the link points at the first browser origin the backend serves.
      useFactory: (config: OnCallConfig) =>
        new OnCallNotifier(
          createOnCallChannels(config),
          config.ONCALL_APP_URL ?? config.CORS_ORIGINS[0] ?? 'http://localhost:8080',
          config.ONCALL_ALERT_WAIT_MS,
        ),
      inject: [ONCALL_CONFIG],
    },
  ],
  exports: [RedFlagMetrics, OnCallNotifier],
})
export class OnCallModule implements OnApplicationShutdown {
  constructor(@Inject(OnCallNotifier) private readonly notifier: OnCallNotifier) {}
  onApplicationShutdown(): void {
    this.notifier.close();
  }
}
