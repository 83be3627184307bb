import { type DynamicModule, Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import type { IngestionConfig } from './ingestion.config.js';
import { IngestionController } from './ingestion.controller.js';
import { IngestionMetrics } from './ingestion.metrics.js';
import { IngestionRepository } from './ingestion.repository.js';
import { IngestionService } from './ingestion.service.js';
import { INGESTION_CONFIG } from './ingestion.tokens.js';
import { IngestionWorker } from './ingestion.worker.js';
import { LiveReference } from './live-reference.js';
import { UploadRetention } from './upload-retention.js';
import { IngestQueueConsumer } from './queue/ingest-queue.consumer.js';
import { IngestQueueMetrics } from './queue/ingest-queue.metrics.js';

/**
 * Ingestion jobs: API, durable queue and worker. Needs a `CorpusIndexer` provider in the app
 * (the retrieval side registers it globally).
 */
@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [SourcesModule.forRoot(config), NotificationsModule.forRoot(config)],
      controllers: [IngestionController],
      providers: [
        { provide: INGESTION_CONFIG, useValue: config },
        IngestionRepository,
        IngestionMetrics,
        UploadRetention,
        LiveReference,
        IngestionWorker,
        IngestionService,
        // S3-event ingestion: only with a queue to consume (its metrics always, at zero without one).
        IngestQueueMetrics,
        ...(config.INGEST_QUEUE_URL ? [IngestQueueConsumer] : []),
      ],
      exports: [IngestionService],
    };
  }
}
