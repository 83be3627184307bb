import { Global, Module } from '@nestjs/common';
import { USER_ACCOUNTS } from './user-accounts.port.js';
import { UsersRepository } from './users.repository.js';

/** Global: the accounts store behind the USER_ACCOUNTS port, so auth uses it without importing the users feature. */
@Global()
@Module({
  providers: [UsersRepository, { provide: USER_ACCOUNTS, useExisting: UsersRepository }],
  exports: [UsersRepository, USER_ACCOUNTS],
})
export class UserAccountsModule {}
