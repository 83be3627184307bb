import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LimitsModule } from '../limits/limits.module.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenService } from './token.service.js';

/** Accounts' credentials and sessions, and the global guard every route passes through. */
@Module({
  imports: [LimitsModule],
  controllers: [AuthController],
  providers: [SessionsRepository, TokenService, AuthService, AdminBootstrap, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionsRepository],
})
export class AuthModule {}
