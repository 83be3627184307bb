import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { configSlice } from '../common/config-slice.js';
import { LimitsModule } from '../limits/limits.module.js';
import { MailModule } from '../mail/mail.module.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AUTH_CONFIG, type AuthConfig, authConfigKeys } from './auth.config.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { PasswordResetRepository } from './password-reset.repository.js';
import { PasswordResetService } from './password-reset.service.js';
import { SessionsPort } from './sessions.port.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenService } from './token.service.js';

/** Accounts' credentials and sessions, and the global guard every route passes through. */
@Module({
  imports: [LimitsModule, MailModule],
  controllers: [AuthController],
  providers: [
    configSlice<AuthConfig>(AUTH_CONFIG, authConfigKeys),
    SessionsRepository,
    SessionsPort,
    TokenService,
    AuthService,
    PasswordResetRepository,
    PasswordResetService,
    AdminBootstrap,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, SessionsPort, PasswordResetService],
})
export class AuthModule {}
