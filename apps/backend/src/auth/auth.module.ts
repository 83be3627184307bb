import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { BackendConfig } from '../config/backend.config.js';
import { UsersRepository } from '../users/users.repository.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { loginThrottleOptions } from './login-throttle.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenService } from './token.service.js';

/** Accounts' credentials and sessions, and the global guard every route passes through. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<BackendConfig, true>) => loginThrottleOptions(config),
    }),
  ],
  controllers: [AuthController],
  providers: [UsersRepository, SessionsRepository, TokenService, AuthService, AdminBootstrap, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionsRepository, UsersRepository],
})
export class AuthModule {}
