/** One created object named by an S3 event notification record. */
export interface CreatedObject {
  bucket: string;
  /** The object key, decoded (notifications carry it URL-encoded, a space as '+'). */
  key: string;
  /** Unquoted; absent in some records (then the object's current ETag is used). */
  etag: string | null;
}

export type S3EventMessage =
  /** `s3:TestEvent`, sent once when the notification is configured: nothing to ingest. */
  | { kind: 'test' }
  /** Object-created records (other event types in the same message are counted in `skipped`). */
  | { kind: 'objects'; objects: CreatedObject[]; skipped: number }
  /** Not an S3 event: it will never succeed, so it is left to the dead-letter queue. */
  | { kind: 'invalid'; reason: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** S3 encodes keys like an HTML form (`+` for a space, `%XX` for the rest). */
export function decodeEventKey(key: string): string | null {
  try {
    return decodeURIComponent(key.replace(/\+/g, '%20'));
  } catch {
    return null;
  }
}

/**
 * Parses an SQS message body written by an S3 event notification (`{"Records":[{"eventSource":"aws:s3",
 * "eventName":"ObjectCreated:Put","s3":{"bucket":{"name"},"object":{"key","eTag"}}}]}`), also when it went
 * through an SNS topic without raw delivery (`{"Type":"Notification","Message":"<the S3 event JSON>"}`).
 */
export function parseS3EventMessage(body: string): S3EventMessage {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'the body is not JSON' };
  }
  if (isObject(event) && event.Type === 'Notification' && typeof event.Message === 'string') return parseS3EventMessage(event.Message);
  if (!isObject(event)) return { kind: 'invalid', reason: 'the body is not a JSON object' };
  if (event.Event === 's3:TestEvent') return { kind: 'test' };
  if (!Array.isArray(event.Records)) return { kind: 'invalid', reason: 'no Records array (not an S3 event notification)' };
  const objects: CreatedObject[] = [];
  let skipped = 0;
  for (const [i, record] of event.Records.entries()) {
    if (!isObject(record) || record.eventSource !== 'aws:s3' || typeof record.eventName !== 'string')
      return { kind: 'invalid', reason: `Records[${i}] is not an S3 event record` };
    if (!record.eventName.startsWith('ObjectCreated:')) {
      skipped++;
      continue;
    }
    const s3 = record.s3;
    const bucket = isObject(s3) && isObject(s3.bucket) ? s3.bucket.name : undefined;
    const object = isObject(s3) && isObject(s3.object) ? s3.object : undefined;
    if (typeof bucket !== 'string' || bucket === '' || !object || typeof object.key !== 'string' || object.key === '') {
      return { kind: 'invalid', reason: `Records[${i}].s3 has no bucket name or object key` };
    }
    const key = decodeEventKey(object.key);
    if (key === null) return { kind: 'invalid', reason: `Records[${i}].s3.object.key is not URL-encoded correctly` };
    const etag = typeof object.eTag === 'string' && object.eTag !== '' ? object.eTag.replace(/^"(.*)"$/, '$1') : null;
    objects.push({ bucket, key, etag });
  }
  return { kind: 'objects', objects, skipped };
}
