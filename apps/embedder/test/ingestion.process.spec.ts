import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { openDatabase, type DatabaseOptions } from '@patientinsight/nest-kit';
import { dropTestSchema, testDatabaseOptions, testDrivers } from '@patientinsight/nest-kit/testing';
import type { IngestionJob } from '@patientinsight/shared';
import { freePort, ServiceProcess } from '@patientinsight/testing';
import { sql } from 'kysely';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbedderDb } from '../src/database/embedder-db.js';
import { api, APP_DIR, generateCases, TOKEN, toCsv, waitForJob } from './ingestion-helpers.js';

// The built embedder as real processes: SIGKILL in the middle of a large job, then a restart that
// resumes from the checkpoint; and two replicas on one PostgreSQL sharing the queue.

const ROWS = 20_000;

interface Instance {
  proc: ServiceProcess;
  url: string;
}

async function startInstance(env: Record<string, string | undefined>): Promise<Instance> {
  const port = await freePort();
  const proc = new ServiceProcess({
    cwd: APP_DIR,
    entry: 'dist/main.js',
    env: {
      PORT: port,
      METRICS_PORT: await freePort(),
      HOST: '127.0.0.1',
      SERVICE_TOKEN: TOKEN,
      LOG_LEVEL: 'info',
      INGEST_POLL_MS: '100',
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await proc.waitFor(`${url}/readyz`);
  return { proc, url };
}

interface Version {
  id: string;
  state: string;
  error: string | null;
}

async function versions(url: string): Promise<Version[]> {
  return (await api<{ versions: Version[] }>(url, 'GET', '/v1/corpus/versions')).body.versions;
}

async function jobState(url: string, id: string): Promise<IngestionJob> {
  return (await api<IngestionJob>(url, 'GET', `/v1/ingestions/${id}`)).body;
}

jest.setTimeout(240_000);

describe.each(testDrivers())('embedder processes on %s', (driver) => {
  let dir: string;
  let dbOptions: DatabaseOptions;
  let env: Record<string, string | undefined>;
  let bigCsv: string;
  const running: Instance[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedder-process-'));
    dbOptions = await testDatabaseOptions(driver);
    bigCsv = join(dir, 'big.csv');
    await writeFile(bigCsv, toCsv(generateCases(ROWS, { prefix: 'kill' })));
    env = {
      DATA_DIR: join(dir, 'data'),
      LOCAL_SOURCE_ROOTS: dir,
      INGEST_BATCH_SIZE: '500',
      INGEST_LEASE_MS: '2000',
      ...(dbOptions.url ? { DATABASE_URL: dbOptions.url, DATABASE_SCHEMA: dbOptions.schema } : {}),
    };
  });
  afterAll(async () => {
    await Promise.all(running.map((i) => i.proc.stop()));
    await dropTestSchema(dbOptions);
    await rm(dir, { recursive: true, force: true });
  });

  it(`resumes a ${ROWS}-row job from its checkpoint after SIGKILL: indexed == accepted == rows, no duplicate, no loss`, async () => {
    const first = await startInstance(env);
    running.push(first);
    const created = await api<IngestionJob>(first.url, 'POST', '/v1/ingestions', { sourceUri: pathToFileURL(bigCsv).href, format: 'csv' });
    expect(created.status).toBe(202);
    const id = created.body.id;

    // Kill it hard once a few batches are committed, well before the end.
    let atKill: IngestionJob;
    for (;;) {
      atKill = await jobState(first.url, id);
      if (atKill.counters.read >= 3000) break;
      expect(atKill.state).toMatch(/queued|running/);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.proc.kill('SIGKILL');
    expect(await first.proc.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(atKill.counters.read).toBeLessThan(ROWS);

    const second = await startInstance(env);
    running.push(second);
    const done = await waitForJob(second.url, id, ['succeeded', 'failed', 'awaiting_approval'], 240_000);
    expect(done.attempts).toBe(2);
    expect({ ...done.counters, indexed: undefined }).toEqual({ read: ROWS, accepted: ROWS, rejected: 0, duplicate: 0, indexed: undefined });
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.counters.indexed).toBe(ROWS);

    const resumed = second.proc.stdout
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'resuming job' && l.jobId === id);
    expect(resumed?.resumeAfterRow).toBeGreaterThanOrEqual(atKill.counters.read);
    expect(resumed?.resumeAfterRow).toBeLessThan(ROWS);

    await second.proc.stop();
    const database = await openDatabase<EmbedderDb>(driver === 'postgres' ? dbOptions : { dataDir: join(dir, 'data', 'pg') });
    try {
      const counts = await database.db
        .selectFrom('case_record')
        .select([
          sql<number>`count(*)::int`.as('rows'),
          sql<number>`count(distinct case_id)::int`.as('ids'),
          sql<number>`count(*) filter (where state = 'live')::int`.as('live'),
        ])
        .where('job_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(counts).toEqual({ rows: ROWS, ids: ROWS, live: ROWS });
      const ids = await database.db.selectFrom('case_record').select('case_id').where('job_id', '=', id).execute();
      const expected = new Set(Array.from({ length: ROWS }, (_, i) => `kill-${i}`));
      expect(ids.every((r) => expected.delete(r.case_id))).toBe(true);
      expect(expected.size).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('a corpus build killed mid-way: the restarted process marks that version failed, removes its partial index, and the job builds again to success', async () => {
    // Every addition refits here (no append to the active version), so the job builds a new version to kill.
    const refitEnv = { ...env, CORPUS_REFIT_SHARE: '0' };
    const first = await startInstance(refitEnv);
    running.push(first);
    const path = join(dir, 'build-kill.csv');
    await writeFile(path, toCsv(generateCases(2000, { prefix: 'build-kill' })));
    const created = await api<IngestionJob>(first.url, 'POST', '/v1/ingestions', { sourceUri: pathToFileURL(path).href, format: 'csv' });
    expect(created.status).toBe(202);
    const lancedb = join(env.DATA_DIR!, 'lancedb');
    // Kill it once the new version's index is being written (its LanceDB table exists, nothing is active yet).
    let building: Version | undefined;
    for (;;) {
      building = (await versions(first.url)).find((v) => v.state === 'building');
      if (building && existsSync(join(lancedb, `cases_${building.id}.lance`))) break;
      expect((await jobState(first.url, created.body.id)).state).toMatch(/queued|running/);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.proc.kill('SIGKILL');
    await first.proc.exited;

    const second = await startInstance(refitEnv);
    running.push(second);
    const done = await waitForJob(second.url, created.body.id, ['succeeded', 'failed', 'awaiting_approval'], 240_000);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2, error: null, counters: { read: 2000, accepted: 2000, indexed: 2000 } });
    expect(done.corpusVersion).not.toBe(building.id);
    const after = await versions(second.url);
    expect(after.find((v) => v.id === building!.id)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^the process building it stopped \(killed or crashed\) before it finished/),
    });
    expect(after.filter((v) => v.state === 'building')).toEqual([]);
    expect(after.find((v) => v.state === 'active')?.id).toBe(done.corpusVersion);
    expect(existsSync(join(lancedb, `cases_${building.id}.lance`))).toBe(false);
    expect(existsSync(join(env.DATA_DIR!, 'models', building.id))).toBe(false);
    expect(second.proc.stdout.some((l) => l.includes('marked failed and its partial index removed') && l.includes(building!.id))).toBe(
      true,
    );
  });
});

// Replicas share a server: the embedded PGlite belongs to one process, so this runs on PostgreSQL only.
(testDrivers().includes('postgres') ? describe : describe.skip)('two embedder replicas on one PostgreSQL', () => {
  const driver = 'postgres' as const;
  let dir: string;
  let dbOptions: DatabaseOptions;
  let env: Record<string, string | undefined>;
  const running: Instance[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedder-replicas-'));
    dbOptions = await testDatabaseOptions(driver);
    env = {
      DATA_DIR: join(dir, 'data'),
      LOCAL_SOURCE_ROOTS: dir,
      INGEST_LEASE_MS: '2000',
      DATABASE_URL: dbOptions.url,
      DATABASE_SCHEMA: dbOptions.schema,
    };
  });
  afterAll(async () => {
    await Promise.all(running.map((i) => i.proc.stop()));
    await dropTestSchema(dbOptions);
    await rm(dir, { recursive: true, force: true });
  });

  it('shares the queue between two replicas: every row of every job processed exactly once, a replica taking over a job its peer dropped', async () => {
    const a = await startInstance({ ...env, INGEST_BATCH_SIZE: '250' });
    const b = await startInstance({ ...env, INGEST_BATCH_SIZE: '250' });
    running.push(a, b);
    const files = await Promise.all(
      [6000, 1500, 1500].map(async (n, k) => {
        const path = join(dir, `replica-${k}.csv`);
        await writeFile(path, toCsv(generateCases(n, { prefix: `rep${k}` })));
        return { path, n };
      }),
    );
    const ids: string[] = [];
    for (const [k, f] of files.entries()) {
      const res = await api<IngestionJob>(k % 2 === 0 ? a.url : b.url, 'POST', '/v1/ingestions', {
        sourceUri: pathToFileURL(f.path).href,
        format: 'csv',
      });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    // Drop the replica that holds the big job once it is under way; the other must pick it up from the checkpoint.
    const database = await openDatabase<EmbedderDb>(dbOptions);
    try {
      let owner: string | null = null;
      for (;;) {
        const job = await database.db
          .selectFrom('ingestion_job')
          .select(['lease_owner', 'rows_read', 'state'])
          .where('id', '=', ids[0]!)
          .executeTakeFirstOrThrow();
        if (job.lease_owner && job.rows_read >= 1000) {
          owner = job.lease_owner;
          break;
        }
        expect(job.state).toMatch(/queued|running/);
        await new Promise((r) => setTimeout(r, 20));
      }
      const victim = [a, b].find((i) => owner!.includes(`:${i.proc.pid}:`))!;
      const survivor = victim === a ? b : a;
      victim.proc.kill('SIGKILL');
      await victim.proc.exited;

      for (const [k, id] of ids.entries()) {
        const done = await waitForJob(survivor.url, id, ['succeeded', 'failed', 'awaiting_approval'], 240_000);
        expect({ id, ...done.counters, indexed: undefined }).toEqual({
          id,
          read: files[k]!.n,
          accepted: files[k]!.n,
          rejected: 0,
          duplicate: 0,
          indexed: undefined,
        });
        expect(done.error).toBeNull();
        expect(done.state).toBe('succeeded');
        expect(done.counters.indexed).toBe(files[k]!.n);
      }
      const big = await jobState(survivor.url, ids[0]!);
      expect(big.attempts).toBe(2); // claimed once by each replica: never while the first one's lease was live
      const perJob = await database.db
        .selectFrom('case_record')
        .select(['job_id', sql<number>`count(*)::int`.as('rows'), sql<number>`count(distinct case_id)::int`.as('ids')])
        .where('job_id', 'in', ids)
        .groupBy('job_id')
        .execute();
      expect(Object.fromEntries(perJob.map((r) => [r.job_id, [r.rows, r.ids]]))).toEqual(
        Object.fromEntries(ids.map((id, k) => [id, [files[k]!.n, files[k]!.n]])),
      );
      const outcomes = await database.db
        .selectFrom('ingestion_row')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('job_id', 'in', ids)
        .executeTakeFirstOrThrow();
      expect(outcomes.n).toBe(0);
      // Both replicas did work: the claims in their logs name them.
      const claimedBy = (i: Instance) => i.proc.stdout.filter((l) => /"msg":"(starting|resuming) job"/.test(l)).length;
      expect(claimedBy(a)).toBeGreaterThan(0);
      expect(claimedBy(b)).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
