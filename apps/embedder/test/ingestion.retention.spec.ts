import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import type { IngestionJob } from '@patientinsight/shared';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { api, auth, startEmbedder, type TestEmbedder, waitForJob } from './ingestion-helpers.js';

jest.setTimeout(180_000);

/** 7.2 seconds: long enough to see the upload kept after its job failed, short enough to see it go. */
const RETENTION_HOURS = '0.002';

async function upload(embedder: TestEmbedder, csv: string): Promise<IngestionJob> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'cases.csv');
  const res = await fetch(`${embedder.url}/v1/ingestions`, { method: 'POST', headers: auth, body: form });
  expect(res.status).toBe(202);
  return (await res.json()) as IngestionJob;
}

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testDrivers())('upload retention on %s', (driver) => {
  const started: TestEmbedder[] = [];
  afterAll(async () => {
    await started.at(-1)?.close();
  });

  it('keeps a failed job’s upload for retry until UPLOAD_RETENTION_HOURS passed, then deletes it and refuses the retry; the boot sweep removes leftovers', async () => {
    const embedder = await startEmbedder(driver, { UPLOAD_RETENTION_HOURS: RETENTION_HOURS });
    started.push(embedder);
    const uploads = join(embedder.dataDir, 'uploads');

    // A source without a case id column fails; its upload stays so a retry could read it again.
    const job = await upload(embedder, 'no_id_column,text\n1,A case text long enough to be read as one.\n');
    expect((await waitForJob(embedder.url, job.id)).state).toBe('failed');
    const file = join(uploads, `${job.id}.csv`);
    expect(existsSync(file)).toBe(true);

    // Past the retention the periodic sweep deletes it, and retry says why it cannot run.
    await eventually(() => !existsSync(file), 'the expired upload’s deletion');
    const retry = await api<{ error: { code: string; message: string } }>(embedder.url, 'POST', `/v1/ingestions/${job.id}/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body.error).toEqual({
      code: 'UPLOAD_EXPIRED',
      message: `the upload of job ${job.id} was deleted after UPLOAD_RETENTION_HOURS (${RETENTION_HOURS}); upload the file again as a new job`,
    });
    expect((await api<IngestionJob>(embedder.url, 'GET', `/v1/ingestions/${job.id}`)).body.state).toBe('failed');

    // Restarted: a file no job owns, older than an hour, goes at boot; a newer one (an upload in flight) stays.
    await embedder.stop();
    const orphan = join(uploads, `${randomUUID()}.csv`);
    const fresh = join(uploads, `${randomUUID()}.csv`);
    await writeFile(orphan, 'left behind by a crash');
    await writeFile(fresh, 'still arriving');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(orphan, twoHoursAgo, twoHoursAgo);
    const restarted = await startEmbedder(driver, { UPLOAD_RETENTION_HOURS: RETENTION_HOURS }, { reuse: embedder.stored });
    started.push(restarted);
    expect(await readdir(uploads)).toEqual([fresh.slice(uploads.length + 1)]);
  });

  it('with UPLOAD_RETENTION_HOURS=0 deletes a failed job’s upload when it ends', async () => {
    const embedder = await startEmbedder(driver, { UPLOAD_RETENTION_HOURS: '0' });
    const job = await upload(embedder, 'no_id_column,text\n1,A case text long enough to be read as one.\n');
    expect((await waitForJob(embedder.url, job.id)).state).toBe('failed');
    await eventually(() => !existsSync(join(embedder.dataDir, 'uploads', `${job.id}.csv`)), 'the deletion at the end of the job', 10_000);
    await embedder.close();
  });
});
