import { describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@patientinsight/nest-kit';
import { openTestDatabase, testDrivers } from '@patientinsight/nest-kit/testing';
import { sql } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import type { BackendDb } from './backend-db.js';
import { backendMigrations } from './migrations/index.js';

describe.each(testDrivers())('backend migrations on %s', (driver) => {
  it('run from an empty database, back down to empty, and up again', async () => {
    const database = await openTestDatabase<BackendDb>(driver);
    try {
      const first = await migrateToLatest(database.db, backendMigrations, { schema: database.options.schema });
      expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual(
        Object.keys(backendMigrations).map((name) => [name, 'Success']),
      );
      // Introspection lists every schema; other suites' schemas share the PostgreSQL database.
      const ours = async () =>
        (await database.db.introspection.getTables()).filter((t) => t.schema === (database.options.schema ?? 'public')).map((t) => t.name);
      const tables = await ours();
      expect(tables).toEqual(
        expect.arrayContaining(['audit_log', 'encounter_events', 'encounters', 'feedback', 'profile_versions', 'sessions', 'users']),
      );

      const migrator = new Migrator({
        db: database.db,
        provider: { getMigrations: async () => backendMigrations },
        migrationTableSchema: database.options.schema,
      });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      const left = await ours();
      expect(left.filter((name) => !name.startsWith('kysely_'))).toEqual([]);

      const again = await migrateToLatest(database.db, backendMigrations, { schema: database.options.schema });
      expect(again.results).toHaveLength(Object.keys(backendMigrations).length);
      await expect(sql`select count(*) from audit_log`.execute(database.db)).resolves.toBeDefined();
    } finally {
      await database.close();
    }
  });
});
