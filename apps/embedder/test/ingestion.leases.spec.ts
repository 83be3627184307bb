import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { migrateToLatest } from '@patientinsight/nest-kit';
import { openTestDatabase, testDrivers } from '@patientinsight/nest-kit/testing';
import { randomUUID } from 'node:crypto';
import type { EmbedderDb } from '../src/database/embedder-db.js';
import { embedderMigrations } from '../src/database/migrations/index.js';
import { IngestionRepository, LeaseLostError } from '../src/ingestion/ingestion.repository.js';
import { dedupeBatch, type HashedCase } from '../src/ingestion/stages/dedupe.js';
import { batchOf, hashedCase } from './support/staged-cases.js';

const hashed = (row: number) => hashedCase(row, 'lease');
const batch = (rows: number[]) => batchOf(rows.map(hashed));

// The queue's guarantees at the SQL level, on both drivers: one claim per job at a time, and a worker whose
// lease lapsed cannot write (its batch is refused, so a row is never committed twice).
describe.each(testDrivers())('ingestion leases on %s', (driver) => {
  let database: Awaited<ReturnType<typeof openTestDatabase<EmbedderDb>>>;
  let repo: IngestionRepository;
  let jobId: string;

  beforeEach(async () => {
    database = await openTestDatabase<EmbedderDb>(driver);
    await migrateToLatest(database.db, embedderMigrations, { schema: database.options.schema });
    repo = new IngestionRepository(database);
    jobId = randomUUID();
    await repo.create({ id: jobId, source_kind: 'file', source_uri: 'file:///x.csv', format: 'csv', filename: null, column_mapping: null });
  });
  afterEach(async () => {
    await database.close();
  });

  it('gives a queued job to one worker, and to another only once the lease has lapsed', async () => {
    const first = await repo.claimNext('worker-a', 300, 5);
    expect(first).toMatchObject({ id: jobId, lease_owner: 'worker-a', attempts: 1, state: 'running' });
    expect(await repo.claimNext('worker-b', 300, 5)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 400));
    const second = await repo.claimNext('worker-b', 300, 5);
    expect(second).toMatchObject({ id: jobId, lease_owner: 'worker-b', attempts: 2 });
  });

  it('refuses the batch of a worker that lost its lease and keeps the new owner’s', async () => {
    await repo.claimNext('worker-a', 300, 5);
    const dedupe = (rows: HashedCase[]) => (existing: Parameters<typeof dedupeBatch>[1]) => dedupeBatch(rows, existing, jobId);
    await repo.commitBatch(jobId, 'worker-a', 300, batch([1, 2]), dedupe([hashed(1), hashed(2)]));
    await new Promise((r) => setTimeout(r, 400)); // worker-a stalls past its lease
    const taken = await repo.claimNext('worker-b', 10_000, 5);
    expect(taken?.rows_read).toBe(2); // the checkpoint: worker-b resumes after row 2
    await expect(repo.commitBatch(jobId, 'worker-a', 300, batch([3, 4]), dedupe([hashed(3), hashed(4)]))).rejects.toThrow(LeaseLostError);
    await expect(repo.extendLease(jobId, 'worker-a', 300)).rejects.toThrow(LeaseLostError);
    await repo.commitBatch(jobId, 'worker-b', 10_000, batch([3, 4]), dedupe([hashed(3), hashed(4)]));
    const job = await repo.find(jobId);
    expect(job).toMatchObject({ rows_read: 4, rows_accepted: 4, rows_duplicate: 0 });
    const cases = await database.db.selectFrom('case_record').select('case_id').where('job_id', '=', jobId).orderBy('case_id').execute();
    expect(cases.map((c) => c.case_id)).toEqual(['lease-1', 'lease-2', 'lease-3', 'lease-4']);
  });

  it('lets a restarted worker take back its dead predecessor’s lease at once, and no other instance’s', async () => {
    expect(await repo.claimNext('host/aaaa:111:01', 60_000, 5)).toMatchObject({ id: jobId, lease_owner: 'host/aaaa:111:01' });
    expect(await repo.claimNext('host/aaaa:222:02', 60_000, 5)).toBeUndefined(); // the lease is still valid
    expect(await repo.releaseLeasesOfPredecessors('host/bbbb', 'host/bbbb:333:03')).toBe(0);
    expect(await repo.claimNext('host/bbbb:333:03', 60_000, 5)).toBeUndefined();
    expect(await repo.releaseLeasesOfPredecessors('host/aaaa', 'host/aaaa:222:02')).toBe(1);
    expect(await repo.claimNext('host/aaaa:222:02', 60_000, 5)).toMatchObject({ id: jobId, lease_owner: 'host/aaaa:222:02', attempts: 2 });
    // The new owner's own lease is never released by itself.
    expect(await repo.releaseLeasesOfPredecessors('host/aaaa', 'host/aaaa:222:02')).toBe(0);
  });

  it('fails a job whose workers keep dying instead of claiming it forever', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await repo.claimNext(`worker-${i}`, 1, 2)).toBeDefined();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await repo.claimNext('worker-x', 1, 2)).toBeUndefined();
    expect(await repo.find(jobId)).toMatchObject({ state: 'failed', error: 'gave up after 2 attempts (the worker stopped each time)' });
  });
});
