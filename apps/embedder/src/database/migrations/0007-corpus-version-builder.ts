import type { Kysely } from 'kysely';

/**
 * Who builds a corpus version (the process identity, so a restarted instance knows which `building` versions
 * its killed predecessor left) and why a build failed: such a version is kept as `failed` with the reason,
 * its partial index and models removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('corpus_version').addColumn('builder', 'text').addColumn('error', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('corpus_version').dropColumn('builder').dropColumn('error').execute();
}
