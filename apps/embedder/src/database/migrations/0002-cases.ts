import { type Kysely, sql } from 'kysely';

/**
 * The case store: the source of truth the index is built from. Ingestion writes rows (staged until
 * their job is promoted); a corpus version indexes every live case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_record')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('pmid', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('age', 'double precision')
    .addColumn('sex', 'text')
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull()) // staged | live
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_record_text_hash_key').unique().on('case_record').column('text_hash').execute();
  await db.schema.createIndex('case_record_job_state_idx').on('case_record').columns(['job_id', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_record').execute();
}
