import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { DatabaseModule, ServiceKitModule } from '@patientinsight/nest-kit';
import { ServiceTokenGuard } from './auth/service-token.guard.js';
import { configSlices, type EmbedderConfig } from './config/embedder.config.js';
import { embedderMigrations } from './database/migrations/index.js';
import { HealthModule } from './health/health.module.js';
import { IngestionModule } from './ingestion/ingestion.module.js';
import { CasesModule } from './cases/cases.module.js';
import { CorpusModule } from './corpus/corpus.module.js';
import { SearchModule } from './search/search.module.js';

export interface EmbedderAppOptions {
  /** Where JSON logs go; tests capture them. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule {
  /** The whole embedder for an already-validated config (main.ts and tests build it the same way). */
  static forRoot(config: EmbedderConfig, options: EmbedderAppOptions = {}): DynamicModule {
    const slices = configSlices(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => config] }),
        ServiceKitModule.forRoot({
          service: 'embedder',
          logLevel: config.LOG_LEVEL,
          metricsPort: config.METRICS_PORT,
          logDestination: options.logDestination,
        }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: config.DATABASE_SCHEMA,
          dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pg`,
          migrations: embedderMigrations,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
        HealthModule,
        IngestionModule.forRoot(slices.ingestion),
        CorpusModule.forRoot(slices.corpus),
        SearchModule.forRoot(slices.search),
        CasesModule,
      ],
      providers: [
        {
          provide: APP_GUARD,
          useFactory: (reflector: Reflector) => new ServiceTokenGuard(reflector, config.SERVICE_TOKEN),
          inject: [Reflector],
        },
      ],
    };
  }
}
