import { type Kysely, sql } from 'kysely';

/**
 * Encounters (intake conversation, summary, triage, report, review) and their history. The current
 * state lives on `encounters`; every change also appends an `encounter_events` row with what changed,
 * so the history of status, notes and prescription can be replayed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('encounters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'in_review', 'released', 'returned')`),
    )
    .addColumn('profile_version', 'integer')
    .addColumn('conversation', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('summary', 'jsonb')
    .addColumn('triage', 'jsonb')
    .addColumn('urgent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('report', 'jsonb')
    // Reproducibility of the report: which model, prompt, corpus and retrieval parameters made it.
    .addColumn('report_model', 'text')
    .addColumn('report_prompt_version', 'text')
    .addColumn('report_corpus_version', 'text')
    .addColumn('report_meta', 'jsonb')
    .addColumn('report_generated_at', 'timestamptz')
    .addColumn('claimed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('doctor_notes', 'text')
    .addColumn('prescription', 'jsonb')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('released_at', 'timestamptz')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('encounters_patient_idx').on('encounters').columns(['patient_id', 'created_at']).execute();
  await db.schema.createIndex('encounters_queue_idx').on('encounters').columns(['status', 'urgent', 'submitted_at']).execute();

  await db.schema
    .createTable('encounter_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('encounter_id', 'uuid', (c) => c.notNull().references('encounters.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_role', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('data', 'jsonb')
    .execute();
  await db.schema.createIndex('encounter_events_encounter_idx').on('encounter_events').columns(['encounter_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('encounter_events').execute();
  await db.schema.dropTable('encounters').execute();
}
