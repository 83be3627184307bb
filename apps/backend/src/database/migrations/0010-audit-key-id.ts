import { type Kysely, sql } from 'kysely';

/**
 * The audit chain becomes an HMAC chain: each new row names the key that chained it (`key_id`;
 * the key itself lives in a Secret, never here). Rows written before keep key_id null and their
 * SHA-256 hashes: they are not re-chained (that would need the key inside the migration and a
 * rewrite of an append-only table); the verifier accepts them only as the chain's prefix, and the
 * first signed checkpoint pins them. ADD COLUMN rewrites no row, so the append-only trigger stays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column key_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log drop column key_id`.execute(db);
}
