import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Database, migrateToLatest } from '@patientinsight/nest-kit';
import { openTestDatabase, testDrivers } from '@patientinsight/nest-kit/testing';
import { sql } from 'kysely';
import type { EmbedderDb } from '../database/embedder-db.js';
import { embedderMigrations } from '../database/migrations/index.js';
import { CorpusRepository } from './corpus.repository.js';

const onPostgres = testDrivers().includes('postgres') ? describe : describe.skip;

onPostgres("CorpusRepository: a version's append lock across replicas (PostgreSQL)", () => {
  let database: Database<EmbedderDb>;
  // Two repositories on one pool stand for two replicas: each lock is a session lock on a connection of its own.
  let left: CorpusRepository;
  let right: CorpusRepository;
  beforeAll(async () => {
    database = await openTestDatabase<EmbedderDb>('postgres');
    left = new CorpusRepository(database);
    right = new CorpusRepository(database);
  });
  afterAll(async () => {
    await database?.close();
  });
  const versionId = () => `v-${randomBytes(6).toString('hex')}`;

  it('a second append waits for the first; past its timeout it fails with the reason, and other versions are not held', async () => {
    const version = versionId();
    const first = await left.lockAppends(version, 5000);
    await expect(right.lockAppends(version, 200)).rejects.toThrow(
      new RegExp(`another append to corpus version ${version} held its lock for more than 200 ms.*retry the job`),
    );
    const other = await right.lockAppends(versionId(), 200);
    await other.release();

    let acquired = false;
    const waiting = right.lockAppends(version, 10_000).then((lock) => {
      acquired = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(acquired).toBe(false);
    await first.release();
    const second = await waiting;
    expect(acquired).toBe(true);
    await second.release();
  });

  it('gives its connections back without the lock timeout: later statements wait for locks as usual', async () => {
    const version = versionId();
    const held = await left.lockAppends(version, 5000);
    await expect(right.lockAppends(version, 150)).rejects.toThrow(/held its lock/);
    await held.release();
    // Every connection of the pool at once (each waits for the others), so none escapes the check.
    const poolSize = 4;
    let arrived = 0;
    let all!: () => void;
    const together = new Promise<void>((resolve) => {
      all = resolve;
    });
    const settings = await Promise.all(
      Array.from({ length: poolSize }, () =>
        database.db.connection().execute(async (connection) => {
          if (++arrived === poolSize) all();
          await together;
          return (await sql<{ lock_timeout: string }>`show lock_timeout`.execute(connection)).rows[0]!.lock_timeout;
        }),
      ),
    );
    expect(settings).toEqual(Array(poolSize).fill('0'));
  });
});

describe('CorpusRepository: the append lock on PGlite', () => {
  it('is not needed (one process, whose indexer appends one job at a time) and never waits', async () => {
    const database = await openTestDatabase<EmbedderDb>('pglite');
    try {
      const repository = new CorpusRepository(database);
      const first = await repository.lockAppends('v1', 100);
      const second = await repository.lockAppends('v1', 100);
      await second.release();
      await first.release();
    } finally {
      await database.close();
    }
  });
});

describe.each(testDrivers())('CorpusRepository: planner statistics before a build reads every case (%s)', (driver) => {
  it('analyzes case_record, so the planner knows the rows a load just wrote', async () => {
    const database = await openTestDatabase<EmbedderDb>(driver);
    try {
      await migrateToLatest(database.db, embedderMigrations, { schema: database.options.schema });
      await database.db
        .insertInto('case_record')
        .values(
          Array.from({ length: 1500 }, (_, i) => ({
            case_id: `stats-${i}`,
            pmid: null,
            title: '',
            text: `case text ${i}`,
            age: 40,
            sex: 'F',
            text_hash: `stats-hash-${i}`,
            job_id: null,
            state: 'live' as const,
          })),
        )
        .execute();
      const estimatedRows = async () =>
        Number(
          (
            await sql<{
              reltuples: number;
            }>`select reltuples from pg_class where relname = 'case_record' and relnamespace = to_regnamespace(current_schema())`.execute(
              database.db,
            )
          ).rows[0]!.reltuples,
        );
      expect(await estimatedRows()).toBeLessThan(1);
      await new CorpusRepository(database).refreshStatistics();
      expect(await estimatedRows()).toBe(1500);
    } finally {
      await database.close();
    }
  });
});
