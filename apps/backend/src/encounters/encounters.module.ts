import { Module } from '@nestjs/common';
import { OnCallModule } from '../oncall/oncall.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { EncountersController, ReviewController } from './encounters.controller.js';
import { EncountersRepository } from './encounters.repository.js';
import { EncountersService } from './encounters.service.js';

/** Import this module to use EncountersService (see the comment at the top of encounters.service.ts). */
@Module({
  imports: [ProfilesModule, OnCallModule],
  controllers: [EncountersController, ReviewController],
  providers: [EncountersRepository, EncountersService],
  exports: [EncountersService, EncountersRepository],
})
export class EncountersModule {}
