import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DatabaseModule, ServiceKitModule } from '@patientinsight/nest-kit';
import type { BackendConfig } from './config/backend.config.js';
import { backendMigrations } from './database/migrations/index.js';
import { EmbedderModule } from './embedder/embedder.module.js';
import { HealthModule } from './health/health.module.js';
import { IntakeModule } from './intake/intake.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { EncountersModule } from './encounters/encounters.module.js';
import { ProfilesModule } from './profiles/profiles.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { UsersModule } from './users/users.module.js';
import { IngestionRelayModule } from './ingestion-relay/ingestion-relay.module.js';

export interface BackendAppOptions {
  /** Where JSON logs go; tests capture them. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule {
  /** The whole backend for an already-validated config (main.ts and tests build it the same way). */
  static forRoot(config: BackendConfig, options: BackendAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => config] }),
        ServiceKitModule.forRoot({ service: 'backend', logLevel: config.LOG_LEVEL, metricsPort: config.METRICS_PORT, logDestination: options.logDestination }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: config.DATABASE_SCHEMA,
          dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pg`,
          migrations: backendMigrations,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
        EmbedderModule,
        HealthModule,
        AuditModule,
        AuthModule,
        ProfilesModule,
        EncountersModule,
        UsersModule,
        FeedbackModule,
        IngestionRelayModule,
        ReportsModule,
        IntakeModule,
      ],
    };
  }
}
