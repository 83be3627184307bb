import { Module } from '@nestjs/common';
import { EncountersModule } from '../encounters/encounters.module.js';
import { LlmModule } from '../llm/llm.module.js';
import { QaService } from './qa/qa.service.js';
import { ConfigService } from '@nestjs/config';
import { MlflowTracker } from './mlflow-tracker.js';
import { pickReportsConfig, REPORTS_CONFIG } from './reports.config.js';
import { ReportBuilder } from './report-builder.js';
import { ReportMetrics } from './report-metrics.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Report generation, Q&A and PDF export (the EmbedderClient comes from the global EmbedderModule). */
@Module({
  imports: [EncountersModule, LlmModule],
  controllers: [ReportsController],
  providers: [
    { provide: REPORTS_CONFIG, useFactory: (config: ConfigService) => pickReportsConfig((key) => config.get(key)), inject: [ConfigService] },
    ReportBuilder,
    ReportMetrics,
    ReportsService,
    QaService,
    MlflowTracker,
  ],
  exports: [ReportsService, ReportBuilder],
})
export class ReportsModule {}
