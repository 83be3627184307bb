import { type Kysely, sql } from 'kysely';

/**
 * Refresh-token families. A session is one family: `sessions.refresh_token_hash` is its current
 * token, and every token it rotated away from is kept in `session_refresh_history`, so presenting
 * ANY of them again ends the family (not only the last one, as 0007's single column did). A
 * rotated token also keeps its successor, sealed with a key only the old token's holder can
 * derive, for a short grace window in which a concurrent refresh gets the same new token.
 * `absolute_expires_at` caps the sliding refresh: a session ends then whatever its use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_refresh_history')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('rotated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('successor_hash', 'text', (c) => c.notNull())
    .addColumn('successor_sealed', 'text')
    .execute();
  await db.schema.createIndex('session_refresh_history_session_idx').on('session_refresh_history').column('session_id').execute();
  await sql`insert into session_refresh_history (token_hash, session_id, rotated_at, successor_hash)
            select previous_refresh_hash, id, last_used_at, refresh_token_hash from sessions where previous_refresh_hash is not null`.execute(
    db,
  );
  await db.schema.dropIndex('sessions_previous_refresh_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('previous_refresh_hash').execute();
  // Sessions that exist already end no later than their current expiry.
  await db.schema.alterTable('sessions').addColumn('absolute_expires_at', 'timestamptz').execute();
  await sql`update sessions set absolute_expires_at = expires_at`.execute(db);
  await sql`alter table sessions alter column absolute_expires_at set not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('absolute_expires_at').execute();
  await db.schema.alterTable('sessions').addColumn('previous_refresh_hash', 'text').execute();
  await db.schema.createIndex('sessions_previous_refresh_idx').on('sessions').column('previous_refresh_hash').execute();
  await db.schema.dropTable('session_refresh_history').execute();
}
