import type { Kysely } from 'kysely';

/**
 * The ETag of the S3 object a job was started for by an object-created notification: one job per
 * (source_uri, source_etag), so a redelivered notification never ingests the object twice. Jobs created
 * through the API keep a null ETag, and nulls never conflict.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingestion_job').addColumn('source_etag', 'text').execute();
  await db.schema
    .createIndex('ingestion_job_source_object_key')
    .on('ingestion_job')
    .columns(['source_uri', 'source_etag'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ingestion_job_source_object_key').execute();
  await db.schema.alterTable('ingestion_job').dropColumn('source_etag').execute();
}
