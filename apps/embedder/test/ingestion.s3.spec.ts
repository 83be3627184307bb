import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { IngestionJob } from '@patientinsight/shared';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import {
  api,
  auth,
  generateCases,
  ingestUri,
  SAMPLE_CSV,
  startEmbedder,
  type TestEmbedder,
  toCsv,
  waitForJob,
} from './ingestion-helpers.js';

// The S3 source through the real AWS SDK against s3rver, a local server speaking the S3 REST protocol.
jest.setTimeout(240_000);

describe.each(testDrivers())('ingestion from S3 on %s', (driver) => {
  let s3rver: S3rver;
  let s3Dir: string;
  let embedder: TestEmbedder;
  let endpoint: string;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 's3rver-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir });
    const { port } = await s3rver.run();
    endpoint = `http://127.0.0.1:${port}`;
    // The uploader is a plain SDK client, as an upload hook or an operator would use.
    const uploader = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await uploader.send(new CreateBucketCommand({ Bucket: 'case-uploads' }));
    await uploader.send(
      new PutObjectCommand({
        Bucket: 'case-uploads',
        Key: 'incoming/pmc sample.csv',
        Body: createReadStream(SAMPLE_CSV),
        ContentLength: (await import('node:fs')).statSync(SAMPLE_CSV).size,
      }),
    );
    uploader.destroy();
    embedder = await startEmbedder(driver, {
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      UPLOADS_S3_URI: 's3://case-uploads/uploads/',
      DRIFT_GATE: 'false', // the small upload below differs from the sample ingested first
    });
  });
  afterAll(async () => {
    await embedder?.close();
    await s3rver?.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  it('ingests s3://bucket/key streamed through the SDK', async () => {
    const job = await ingestUri(embedder.url, `s3://case-uploads/${encodeURIComponent('incoming/pmc sample.csv')}`);
    expect(job.state).toBe('succeeded');
    expect(job.source.kind).toBe('s3');
    expect(job.counters).toEqual({ read: 1000, accepted: 1000, rejected: 0, duplicate: 0, indexed: 1000 });
  });

  it('refuses a missing object or bucket with 400 on sourceUri', async () => {
    for (const uri of ['s3://case-uploads/incoming/nothing.csv', 's3://no-such-bucket/x.csv']) {
      const res = await api<{ error: { code: string; details: { field: string; reason: string }[] } }>(
        embedder.url,
        'POST',
        '/v1/ingestions',
        { sourceUri: uri, format: 'csv' },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('SOURCE_NOT_FOUND');
      expect(res.body.error.details).toEqual([{ field: 'sourceUri', reason: `${uri} does not exist` }]);
    }
  });

  it('keeps an upload in S3 when UPLOADS_S3_URI is set, so any replica can run its job, and deletes it once the job succeeded', async () => {
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    const keys = async () =>
      ((await client.send(new ListObjectsV2Command({ Bucket: 'case-uploads', Prefix: 'uploads/' }))).Contents ?? []).map((o) => o.Key);
    try {
      // A failing upload (no text column) stays in the bucket: its job can be retried.
      const bad = new FormData();
      bad.set('file', new Blob(['patient_uid,title\nx,y\n']), 'bad.csv');
      const failed = (await (
        await fetch(`${embedder.url}/v1/ingestions`, { method: 'POST', headers: auth, body: bad })
      ).json()) as IngestionJob;
      expect(await waitForJob(embedder.url, failed.id)).toMatchObject({ state: 'failed' });
      expect(await keys()).toContain(`uploads/${failed.id}.csv`);

      const form = new FormData();
      form.set('file', new Blob([toCsv(generateCases(25, { prefix: `s3-upload-${driver}` }))]), 'cases.csv');
      const res = await fetch(`${embedder.url}/v1/ingestions`, { method: 'POST', headers: auth, body: form });
      expect(res.status).toBe(202);
      const created = (await res.json()) as IngestionJob;
      expect(created.source).toMatchObject({ kind: 'upload', filename: 'cases.csv', uri: `s3://case-uploads/uploads/${created.id}.csv` });
      const job = await waitForJob(embedder.url, created.id);
      expect(job).toMatchObject({ state: 'succeeded', counters: { read: 25, accepted: 25, indexed: 25 } });
      // The job read its rows from the bucket; once it succeeded the object is deleted, and nothing was
      // ever left in the replica's own folder.
      for (let i = 0; i < 50 && (await keys()).includes(`uploads/${created.id}.csv`); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await keys()).not.toContain(`uploads/${created.id}.csv`);
      expect(await keys()).toContain(`uploads/${failed.id}.csv`);
      expect(await readdir(join(embedder.dataDir, 'uploads')).catch(() => [])).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});
