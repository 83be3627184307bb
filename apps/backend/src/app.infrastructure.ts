import type { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DatabaseModule, ServiceKitModule } from '@patientinsight/nest-kit';
import type { BackendConfig } from './config/backend.config.js';
import { backendMigrations } from './database/migrations/index.js';

export interface BackendAppOptions {
  /** Where JSON logs go; tests capture them. */
  logDestination?: NodeJS.WritableStream;
}

/**
 * What every backend context stands on: the validated config, logs and metrics, the database. The HTTP app
 * (app.module.ts) and the commands in cli/ put their feature modules on top of it.
 */
export function infrastructureModules(config: BackendConfig, options: BackendAppOptions = {}): (DynamicModule | Promise<DynamicModule>)[] {
  return [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => config] }),
    ServiceKitModule.forRoot({
      service: 'backend',
      logLevel: config.LOG_LEVEL,
      metricsPort: config.METRICS_PORT,
      logDestination: options.logDestination,
    }),
    DatabaseModule.forRoot({
      url: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pg`,
      migrations: backendMigrations,
      migrateOnStart: config.MIGRATE_ON_START,
    }),
  ];
}
