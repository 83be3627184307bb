import type { Kysely } from 'kysely';

/** How a job's cases were indexed (issue 24): appended to the active version or a refit, with the reason and the figures. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingestion_job').addColumn('indexing', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingestion_job').dropColumn('indexing').execute();
}
