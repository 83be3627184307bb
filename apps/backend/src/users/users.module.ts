import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EncountersModule } from '../encounters/encounters.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { AccountService } from './account.service.js';
import { AccountController, UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuthModule, ProfilesModule, EncountersModule],
  controllers: [UsersController, AccountController],
  providers: [UsersService, AccountService],
})
export class UsersModule {}
