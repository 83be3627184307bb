import type { Kysely } from 'kysely';

/**
 * The refresh token a session had before its last rotation. If that old token is ever presented
 * again, someone kept a copy (the legitimate client already holds the new one): the session ends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('previous_refresh_hash', 'text').execute();
  await db.schema.createIndex('sessions_previous_refresh_idx').on('sessions').column('previous_refresh_hash').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_previous_refresh_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('previous_refresh_hash').execute();
}
