import { type Kysely, sql } from 'kysely';

/**
 * Case texts are stored uncompressed (still out of line): every corpus build reads every text twice and
 * ingestion writes each once, and pglz compression/decompression was a large share of that time on
 * PGlite, for a table that is a few hundred MB (measured: docs/benchmarks.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_record alter column text set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_record alter column text set storage extended`.execute(db);
}
