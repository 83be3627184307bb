import type { Kysely } from 'kysely';

/** When an uploaded job's file was deleted (its job ended, or UPLOAD_RETENTION_HOURS passed): a retry can no longer read it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingestion_job').addColumn('upload_removed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingestion_job').dropColumn('upload_removed_at').execute();
}
