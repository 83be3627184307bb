import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { OnCallModule } from '../oncall/oncall.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { EncountersController, ReviewController } from './encounters.controller.js';
import { EncountersPort } from './encounters.port.js';
import { EncountersRepository } from './encounters.repository.js';
import { EncountersService } from './encounters.service.js';
import { PatientNotifier } from './patient-notifier.js';

/** Import this module to use EncountersService (see the comment at the top of encounters.service.ts). */
@Module({
  imports: [ProfilesModule, OnCallModule, MailModule],
  controllers: [EncountersController, ReviewController],
  providers: [EncountersRepository, EncountersService, EncountersPort, PatientNotifier],
  exports: [EncountersService, EncountersPort],
})
export class EncountersModule {}
