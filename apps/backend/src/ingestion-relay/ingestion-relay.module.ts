import { Module } from '@nestjs/common';
import { IngestionRelayController } from './ingestion-relay.controller.js';
import { IngestionRelayService } from './ingestion-relay.service.js';

@Module({ controllers: [IngestionRelayController], providers: [IngestionRelayService] })
export class IngestionRelayModule {}
