import { GetQueueAttributesCommand, type Message, SQSClient } from '@aws-sdk/client-sqs';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppError, errorLogFields } from '@patientinsight/nest-kit';
import type { Counter } from 'prom-client';
import { Consumer } from 'sqs-consumer';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { IngestionService } from '../ingestion.service.js';
import { INGESTION_CONFIG, type IngestionConfig } from '../ingestion.tokens.js';
import { IngestQueueMetrics } from './ingest-queue.metrics.js';
import { type CreatedObject, parseS3EventMessage } from './s3-event.js';

/** Failure reasons that label the metrics (a bounded set: anything else is `INTERNAL`). */
const REASONS = new Set(['MESSAGE_INVALID', 'SOURCE_NOT_FOUND', 'SOURCE_FORBIDDEN', 'SOURCE_REFUSED', 'FORMAT_UNKNOWN', 'ETAG_MISSING']);

/** A message that will never become a job as it is (not an S3 event). */
class InvalidMessageError extends AppError {
  constructor(reason: string) {
    super('MESSAGE_INVALID', reason, 400);
  }
}

/** Keys may hold names: logs carry a digest of bucket/key, enough to match two lines or an object an operator has. */
export const objectRef = (object: Pick<CreatedObject, 'bucket' | 'key'>) =>
  createHash('sha256').update(`${object.bucket}/${object.key}`).digest('hex').slice(0, 16);

/** SQS region from the queue URL's host (`sqs.<region>.amazonaws.com`, legacy `<region>.queue.amazonaws.com`). */
export function queueRegion(queueUrl: string, fallback: string): string {
  const host = new URL(queueUrl).hostname;
  return /^sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(host)?.[1] ?? /^([a-z0-9-]+)\.queue\.amazonaws\.com/.exec(host)?.[1] ?? fallback;
}

/**
 * Consumes the case bucket's object-created notifications from SQS (INGEST_QUEUE_URL) and starts one ingestion job
 * per object through IngestionService. Long polling; the message stays hidden while its job is created (a heartbeat
 * extends its visibility); it is deleted only once the job row is committed. A message that fails is not deleted:
 * it comes back after the visibility timeout and, past the queue's maxReceiveCount, SQS moves it to the dead-letter queue.
 * Registered only when INGEST_QUEUE_URL is set.
 */
@Injectable()
export class IngestQueueConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IngestQueueConsumer.name);
  private readonly client: SQSClient;
  private readonly queueUrl: string;
  private consumer: Consumer | undefined;
  private inFlight = 0;
  private stopping = false;
  readonly messages: Counter<'outcome'>;
  readonly failures: Counter<'reason'>;
  readonly deadLettered: Counter<'reason'>;

  constructor(
    private readonly ingestion: IngestionService,
    metrics: IngestQueueMetrics,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {
    if (!config.INGEST_QUEUE_URL) throw new Error('IngestQueueConsumer needs INGEST_QUEUE_URL');
    const queueUrl = config.INGEST_QUEUE_URL;
    this.queueUrl = queueUrl;
    // The queue URL names its endpoint (AWS or a local server); credentials come from the default chain (IRSA in EKS).
    this.client = new SQSClient({
      endpoint: new URL(queueUrl).origin,
      region: queueRegion(queueUrl, process.env.AWS_REGION ?? config.S3_REGION),
      maxAttempts: 3,
    });
    this.messages = metrics.messages;
    this.failures = metrics.failures;
    this.deadLettered = metrics.deadLettered;
  }

  async onApplicationBootstrap(): Promise<void> {
    const config = this.config;
    await this.checkRedrivePolicy();
    const visibility = config.INGEST_QUEUE_VISIBILITY_SECONDS;
    this.consumer = Consumer.create({
      sqs: this.client,
      queueUrl: this.queueUrl,
      batchSize: 10,
      waitTimeSeconds: config.INGEST_QUEUE_WAIT_SECONDS,
      visibilityTimeout: visibility,
      // Extend the visibility at half its length while the job is created (needs a timeout of at least 2 s).
      heartbeatInterval: visibility >= 2 ? Math.floor(visibility / 2) : undefined,
      messageSystemAttributeNames: ['ApproximateReceiveCount'],
      // On shutdown: wait for the messages being handled (and the poll in progress) this long.
      pollingCompleteWaitTimeMs: config.SHUTDOWN_TIMEOUT_MS,
      handleMessage: (message) => this.handle(message),
    });
    // Errors talking to SQS (receive, delete, visibility): the consumer keeps polling; AWS error names carry no data.
    this.consumer.on('error', (error) => {
      // The long poll cut short at shutdown (sqs-consumer wraps the SDK's AbortError, keeping its name as the code).
      if (this.stopping && [error.name, (error as { code?: string }).code].includes('AbortError')) return;
      this.logger.warn(
        { ...errorLogFields(error), awsError: (error as { code?: string }).code ?? error.name },
        'SQS request of the ingestion queue failed',
      );
    });
    // handle() logged the reason; this is sqs-consumer's wrapper around it.
    this.consumer.on('processing_error', () => undefined);
    this.consumer.start();
    this.logger.log(
      { waitSeconds: config.INGEST_QUEUE_WAIT_SECONDS, visibilitySeconds: visibility, maxReceives: config.INGEST_QUEUE_MAX_RECEIVES },
      'consuming S3 object-created notifications',
    );
  }

  /** Stops polling and lets the messages being handled finish (their jobs are created and the messages deleted). */
  async beforeApplicationShutdown(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.stopping) return;
    this.stopping = true;
    const stopped = once(consumer, 'stopped');
    // Nothing being handled: the pending request is the long poll, cut short. Otherwise no poll is pending
    // (sqs-consumer polls again only after a batch is handled) and aborting would also cut the deletes.
    consumer.stop({ abort: this.inFlight === 0 });
    await stopped;
    this.client.destroy();
  }

  private async handle(message: Message): Promise<Message> {
    this.inFlight++;
    const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
    let current: CreatedObject | undefined;
    try {
      const parsed = parseS3EventMessage(message.Body ?? '');
      if (parsed.kind === 'invalid') throw new InvalidMessageError(parsed.reason);
      if (parsed.kind === 'test') {
        this.messages.inc({ outcome: 'ignored' });
        return message;
      }
      // Usually one record; with several, a failure retries the message and the jobs already created are found again.
      for (const object of parsed.objects) {
        current = object;
        const { outcome, job } = await this.ingestion.createFromObjectEvent(object);
        this.messages.inc({ outcome });
        this.logger.log(
          {
            messageId: message.MessageId,
            receiveCount,
            bucket: object.bucket,
            objectRef: objectRef(object),
            etag: object.etag,
            outcome,
            jobId: job?.id,
          },
          'S3 event handled',
        );
      }
      return message;
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      const reason = REASONS.has(code) ? code : 'INTERNAL';
      const last = receiveCount >= this.config.INGEST_QUEUE_MAX_RECEIVES;
      this.failures.inc({ reason });
      if (last) this.deadLettered.inc({ reason });
      // No error message: it can name the object key. The reason code, the object's digest and the receive count say enough.
      this.logger.warn(
        {
          messageId: message.MessageId,
          receiveCount,
          maxReceives: this.config.INGEST_QUEUE_MAX_RECEIVES,
          reason,
          ...(error instanceof InvalidMessageError ? { detail: error.message } : errorLogFields(error)),
          ...(current ? { bucket: current.bucket, objectRef: objectRef(current), etag: current.etag } : {}),
        },
        last
          ? 'S3 event not ingested: last receive, the message goes to the dead-letter queue'
          : 'S3 event not ingested: the message will be received again',
      );
      throw error;
    } finally {
      this.inFlight--;
    }
  }

  /** Without a redrive policy a poison message would come back until the retention period ends: say so at boot. */
  private async checkRedrivePolicy(): Promise<void> {
    try {
      const { Attributes } = await this.client.send(
        new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['RedrivePolicy'] }),
        { abortSignal: AbortSignal.timeout(10_000) },
      );
      const policy = Attributes?.RedrivePolicy
        ? (JSON.parse(Attributes.RedrivePolicy) as { maxReceiveCount?: number | string })
        : undefined;
      if (!policy)
        this.logger.warn('the ingestion queue has no redrive policy: a message that keeps failing is never moved to a dead-letter queue');
      else if (Number(policy.maxReceiveCount) !== this.config.INGEST_QUEUE_MAX_RECEIVES) {
        this.logger.warn(
          { queueMaxReceiveCount: Number(policy.maxReceiveCount), INGEST_QUEUE_MAX_RECEIVES: this.config.INGEST_QUEUE_MAX_RECEIVES },
          'INGEST_QUEUE_MAX_RECEIVES differs from the queue’s maxReceiveCount: the dead-letter metric counts at the wrong receive',
        );
      }
    } catch (error) {
      this.logger.warn(errorLogFields(error), 'could not read the ingestion queue’s redrive policy');
    }
  }
}
