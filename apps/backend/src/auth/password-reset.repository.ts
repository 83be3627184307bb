import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import type { Kysely } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';

/** SQL for `password_reset_tokens` (hashes only). */
@Injectable()
export class PasswordResetRepository {
  private readonly db: Kysely<BackendDb>;
  constructor(@Inject(DATABASE) database: Database<BackendDb>) {
    this.db = database.db;
  }

  async create(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.insertInto('password_reset_tokens').values({ user_id: userId, token_hash: tokenHash, expires_at: expiresAt }).execute();
  }

  /**
   * Marks the token used and answers its account, in one statement, only if it is unused and not
   * expired: two confirmations racing with one link cannot both win.
   */
  async consume(tokenHash: string): Promise<{ userId: string } | undefined> {
    const row = await this.db
      .updateTable('password_reset_tokens')
      .set({ used_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('user_id')
      .executeTakeFirst();
    return row ? { userId: row.user_id } : undefined;
  }

  /** Why a token was refused and whose it was, for the audit trail only (the caller always gets the same answer). */
  async refusal(tokenHash: string): Promise<{ reason: 'unknown' | 'used' | 'expired'; userId: string | null }> {
    const row = await this.db
      .selectFrom('password_reset_tokens')
      .select(['user_id', 'used_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return { reason: 'unknown', userId: null };
    return { reason: row.used_at ? 'used' : 'expired', userId: row.user_id };
  }

  /** Every other link of the account dies once one is used (or an admin resets the password). */
  async invalidateAllFor(userId: string): Promise<void> {
    await this.db
      .updateTable('password_reset_tokens')
      .set({ used_at: new Date() })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }
}
