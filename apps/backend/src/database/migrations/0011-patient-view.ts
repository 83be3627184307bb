import { type Kysely, sql } from 'kysely';

/**
 * Two readers, two views: what the doctor writes for the patient (a message, plain next steps; the
 * notes column stays the notes for the patient), notes for clinicians only, the report's cases the
 * doctor shares and the ones rated not useful (never shown to the patient), and the last failed report
 * generation, so a doctor can see it and regenerate.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('encounters')
    .addColumn('patient_message', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('private_notes', 'text')
    .addColumn('shared_case_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('hidden_case_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('report_failure', 'jsonb')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('encounters')
    .dropColumn('patient_message')
    .dropColumn('next_steps')
    .dropColumn('private_notes')
    .dropColumn('shared_case_ids')
    .dropColumn('hidden_case_ids')
    .dropColumn('report_failure')
    .execute();
}
