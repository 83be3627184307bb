import { type Kysely, sql } from 'kysely';

/** Patient profiles, versioned: every save is a new row; the current profile is the highest version. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('profile_versions')
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_versions_pk', ['patient_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('profile_versions').execute();
}
