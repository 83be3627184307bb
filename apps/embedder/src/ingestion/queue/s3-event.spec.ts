import { describe, expect, it } from '@jest/globals';
import { parseS3EventMessage } from './s3-event.js';
import { queueRegion } from './ingest-queue.consumer.js';
import { loadEmbedderConfig } from '../../config/embedder.config.js';

// A record as S3 writes it (documented event message structure, version 2.1), key URL-encoded.
const record = (eventName: string, key: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: '2.1',
  eventSource: 'aws:s3',
  awsRegion: 'eu-west-1',
  eventTime: '2026-12-06T21:00:00.000Z',
  eventName,
  s3: {
    s3SchemaVersion: '1.0',
    configurationId: 'cases',
    bucket: { name: 'patientinsight-cases', arn: 'arn:aws:s3:::patientinsight-cases' },
    object: { key, size: 1024, eTag: '0123456789abcdef0123456789abcdef', sequencer: '0055AED6DCD90281E5', ...extra },
  },
});

describe('parseS3EventMessage', () => {
  it('reads bucket, decoded key and ETag of each object-created record', () => {
    const body = JSON.stringify({
      Records: [
        record('ObjectCreated:Put', 'incoming/case+batch+%281%29%2B%C3%A9.csv'),
        record('ObjectCreated:CompleteMultipartUpload', 'big.jsonl', { eTag: '"abc-3"' }),
      ],
    });
    expect(parseS3EventMessage(body)).toEqual({
      kind: 'objects',
      objects: [
        { bucket: 'patientinsight-cases', key: 'incoming/case batch (1)+é.csv', etag: '0123456789abcdef0123456789abcdef' },
        { bucket: 'patientinsight-cases', key: 'big.jsonl', etag: 'abc-3' },
      ],
      skipped: 0,
    });
  });

  it('skips other event types and has no ETag when the record carries none', () => {
    const body = JSON.stringify({
      Records: [record('ObjectRemoved:Delete', 'gone.csv', { eTag: undefined }), record('ObjectCreated:Copy', 'copy.csv', { eTag: '' })],
    });
    expect(parseS3EventMessage(body)).toEqual({
      kind: 'objects',
      objects: [{ bucket: 'patientinsight-cases', key: 'copy.csv', etag: null }],
      skipped: 1,
    });
  });

  it('recognises the test event S3 sends when the notification is configured', () => {
    const body = JSON.stringify({
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: '2026-12-06T21:00:00.000Z',
      Bucket: 'patientinsight-cases',
      RequestId: 'R',
      HostId: 'H',
    });
    expect(parseS3EventMessage(body)).toEqual({ kind: 'test' });
  });

  it('unwraps an S3 event delivered through SNS without raw delivery', () => {
    const inner = JSON.stringify({ Records: [record('ObjectCreated:Post', 'a.csv')] });
    expect(
      parseS3EventMessage(JSON.stringify({ Type: 'Notification', MessageId: 'm', TopicArn: 'arn:aws:sns:eu-west-1:1:t', Message: inner })),
    ).toMatchObject({ kind: 'objects', objects: [{ key: 'a.csv' }] });
  });

  it.each([
    ['not JSON', 'hello', 'the body is not JSON'],
    ['a JSON array', '[1]', 'the body is not a JSON object'],
    ['no Records', '{"foo":1}', 'no Records array (not an S3 event notification)'],
    [
      'a record from another service',
      JSON.stringify({ Records: [{ ...record('ObjectCreated:Put', 'a.csv'), eventSource: 'aws:sqs' }] }),
      'Records[0] is not an S3 event record',
    ],
    [
      'a record without a key',
      JSON.stringify({ Records: [record('ObjectCreated:Put', '')] }),
      'Records[0].s3 has no bucket name or object key',
    ],
    [
      'a badly encoded key',
      JSON.stringify({ Records: [record('ObjectCreated:Put', 'a%E0%A4%A.csv')] }),
      'Records[0].s3.object.key is not URL-encoded correctly',
    ],
  ])('refuses %s with a reason', (_label, body, reason) => {
    expect(parseS3EventMessage(body)).toEqual({ kind: 'invalid', reason });
  });
});

describe('queue settings', () => {
  const base = { SERVICE_TOKEN: 'queue-spec-token-0123456789' };

  it('takes the region from an AWS queue URL, else the fallback', () => {
    expect(queueRegion('https://sqs.eu-west-1.amazonaws.com/123456789012/cases', 'us-east-1')).toBe('eu-west-1');
    expect(queueRegion('https://eu-central-1.queue.amazonaws.com/123456789012/cases', 'us-east-1')).toBe('eu-central-1');
    expect(queueRegion('http://127.0.0.1:4566/000000000000/cases', 'us-east-1')).toBe('us-east-1');
  });

  it('validates the queue settings at boot, naming the variable', () => {
    const defaults = loadEmbedderConfig({ ...base });
    expect(defaults.INGEST_QUEUE_URL).toBeUndefined();
    expect(defaults).toMatchObject({ INGEST_QUEUE_WAIT_SECONDS: 20, INGEST_QUEUE_VISIBILITY_SECONDS: 60, INGEST_QUEUE_MAX_RECEIVES: 5 });
    expect(() => loadEmbedderConfig({ ...base, INGEST_QUEUE_WAIT_SECONDS: '21' })).toThrow(/INGEST_QUEUE_WAIT_SECONDS/);
    expect(() => loadEmbedderConfig({ ...base, INGEST_QUEUE_URL: 'sqs://queue' })).toThrow(/INGEST_QUEUE_URL/);
    expect(() => loadEmbedderConfig({ ...base, INGEST_QUEUE_VISIBILITY_SECONDS: '0' })).toThrow(/INGEST_QUEUE_VISIBILITY_SECONDS/);
    expect(() => loadEmbedderConfig({ ...base, INGEST_QUEUE_MAX_RECEIVES: 'x' })).toThrow(/INGEST_QUEUE_MAX_RECEIVES/);
  });
});
