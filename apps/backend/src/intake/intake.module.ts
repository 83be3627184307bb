import { Module } from '@nestjs/common';
import { EncountersModule } from '../encounters/encounters.module.js';
import { LlmModule } from '../llm/llm.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';

@Module({
  imports: [EncountersModule, LlmModule, ReportsModule],
  controllers: [IntakeController],
  providers: [IntakeService],
})
export class IntakeModule {}
