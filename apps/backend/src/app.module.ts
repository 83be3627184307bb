import { type DynamicModule, Module } from '@nestjs/common';
import { type BackendAppOptions, infrastructureModules } from './app.infrastructure.js';
import type { BackendConfig } from './config/backend.config.js';
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
import { UserAccountsModule } from './users/user-accounts.module.js';
import { IngestionRelayModule } from './ingestion-relay/ingestion-relay.module.js';

export type { BackendAppOptions } from './app.infrastructure.js';

@Module({})
export class AppModule {
  /** The whole backend for an already-validated config (main.ts and tests build it the same way). */
  static forRoot(config: BackendConfig, options: BackendAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...infrastructureModules(config, options),
        EmbedderModule,
        HealthModule,
        AuditModule,
        UserAccountsModule,
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
