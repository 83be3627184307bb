import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { IngestionJob, IngestionList } from '@patientinsight/shared';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import S3rver from 's3rver';
import { IngestionRepository } from '../src/ingestion/ingestion.repository.js';
import { ObjectSources } from '../src/sources/object-source.js';
import { type S3Source, toS3Uri } from '../src/sources/s3/s3.source.js';
import { api, generateCases, startEmbedder, type TestEmbedder, toCsv, waitForJob } from './ingestion-helpers.js';

// S3-event ingestion end to end through the real SDK clients: s3rver (S3 REST) holds the objects, fauxqs (SQS,
// AWS JSON 1.0 protocol, redrive to a dead-letter queue) the notifications. Neither server sends bucket notifications,
// so the test does S3's part: each object s3rver reports as created becomes the notification S3 would send
// (same record layout, key URL-encoded as S3 does, which s3rver leaves out).
jest.setTimeout(240_000);

const BUCKET = 'patientinsight-cases';
const MAX_RECEIVES = 3;
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
type Notification = { Records: unknown[] };

/** The S3 record layout (event message structure 2.1) with the key encoded like S3 (form encoding: a space is '+'). */
function notificationFor(bucket: string, key: string, eTag: string, size = 0): Notification {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'case-files',
          bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: key
              .split('/')
              .map((s) => encodeURIComponent(s).replace(/%20/g, '+'))
              .join('/'),
            size,
            eTag,
            sequencer: Date.now().toString(16).toUpperCase(),
          },
        },
      },
    ],
  };
}

// One sink for both drivers' apps: Nest's static Logger writes through the pino logger of the app that set it up
// first, so the second app's lines can land in the first app's destination. Cleared when each app starts.
const logs: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
    callback();
  },
});

describe.each(testDrivers())('S3-event ingestion through SQS on %s', (driver) => {
  let s3rver: S3rver;
  let s3Dir: string;
  let sqsServer: FauxqsServer;
  let sqs: SQSClient;
  let s3: S3Client;
  let embedder: TestEmbedder;
  let queueUrl: string;
  let dlqUrl: string;
  /** The notifications "S3" sent, by key. */
  const sent = new Map<string, Notification>();
  const savedEnv = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  const put = async (key: string, body: string) => (await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))).ETag!;
  const jobsFor = async (key: string): Promise<IngestionJob[]> => {
    const { body } = await api<IngestionList>(embedder.url, 'GET', '/v1/ingestions?limit=200');
    return body.jobs.filter((j) => j.source.uri === toS3Uri(BUCKET, key));
  };
  const untilHandled = async (predicate: (line: Record<string, unknown>) => boolean, count = 1) => {
    for (let i = 0; i < 600; i++) {
      if (logs.filter(predicate).length >= count) return logs.filter(predicate);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`fewer than ${count} matching log lines`);
  };
  /** The ETag "S3" put in the notification of `key` (the consumer logs it). */
  const etagOf = (key: string) =>
    ((sent.get(key)?.Records[0] as { s3: { object: { eTag: string } } } | undefined)?.s3.object.eTag ?? '').replaceAll('"', '');
  const metric = async (pattern: RegExp) => Number(pattern.exec(await (await fetch(embedder.metricsUrl)).text())?.[1] ?? 0);

  beforeAll(async () => {
    logs.length = 0;
    // The consumer's SQS client takes credentials from the default chain, as with IRSA in EKS.
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    sqsServer = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
    const sqsEndpoint = `http://127.0.0.1:${sqsServer.port}`;
    sqsServer.createQueue('case-files-dlq');
    sqsServer.createQueue('case-files', {
      attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:case-files-dlq',
          maxReceiveCount: MAX_RECEIVES,
        }),
      },
    });
    queueUrl = `${sqsEndpoint}/000000000000/case-files`;
    dlqUrl = `${sqsEndpoint}/000000000000/case-files-dlq`;
    sqs = new SQSClient({ endpoint: sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

    s3Dir = await mkdtemp(join(tmpdir(), 's3rver-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir });
    const { port } = await s3rver.run();
    const s3Endpoint = `http://127.0.0.1:${port}`;
    s3rver.on('event', (event) => {
      for (const record of event.Records) {
        if (!record.eventName.startsWith('ObjectCreated:')) continue;
        const { bucket, object } = record.s3;
        const notification = notificationFor(bucket.name, object.key, object.eTag ?? '', object.size);
        sent.set(object.key, notification);
        void sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(notification) }));
      }
    });
    s3 = new S3Client({
      endpoint: s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));

    embedder = await startEmbedder(
      driver,
      {
        S3_ENDPOINT: s3Endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        INGEST_QUEUE_URL: queueUrl,
        INGEST_QUEUE_WAIT_SECONDS: '1',
        INGEST_QUEUE_VISIBILITY_SECONDS: '2',
        INGEST_QUEUE_MAX_RECEIVES: String(MAX_RECEIVES),
        DRIFT_GATE: 'false',
        LOG_LEVEL: 'info',
      },
      { logDestination: logSink },
    );
  });

  afterAll(async () => {
    await embedder?.close();
    sqs?.destroy();
    s3?.destroy();
    await sqsServer?.stop();
    await s3rver?.close();
    await rm(s3Dir, { recursive: true, force: true });
    process.env.AWS_ACCESS_KEY_ID = savedEnv.id;
    process.env.AWS_SECRET_ACCESS_KEY = savedEnv.secret;
    if (savedEnv.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (savedEnv.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  it('three objects uploaded: three jobs, each read from its object, each message deleted', async () => {
    const keys = ['incoming/batch one.csv', 'incoming/batch (2).csv', 'incoming/nested/batch-3.jsonl'];
    const etags: string[] = [];
    etags.push(await put(keys[0]!, toCsv(generateCases(20, { prefix: `q1-${driver}` }))));
    etags.push(await put(keys[1]!, toCsv(generateCases(15, { prefix: `q2-${driver}` }))));
    const jsonl = generateCases(10, { prefix: `q3-${driver}` })
      .map((r) => JSON.stringify(r))
      .join('\n');
    etags.push(await put(keys[2]!, jsonl));

    for (const [i, key] of keys.entries()) {
      let jobs: IngestionJob[] = [];
      for (let n = 0; n < 300 && jobs.length === 0; n++) {
        jobs = await jobsFor(key);
        if (jobs.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.source).toMatchObject({ kind: 's3', format: i === 2 ? 'jsonl' : 'csv' });
      const done = await waitForJob(embedder.url, jobs[0]!.id);
      expect(done).toMatchObject({ state: 'succeeded', counters: { read: [20, 15, 10][i], accepted: [20, 15, 10][i], rejected: 0 } });
      const row = await embedder.database.db
        .selectFrom('ingestion_job')
        .select('source_etag')
        .where('id', '=', jobs[0]!.id)
        .executeTakeFirstOrThrow();
      expect(`"${row.source_etag}"`).toBe(etags[i]);
    }
    // Every notification was deleted once its job existed: nothing comes back after the visibility timeout.
    await new Promise((r) => setTimeout(r, 2500));
    const left = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    expect(left.Messages ?? []).toEqual([]);
    expect(await metric(/ingest_queue_objects_total\{outcome="created",service="embedder"\} (\d+)/)).toBe(3);
  });

  it('the same notification delivered twice, or twice at once, gives one job', async () => {
    const key = 'incoming/batch one.csv';
    const before = await metric(/ingest_queue_objects_total\{outcome="duplicate",service="embedder"\} (\d+)/);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(sent.get(key)) }));
    await untilHandled((l) => l.msg === 'S3 event handled' && l.outcome === 'duplicate');
    expect(await jobsFor(key)).toHaveLength(1);

    // A new object whose notification arrives twice in one batch: both are handled concurrently, the unique index keeps one job.
    const twin = 'incoming/twin.csv';
    const etag = await put(twin, toCsv(generateCases(5, { prefix: `twin-${driver}` })));
    const body = JSON.stringify(notificationFor(BUCKET, twin, etag.replaceAll('"', '')));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', MessageBody: body },
          { Id: 'b', MessageBody: body },
        ],
      }),
    );
    // Three messages name the twin: the upload's own notification and the two copies.
    const handled = await untilHandled((l) => l.msg === 'S3 event handled' && l.etag === etagOf(twin), 3);
    expect(handled.map((l) => l.outcome).sort()).toEqual(['created', 'duplicate', 'duplicate']);
    const jobs = await jobsFor(twin);
    expect(jobs).toHaveLength(1);
    await waitForJob(embedder.url, jobs[0]!.id);
    expect(await metric(/ingest_queue_objects_total\{outcome="duplicate",service="embedder"\} (\d+)/)).toBe(before + 3);
    expect(await metric(/ingest_queue_objects_total\{outcome="created",service="embedder"\} (\d+)/)).toBe(4);
  });

  it('acknowledges without a job an event whose object was overwritten since, a folder marker and the test event', async () => {
    const key = 'incoming/batch one.csv';
    const before = (await jobsFor(key)).length;
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(notificationFor(BUCKET, key, 'an-older-version-etag')) }),
    );
    const [superseded] = await untilHandled((l) => l.msg === 'S3 event handled' && l.etag === 'an-older-version-etag');
    expect(superseded).toMatchObject({ outcome: 'superseded' });
    expect(await jobsFor(key)).toHaveLength(before);

    await put('incoming/empty folder/', '');
    const [marker] = await untilHandled((l) => l.msg === 'S3 event handled' && l.etag === etagOf('incoming/empty folder/'));
    expect(marker).toMatchObject({ outcome: 'ignored' });
    const testEvent = JSON.stringify({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: new Date().toISOString(),
      Bucket: BUCKET,
      RequestId: 'R',
      HostId: 'H',
    });
    const ignoredBefore = await metric(/ingest_queue_objects_total\{outcome="ignored",service="embedder"\} (\d+)/);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: testEvent }));
    for (
      let n = 0;
      n < 100 && (await metric(/ingest_queue_objects_total\{outcome="ignored",service="embedder"\} (\d+)/)) === ignoredBefore;
      n++
    )
      await new Promise((r) => setTimeout(r, 100));
    expect(await metric(/ingest_queue_objects_total\{outcome="ignored",service="embedder"\} (\d+)/)).toBe(ignoredBefore + 1);
    // All acknowledged: nothing comes back.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }))).Messages ?? []).toEqual([]);
  });

  it('one job per bucket+key+ETag even when two inserts race (the unique index, on this driver)', async () => {
    const repository = embedder.app.get(IngestionRepository);
    const job = { source_uri: toS3Uri(BUCKET, 'incoming/race.csv'), format: 'csv' as const, source_etag: 'race-etag' };
    const results = await Promise.all([
      repository.createForObject({ id: randomUUID(), ...job }),
      repository.createForObject({ id: randomUUID(), ...job }),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.job.id).toBe(results[1]!.job.id);
    // Another version of the same key is another job.
    expect((await repository.createForObject({ id: randomUUID(), ...job, source_etag: 'race-etag-2' })).created).toBe(true);
  });

  it('keeps the message hidden while a slow job creation runs (visibility heartbeat)', async () => {
    const key = 'incoming/slow.csv';
    // Hold this object's HEAD for longer than two visibility timeouts.
    const source = embedder.app.get(ObjectSources).adapter<S3Source>('s3')!;
    let headStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      headStarted = resolve;
    });
    source.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'HeadObjectCommand' && (args.input as { Key?: string }).Key === key) {
          headStarted();
          await new Promise((r) => setTimeout(r, 5000));
        }
        return next(args);
      },
      { step: 'initialize', name: 'slowHeadForTest' },
    );
    try {
      await put(key, toCsv(generateCases(5, { prefix: `slow-${driver}` })));
      await started;
      // Without the heartbeat the message would be visible again after 2 s and this receive would get it.
      const competing = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 4, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
      );
      expect(competing.Messages ?? []).toEqual([]);
      // The consumer's own receive was the only one, and its job was created.
      const [handled] = await untilHandled((l) => l.msg === 'S3 event handled' && l.etag === etagOf(key));
      expect(handled).toMatchObject({ outcome: 'created', receiveCount: 1 });
      expect(await jobsFor(key)).toHaveLength(1);
    } finally {
      source.client.middlewareStack.remove('slowHeadForTest');
    }
  });

  it('a poison message (object missing, or no readable format) goes to the dead-letter queue after the retries, with the reason logged and counted', async () => {
    const missingKey = 'incoming/withdrawn by Jane Doe.csv';
    const missing = JSON.stringify(notificationFor(BUCKET, missingKey, '0123456789abcdef0123456789abcdef', 1200));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: missing }));
    await put('incoming/notes for Jane Doe.txt', 'not a case file');

    const dead: string[] = [];
    for (let n = 0; n < 60 && dead.length < 2; n++) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
      dead.push(...(got.Messages ?? []).map((m) => m.Body!));
    }
    expect(dead).toHaveLength(2);
    expect(dead).toContain(missing);
    expect(dead).toContainEqual(JSON.stringify(sent.get('incoming/notes for Jane Doe.txt')));

    // Each was tried MAX_RECEIVES times; the last try says it goes to the dead-letter queue, with the reason.
    const failures = logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('S3 event not ingested'));
    for (const reason of ['SOURCE_NOT_FOUND', 'FORMAT_UNKNOWN']) {
      const lines = failures.filter((l) => l.reason === reason);
      expect(lines.map((l) => l.receiveCount)).toEqual(Array.from({ length: MAX_RECEIVES }, (_, i) => i + 1));
      expect(lines.at(-1)).toMatchObject({
        msg: 'S3 event not ingested: last receive, the message goes to the dead-letter queue',
        maxReceives: MAX_RECEIVES,
        bucket: BUCKET,
      });
      expect(await metric(new RegExp(`ingest_queue_failures_total\\{reason="${reason}",service="embedder"\\} (\\d+)`))).toBe(MAX_RECEIVES);
      expect(await metric(new RegExp(`ingest_queue_dead_lettered_total\\{reason="${reason}",service="embedder"\\} (\\d+)`))).toBe(1);
    }
    // No job for either, and the object keys (which can hold a name) never reach the logs.
    expect(await jobsFor(missingKey)).toEqual([]);
    expect(JSON.stringify(logs)).not.toMatch(/Jane|withdrawn|notes for/);
  });
});
