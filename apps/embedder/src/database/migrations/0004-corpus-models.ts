import { type Kysely, sql } from 'kysely';

/**
 * Corpus-version details for retrieval: which store and encoders built it, how many cases it holds,
 * and the fitted encoder models (BM25 vocabulary/IDF, LSA projection) so every replica encodes
 * queries with exactly the model the version's vectors were built with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('corpus_version')
    .addColumn('store', 'text')
    .addColumn('encoder', 'text')
    .addColumn('case_count', 'integer')
    .addColumn('build_ms', 'jsonb')
    .execute();
  await db.schema
    .createTable('corpus_model')
    .addColumn('version_id', 'text', (c) => c.notNull().references('corpus_version.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('corpus_model_pkey', ['version_id', 'name'])
    .execute();
  // At most one active version: the switch is one transaction and the database enforces it.
  await sql`create unique index corpus_version_one_active on corpus_version (state) where state = 'active'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists corpus_version_one_active`.execute(db);
  await db.schema.dropTable('corpus_model').execute();
  await db.schema
    .alterTable('corpus_version')
    .dropColumn('store')
    .dropColumn('encoder')
    .dropColumn('case_count')
    .dropColumn('build_ms')
    .execute();
}
