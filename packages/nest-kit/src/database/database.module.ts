import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Migration } from 'kysely/migration';
import { type Database, type DatabaseOptions, migrateToLatest, openDatabase } from './database.js';

/** Injection token of the service's `Database<DB>` handle. */
export const DATABASE = Symbol('DATABASE');

export interface DatabaseModuleOptions extends DatabaseOptions {
  migrations: Record<string, Migration>;
  /** Run migrations at start (default). Off when a Kubernetes Job runs the migrate command instead. */
  migrateOnStart?: boolean;
}

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database<unknown>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/** Opens the service's database once, migrates it, and closes it last on shutdown. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATABASE,
          useFactory: async () => {
            const database = await openDatabase(options);
            if (options.migrateOnStart !== false) await migrateToLatest(database.db, options.migrations, { schema: options.schema });
            return database;
          },
        },
        DatabaseCloser,
      ],
      exports: [DATABASE],
    };
  }
}
