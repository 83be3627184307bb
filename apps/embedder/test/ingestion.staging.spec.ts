import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@patientinsight/nest-kit';
import { openTestDatabase, testDrivers } from '@patientinsight/nest-kit/testing';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { EmbedderDb } from '../src/database/embedder-db.js';
import { embedderMigrations } from '../src/database/migrations/index.js';
import { IngestionRepository } from '../src/ingestion/ingestion.repository.js';
import { dedupeBatch, type HashedCase } from '../src/ingestion/stages/dedupe.js';
import { batchOf, hashedCase } from './support/staged-cases.js';

const hashed = (row: number, values: Partial<HashedCase> = {}) => hashedCase(row, 'stage', values);
const batch = batchOf;

/** Counts the INSERT statements into case_record: on PGlite the cases go in with one COPY unless it fails. */
function insertCounter(): KyselyPlugin & { inserts: number } {
  const counter = {
    inserts: 0,
    transformQuery({ node }: PluginTransformQueryArgs) {
      if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'case_record') counter.inserts += 1;
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs) => result,
  };
  return counter;
}

// How a batch's new cases are written (COPY on PGlite, INSERT otherwise): every value stored as given, and a case
// another job stored after the dedupe is reported, not lost and not failing the batch.
describe.each(testDrivers())('staging cases on %s', (driver) => {
  let database: Awaited<ReturnType<typeof openTestDatabase<EmbedderDb>>>;
  let repo: IngestionRepository;
  let jobId: string;
  let counter: ReturnType<typeof insertCounter>;

  beforeEach(async () => {
    database = await openTestDatabase<EmbedderDb>(driver);
    await migrateToLatest(database.db, embedderMigrations, { schema: database.options.schema });
    counter = insertCounter();
    repo = new IngestionRepository({ ...database, db: database.db.withPlugin(counter) });
    jobId = randomUUID();
    await repo.create({ id: jobId, source_kind: 'file', source_uri: 'file:///x.csv', format: 'csv', filename: null, column_mapping: null });
    await repo.claimNext('worker', 60_000, 5);
  });
  afterEach(async () => {
    await database.close();
  });

  it('stores every value as given, the characters COPY escapes included', async () => {
    const cases = [
      hashed(1, { caseId: 'tab\there', pmid: '123\\N', title: 'back\\slash \\N \\t', text: 'line\nbreak\r\nand\ttab \\. end' }),
      hashed(2, { caseId: '\\N', pmid: '', title: 'Ünïcödé 患者 🙂', text: 'text with "quotes", commas; and \'apostrophes\'', age: 0.256 }),
      hashed(3, { caseId: 'x'.repeat(200), text: 'é'.repeat(50_000), age: 1e-7, sex: 'M' }),
    ];
    const dedupe = (existing: Parameters<typeof dedupeBatch>[1]) => dedupeBatch(cases, existing, jobId);
    expect(await repo.commitBatch(jobId, 'worker', 60_000, batch(cases), dedupe)).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(counter.inserts).toBe(driver === 'pglite' ? 0 : 1);
    const stored = await database.db
      .selectFrom('case_record')
      .select(['case_id', 'pmid', 'title', 'text', 'age', 'sex', 'text_hash', 'job_id', 'state'])
      .orderBy('text_hash')
      .execute();
    expect(stored).toEqual(
      cases.map((c) => ({
        case_id: c.caseId,
        pmid: c.pmid,
        title: c.title,
        text: c.text,
        age: c.age,
        sex: c.sex,
        text_hash: c.textHash,
        job_id: jobId,
        state: 'staged',
      })),
    );
  });

  it('reports a case stored between the dedupe and the write as a duplicate and stores the rest', async () => {
    await repo.commitBatch(jobId, 'worker', 60_000, batch([hashed(1)]), (existing) => dedupeBatch([hashed(1)], existing, jobId));
    // A dedupe that does not see case 1 (as if another job had stored it after the lookup).
    const cases = [hashed(1), hashed(2), hashed(3)];
    counter.inserts = 0;
    const result = await repo.commitBatch(jobId, 'worker', 60_000, batch(cases), () => ({ fresh: cases, duplicates: [] }));
    expect(counter.inserts).toBe(1); // on PGlite, after the COPY failed on the conflict
    expect(result).toMatchObject({ accepted: 2, duplicates: 1 });
    const ids = await database.db.selectFrom('case_record').select('case_id').orderBy('case_id').execute();
    expect(ids.map((r) => r.case_id)).toEqual(['stage-1', 'stage-2', 'stage-3']);
    const rows = await repo.outcomes(jobId, { outcome: 'duplicate', after: 0, limit: 10 });
    expect(rows).toMatchObject([
      { row_number: 1, case_id: 'stage-1', field: 'caseId', reason: 'stored by another job at the same moment' },
    ]);
    expect(await repo.find(jobId)).toMatchObject({ rows_read: 4, rows_accepted: 3, rows_duplicate: 1 });
  });
});
