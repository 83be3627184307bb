import { type Kysely, sql } from 'kysely';

/**
 * A doctor's rating of a report (case_id = '') or of one cited case, kept for evaluation. One current
 * rating per doctor and target; saving again replaces it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feedback')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('encounter_id', 'uuid', (c) => c.notNull().references('encounters.id').onDelete('cascade'))
    .addColumn('doctor_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target in ('report', 'case')`))
    .addColumn('case_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('useful', 'boolean', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('feedback_one_per_target', ['encounter_id', 'doctor_id', 'target', 'case_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback').execute();
}
