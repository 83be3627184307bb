import { type Kysely, sql } from 'kysely';

/**
 * Case texts are stored uncompressed (still out of line): every corpus build reads every text twice and
 * ingestion writes each once, and pglz compression/decompression was a fifth of that time on PGlite
 * (50k sample cases: insert 5.5 → 4.1 s, full read 2.0 → 1.6 s), for a table that is a few hundred MB.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_record alter column text set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_record alter column text set storage extended`.execute(db);
}
