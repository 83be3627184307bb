import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import type { Role } from '@patientinsight/shared';
import type { Kysely } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';

export interface ActiveSession {
  sessionId: string;
  userId: string;
  role: Role;
  mustChangePassword: boolean;
}

/** SQL for `sessions`. */
@Injectable()
export class SessionsRepository {
  private readonly db: Kysely<BackendDb>;
  constructor(@Inject(DATABASE) database: Database<BackendDb>) {
    this.db = database.db;
  }

  async create(input: { userId: string; refreshTokenHash: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<string> {
    const row = await this.db
      .insertInto('sessions')
      .values({ user_id: input.userId, refresh_token_hash: input.refreshTokenHash, expires_at: input.expiresAt, ip: input.ip, user_agent: input.userAgent })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The session behind an access token, if it is still live and its account active. One indexed lookup per request. */
  async findActive(sessionId: string): Promise<ActiveSession | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id as sessionId', 'users.id as userId', 'users.role', 'users.must_change_password'])
      .where('sessions.id', '=', sessionId)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', new Date())
      .where('users.status', '=', 'active')
      .executeTakeFirst();
    return row ? { sessionId: row.sessionId, userId: row.userId, role: row.role, mustChangePassword: row.must_change_password } : null;
  }

  findByRefreshHash(hash: string) {
    return this.db.selectFrom('sessions').selectAll().where('refresh_token_hash', '=', hash).executeTakeFirst();
  }

  /** The live session whose refresh token was rotated away from this one (a replayed token). */
  findByPreviousRefreshHash(hash: string) {
    return this.db.selectFrom('sessions').selectAll().where('previous_refresh_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
  }

  /** Swaps the refresh token of a live session (rotation); false when it was revoked meanwhile. */
  async rotate(sessionId: string, oldHash: string, newHash: string, expiresAt: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ refresh_token_hash: newHash, previous_refresh_hash: oldHash, expires_at: expiresAt, last_used_at: new Date() })
      .where('id', '=', sessionId)
      .where('refresh_token_hash', '=', oldHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: new Date(), revoked_reason: reason }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }

  /** Ends every session of a user (password change, disabling, deletion), optionally keeping one. */
  async revokeAllFor(userId: string, reason: string, exceptSessionId?: string): Promise<void> {
    let query = this.db.updateTable('sessions').set({ revoked_at: new Date(), revoked_reason: reason }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
    await query.execute();
  }
}
