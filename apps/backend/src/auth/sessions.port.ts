import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';
import { SessionsRepository } from './sessions.repository.js';

/** Why every session of an account ends when an admin changes it. */
export type AccountChangeReason = 'disabled' | 'role_changed';

/**
 * What the account feature (users/) needs of an account's sessions: ending them when an admin disables the account
 * or changes its role, and the erasure on account deletion, in the caller's transaction so the whole account goes in one.
 */
@Injectable()
export class SessionsPort {
  constructor(private readonly sessions: SessionsRepository) {}

  revokeAllFor(userId: string, reason: AccountChangeReason): Promise<void> {
    return this.sessions.revokeAllFor(userId, reason);
  }

  eraseFor(userId: string, trx: Transaction<BackendDb>): Promise<void> {
    return this.sessions.deleteForUser(trx, userId);
  }
}
