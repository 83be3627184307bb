import { describe, expect, it } from '@jest/globals';
import { openTestDatabase, testDrivers } from '@patientinsight/nest-kit/testing';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { BackendDb } from './backend-db.js';
import { backendMigrations } from './migrations/index.js';

describe.each(testDrivers())('0009 session families on %s', (driver) => {
  it('moves a session’s previous refresh token into the family history and caps existing sessions at their expiry', async () => {
    const database = await openTestDatabase<BackendDb>(driver);
    try {
      const migrator = new Migrator({
        db: database.db,
        provider: { getMigrations: async () => backendMigrations },
        migrationTableSchema: database.options.schema,
      });
      expect((await migrator.migrateTo('0008-red-flag-alerts')).error).toBeUndefined();
      // Raw SQL: at 0008 the table types of backend-db.ts (the latest schema) do not hold yet.
      const db = database.db;
      const [user] = (
        await sql<{
          id: string;
        }>`insert into users (email, password_hash, role, display_name) values ('m@example.test', 'x', 'patient', 'M') returning id`.execute(
          db,
        )
      ).rows;
      const expires = new Date(Date.now() + 3_600_000);
      await sql`insert into sessions (user_id, refresh_token_hash, previous_refresh_hash, expires_at) values (${user?.id}, 'current-hash', 'previous-hash', ${expires}), (${user?.id}, 'fresh-hash', null, ${expires})`.execute(
        db,
      );

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const history = await database.db.selectFrom('session_refresh_history').selectAll().execute();
      expect(history.map((h) => [h.token_hash, h.successor_hash, h.successor_sealed])).toEqual([['previous-hash', 'current-hash', null]]);
      const sessions = await database.db
        .selectFrom('sessions')
        .select(['refresh_token_hash', 'expires_at', 'absolute_expires_at'])
        .orderBy('refresh_token_hash')
        .execute();
      expect(sessions.map((s) => s.absolute_expires_at.getTime())).toEqual(sessions.map((s) => s.expires_at.getTime()));

      expect((await migrator.migrateTo('0008-red-flag-alerts')).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
