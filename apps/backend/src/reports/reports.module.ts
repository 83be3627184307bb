import { Module } from '@nestjs/common';
import { EncountersModule } from '../encounters/encounters.module.js';
import { LlmModule } from '../llm/llm.module.js';
import { QaService } from './qa/qa.service.js';
import { configSlice } from '../common/config-slice.js';
import { MlflowTracker } from './mlflow-tracker.js';
import { REPORTS_CONFIG, type ReportsConfig, reportsConfigKeys } from './reports.config.js';
import { ReportBuilder } from './report-builder.js';
import { ReportMetrics } from './report-metrics.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Report generation, Q&A and PDF export (the EmbedderClient comes from the global EmbedderModule). */
@Module({
  imports: [EncountersModule, LlmModule],
  controllers: [ReportsController],
  providers: [
    configSlice<ReportsConfig>(REPORTS_CONFIG, reportsConfigKeys),
    ReportBuilder,
    ReportMetrics,
    ReportsService,
    QaService,
    MlflowTracker,
  ],
  exports: [ReportsService, ReportBuilder],
})
export class ReportsModule {}
