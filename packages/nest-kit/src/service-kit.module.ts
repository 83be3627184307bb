import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ShutdownState } from './lifecycle/shutdown-state.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';

export interface ServiceKitOptions {
  service: string;
  logLevel: string;
  metricsPort: number;
  logDestination?: NodeJS.WritableStream;
}

/** Logging, metrics and lifecycle state for one service instance. */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [
        LoggingModule.forRoot({ service: options.service, level: options.logLevel, destination: options.logDestination }),
        MetricsModule.forRoot({ service: options.service, port: options.metricsPort }),
      ],
      providers: [ShutdownState],
      exports: [ShutdownState, LoggingModule, MetricsModule],
    };
  }
}
