import { type Kysely, sql } from 'kysely';

/**
 * Ingestion jobs (the durable queue: a worker leases a job with SELECT … FOR UPDATE SKIP LOCKED and
 * every batch commit is fenced by that lease), the rows that did not become cases (rejected or
 * duplicate, with field and reason), and the per-job statistics profile and drift report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ingestion_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull()) // ingest | index | done
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_uri', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('column_mapping', 'jsonb')
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_duplicate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_indexed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missing_counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('stage_ms', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('processing_ms', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('approved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('profile', 'jsonb')
    .addColumn('reference_profile', 'jsonb')
    .addColumn('drift', 'jsonb')
    .addColumn('decision', 'jsonb')
    .addColumn('corpus_version', 'text')
    .addColumn('error', 'text')
    .addColumn('notified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('ingestion_job_state_idx').on('ingestion_job').columns(['state', 'created_at']).execute();

  await db.schema
    .createTable('ingestion_row')
    .addColumn('job_id', 'text', (c) => c.notNull().references('ingestion_job.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer')
    .addColumn('case_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull()) // rejected | duplicate
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingestion_row_pkey', ['job_id', 'row_number'])
    .execute();
  await db.schema.createIndex('ingestion_row_outcome_idx').on('ingestion_row').columns(['job_id', 'outcome', 'row_number']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ingestion_row').execute();
  await db.schema.dropTable('ingestion_job').execute();
}
