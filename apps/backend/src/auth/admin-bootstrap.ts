import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AUTH_CONFIG, type AuthConfig } from './auth.config.js';
import { USER_ACCOUNTS, type UserAccounts } from '../users/user-accounts.port.js';
import { AuthService } from './auth.service.js';

/**
 * First start: when ADMIN_EMAIL and ADMIN_PASSWORD are set and no active admin exists, creates that
 * admin. There is no built-in account or password; without the variables, use the create-admin command.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(USER_ACCOUNTS) private readonly users: UserAccounts,
    private readonly auth: AuthService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.ADMIN_EMAIL;
    const password = this.config.ADMIN_PASSWORD;
    if (await this.users.anyAdmin()) return;
    if (!email || !password) {
      this.logger.warn(
        'No administrator exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `pnpm --filter @patientinsight/backend create-admin`',
      );
      return;
    }
    await this.auth.createAccount({
      email: email.trim().toLowerCase(),
      password,
      role: 'admin',
      displayName: 'Administrator',
      mustChangePassword: false,
      createdBy: null,
    });
    this.logger.log('First administrator created from ADMIN_EMAIL');
  }
}
