import { Module } from '@nestjs/common';
import { ProfilesController } from './profiles.controller.js';
import { ProfilesPort } from './profiles.port.js';
import { ProfilesRepository } from './profiles.repository.js';
import { ProfilesService } from './profiles.service.js';

@Module({
  controllers: [ProfilesController],
  providers: [ProfilesRepository, ProfilesService, ProfilesPort],
  exports: [ProfilesService, ProfilesPort],
})
export class ProfilesModule {}
