import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { Counter, type Registry } from 'prom-client';

/**
 * The S3-event queue's metrics. Registered whether or not a queue is configured, so every series the alert
 * rules and dashboards query exists (at zero) on every embedder.
 */
@Injectable()
export class IngestQueueMetrics {
  readonly messages: Counter<'outcome'>;
  readonly failures: Counter<'reason'>;
  readonly deadLettered: Counter<'reason'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.messages = new Counter({
      name: 'ingest_queue_objects_total',
      help: 'Objects named by S3 event notifications, by outcome (created: a job; duplicate: the job a redelivery already has; superseded: overwritten since; ignored: folder marker or test event)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'ingest_queue_failures_total',
      help: 'Queue messages that did not become jobs this time (left on the queue), by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'ingest_queue_dead_lettered_total',
      help: 'Queue messages that failed on their last receive (INGEST_QUEUE_MAX_RECEIVES): SQS moves them to the dead-letter queue',
      labelNames: ['reason'],
      registers: [registry],
    });
  }
}
