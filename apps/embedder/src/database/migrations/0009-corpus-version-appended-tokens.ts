import type { Kysely } from 'kysely';

/**
 * Tokens of the cases appended to a version since its fit, and how many of them its vocabulary does not know:
 * the running totals CORPUS_REFIT_UNKNOWN_TOKEN_SHARE is checked against. A fit starts a new version row, so at 0.
 * double precision: counts stay exact far past an integer's 2^31 and pg reads them as numbers, not strings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('corpus_version')
    .addColumn('appended_tokens', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('appended_unknown_tokens', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('corpus_version').dropColumn('appended_tokens').dropColumn('appended_unknown_tokens').execute();
}
