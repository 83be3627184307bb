import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import type { Role } from '@patientinsight/shared';
import type { Kysely, Transaction } from 'kysely';
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

  async create(input: {
    userId: string;
    refreshTokenHash: string;
    expiresAt: Date;
    absoluteExpiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<string> {
    const row = await this.db
      .insertInto('sessions')
      .values({
        user_id: input.userId,
        refresh_token_hash: input.refreshTokenHash,
        expires_at: input.expiresAt,
        absolute_expires_at: input.absoluteExpiresAt,
        ip: input.ip,
        user_agent: input.userAgent,
      })
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
      .where('sessions.absolute_expires_at', '>', new Date())
      .where('users.status', '=', 'active')
      .executeTakeFirst();
    return row ? { sessionId: row.sessionId, userId: row.userId, role: row.role, mustChangePassword: row.must_change_password } : null;
  }

  findById(sessionId: string) {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  }

  /** The session whose current refresh token this is. */
  findByRefreshHash(hash: string) {
    return this.db.selectFrom('sessions').selectAll().where('refresh_token_hash', '=', hash).executeTakeFirst();
  }

  /** A token the session rotated away from, with the session's state now. */
  findRotated(hash: string) {
    return this.db
      .selectFrom('session_refresh_history')
      .innerJoin('sessions', 'sessions.id', 'session_refresh_history.session_id')
      .select([
        'session_refresh_history.session_id as sessionId',
        'session_refresh_history.rotated_at as rotatedAt',
        'session_refresh_history.successor_hash as successorHash',
        'session_refresh_history.successor_sealed as successorSealed',
        'sessions.refresh_token_hash as currentHash',
        'sessions.user_id as userId',
      ])
      .where('session_refresh_history.token_hash', '=', hash)
      .executeTakeFirst();
  }

  /**
   * Swaps the refresh token of a live session (rotation) and keeps the old one in the family's
   * history, in one transaction; false when the token is no longer current (a concurrent refresh
   * won, or the session was revoked).
   */
  async rotate(
    sessionId: string,
    rotation: { oldHash: string; newHash: string; successorSealed: string; expiresAt: Date },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('sessions')
        .set({ refresh_token_hash: rotation.newHash, expires_at: rotation.expiresAt, last_used_at: new Date() })
        .where('id', '=', sessionId)
        .where('refresh_token_hash', '=', rotation.oldHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      // Older tokens' sealed successors are past any grace window by now: drop them.
      await trx
        .updateTable('session_refresh_history')
        .set({ successor_sealed: null })
        .where('session_id', '=', sessionId)
        .where('successor_sealed', 'is not', null)
        .execute();
      await trx
        .insertInto('session_refresh_history')
        .values({
          token_hash: rotation.oldHash,
          session_id: sessionId,
          successor_hash: rotation.newHash,
          successor_sealed: rotation.successorSealed,
        })
        .execute();
      return true;
    });
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: new Date(), revoked_reason: reason })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every session of a user (password change, disabling, deletion), optionally keeping one. */
  async revokeAllFor(userId: string, reason: string, exceptSessionId?: string): Promise<void> {
    let query = this.db
      .updateTable('sessions')
      .set({ revoked_at: new Date(), revoked_reason: reason })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
    await query.execute();
  }

  /** Account deletion: the account's sessions go (their refresh history cascades). */
  async deleteForUser(trx: Transaction<BackendDb>, userId: string): Promise<void> {
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }
}
