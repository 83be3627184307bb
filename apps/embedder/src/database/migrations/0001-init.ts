import type { Kysely } from 'kysely';

/** Corpus versions: each re-index builds a new one beside the old, then switches atomically. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('corpus_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('activated_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corpus_version').execute();
}
