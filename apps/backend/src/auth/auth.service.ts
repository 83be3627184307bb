import { Inject, Injectable } from '@nestjs/common';
import { currentRequestContext } from '@patientinsight/nest-kit';
import type { AuthResponse, ChangePasswordRequest, LoginRequest, RegisterRequest, Role, User } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import { toUser, USER_ACCOUNTS, type UserAccounts, type UserRow } from '../users/user-accounts.port.js';
import type { AuthUser } from '../common/auth.decorators.js';
import { InvalidCredentialsError, UnauthenticatedError } from './auth.errors.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { PasswordResetRepository } from './password-reset.repository.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenService } from './token.service.js';

/** What a login or refresh hands to the controller: the JSON body and the cookie value. */
export interface IssuedSession {
  body: AuthResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Registration, login, refresh, logout and password changes. No HTTP here: the controller sets cookies. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(USER_ACCOUNTS) private readonly users: UserAccounts,
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokenService,
    @Inject(AuditService) private readonly audit: AuditService,
    private readonly resetTokens: PasswordResetRepository,
  ) {}

  async register(input: RegisterRequest): Promise<IssuedSession> {
    const row = await this.users.create({
      email: input.email,
      passwordHash: await hashPassword(input.password),
      role: 'patient',
      displayName: input.displayName,
      mustChangePassword: false,
      createdBy: null,
    });
    await this.audit.record({
      actor: { id: row.id, role: row.role },
      action: 'account.register',
      resourceType: 'user',
      resourceId: row.id,
      patientId: row.id,
      outcome: 'success',
    });
    return this.startSession(row);
  }

  async login(input: LoginRequest): Promise<IssuedSession> {
    const row = await this.users.findByEmail(input.email);
    const passwordOk = await verifyPassword(row?.password_hash, input.password);
    if (!row || !passwordOk || row.status !== 'active') {
      const reason = !row ? 'unknown_account' : !passwordOk ? 'wrong_password' : `account_${row.status}`;
      await this.audit.record({
        actor: null,
        action: 'auth.login',
        resourceType: 'user',
        resourceId: row?.id ?? null,
        outcome: 'failure',
        details: { reason },
      });
      throw new InvalidCredentialsError();
    }
    const session = await this.startSession(row);
    await this.audit.record({
      actor: { id: row.id, role: row.role },
      action: 'auth.login',
      resourceType: 'session',
      resourceId: session.sessionId,
      outcome: 'success',
    });
    return session;
  }

  /**
   * Rotates the refresh token. A session is one token family: presenting any token it rotated away
   * from ends the session, except the one just rotated, while its successor is still current and
   * within REFRESH_REUSE_GRACE_SECONDS: that caller (another tab of the same browser, racing this
   * one) gets the same new token instead of a second one.
   */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new UnauthenticatedError('No refresh cookie: sign in again');
    const oldHash = this.tokens.hashRefreshToken(refreshToken);
    // Twice at most: a rotation lost to a concurrent refresh finds the token in the history next time.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const session = await this.sessions.findByRefreshHash(oldHash);
      if (session) {
        const user = await this.liveSessionUser(session);
        if (!user) break;
        const newToken = this.tokens.newRefreshToken();
        const expiresAt = new Date(Math.min(Date.now() + this.tokens.refreshTtlSeconds * 1000, session.absolute_expires_at.getTime()));
        const rotated = await this.sessions.rotate(session.id, {
          oldHash,
          newHash: this.tokens.hashRefreshToken(newToken),
          successorSealed: this.tokens.sealSuccessor(refreshToken, newToken),
          expiresAt,
        });
        if (!rotated) continue;
        await this.audit.record({
          actor: { id: user.id, role: user.role },
          action: 'auth.refresh',
          resourceType: 'session',
          resourceId: session.id,
          outcome: 'success',
        });
        return { body: await this.authBody(user, session.id), refreshToken: newToken, refreshExpiresAt: expiresAt };
      }
      const rotated = await this.sessions.findRotated(oldHash);
      if (!rotated) break;
      const graceOpen =
        rotated.currentHash === rotated.successorHash &&
        rotated.successorSealed !== null &&
        Date.now() - rotated.rotatedAt.getTime() <= this.tokens.refreshGraceSeconds * 1000;
      const successor = graceOpen && rotated.successorSealed ? this.tokens.openSuccessor(refreshToken, rotated.successorSealed) : null;
      if (successor) {
        const current = await this.sessions.findByRefreshHash(rotated.successorHash);
        const user = current ? await this.liveSessionUser(current) : undefined;
        if (!current || !user) break;
        await this.audit.record({
          actor: { id: user.id, role: user.role },
          action: 'auth.refresh',
          resourceType: 'session',
          resourceId: current.id,
          outcome: 'success',
          details: { grace: true },
        });
        return { body: await this.authBody(user, current.id), refreshToken: successor, refreshExpiresAt: current.expires_at };
      }
      // A rotated-away token again: a copy is in someone else's hands. End the family for both.
      await this.sessions.revoke(rotated.sessionId, 'refresh_token_reused');
      await this.audit.record({
        actor: null,
        action: 'auth.refresh_reuse',
        resourceType: 'session',
        resourceId: rotated.sessionId,
        outcome: 'denied',
        details: { userId: rotated.userId },
      });
      break;
    }
    await this.audit.record({ actor: null, action: 'auth.refresh', resourceType: 'session', resourceId: null, outcome: 'failure' });
    throw new UnauthenticatedError('The session has ended: sign in again');
  }

  /** The session's account when the session is live (not revoked, within both expiries) and the account active. */
  private async liveSessionUser(session: {
    user_id: string;
    revoked_at: Date | null;
    expires_at: Date;
    absolute_expires_at: Date;
  }): Promise<UserRow | undefined> {
    const now = Date.now();
    if (session.revoked_at || session.expires_at.getTime() <= now || session.absolute_expires_at.getTime() <= now) return undefined;
    const user = await this.users.findById(session.user_id);
    return user?.status === 'active' ? user : undefined;
  }

  /**
   * Ends the session named by the refresh cookie (works with an expired access token too) and the
   * one behind the bearer token, so a client holding only its access token can sign out as well.
   */
  async logout(refreshToken: string | undefined, accessToken: string | undefined): Promise<void> {
    const sessionIds = new Set<string>();
    if (refreshToken) {
      const session = await this.sessions.findByRefreshHash(this.tokens.hashRefreshToken(refreshToken));
      if (session && !session.revoked_at) sessionIds.add(session.id);
    }
    const claims = accessToken ? await this.tokens.verifyAccess(accessToken) : null;
    if (claims && (await this.sessions.findActive(claims.sessionId))?.userId === claims.userId) sessionIds.add(claims.sessionId);
    for (const sessionId of sessionIds) {
      const session = await this.sessions.findById(sessionId);
      if (!session) continue;
      await this.sessions.revoke(sessionId, 'logout');
      const user = await this.users.findById(session.user_id);
      await this.audit.record({
        actor: user ? { id: user.id, role: user.role } : null,
        action: 'auth.logout',
        resourceType: 'session',
        resourceId: sessionId,
        outcome: 'success',
      });
    }
  }

  async changePassword(user: AuthUser, input: ChangePasswordRequest): Promise<void> {
    const row = await this.users.findById(user.id);
    if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
      await this.audit.record({
        actor: user,
        action: 'auth.change_password',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'failure',
      });
      throw new InvalidCredentialsError();
    }
    await this.users.update(user.id, {
      password_hash: await hashPassword(input.newPassword),
      must_change_password: false,
      password_changed_at: new Date(),
    });
    await this.sessions.revokeAllFor(user.id, 'password_changed', user.sessionId);
    await this.audit.record({ actor: user, action: 'auth.change_password', resourceType: 'user', resourceId: user.id, outcome: 'success' });
  }

  /**
   * An admin gives an account a temporary password (told to the person out of band): every session
   * and e-mailed reset link of the account ends, and until the person chooses their own password every
   * route but change-password answers PASSWORD_CHANGE_REQUIRED.
   */
  async setTemporaryPassword(admin: AuthUser, row: UserRow, temporaryPassword: string): Promise<User> {
    const updated = await this.users.update(row.id, {
      password_hash: await hashPassword(temporaryPassword),
      must_change_password: true,
      password_changed_at: new Date(),
    });
    if (!updated) throw new UnauthenticatedError('The account no longer exists');
    await this.resetTokens.invalidateAllFor(row.id);
    await this.sessions.revokeAllFor(row.id, 'password_reset_by_admin');
    await this.audit.record({
      actor: admin,
      action: 'user.password_reset',
      resourceType: 'user',
      resourceId: row.id,
      patientId: row.role === 'patient' ? row.id : null,
      outcome: 'success',
    });
    return toUser(updated);
  }

  /** Creates an account of any role (admins, the first-admin bootstrap and the CLI). */
  async createAccount(input: {
    email: string;
    password: string;
    role: Role;
    displayName: string;
    mustChangePassword: boolean;
    createdBy: AuthUser | null;
  }): Promise<User> {
    const row = await this.users.create({
      ...input,
      passwordHash: await hashPassword(input.password),
      createdBy: input.createdBy?.id ?? null,
    });
    await this.audit.record({
      actor: input.createdBy,
      action: 'account.create',
      resourceType: 'user',
      resourceId: row.id,
      outcome: 'success',
      details: { role: row.role },
    });
    return toUser(row);
  }

  private async startSession(row: UserRow): Promise<IssuedSession & { sessionId: string }> {
    const context = currentRequestContext();
    const refreshToken = this.tokens.newRefreshToken();
    const refreshExpiresAt = new Date(Date.now() + this.tokens.refreshTtlSeconds * 1000);
    const sessionId = await this.sessions.create({
      userId: row.id,
      refreshTokenHash: this.tokens.hashRefreshToken(refreshToken),
      expiresAt: refreshExpiresAt,
      absoluteExpiresAt: new Date(Date.now() + this.tokens.sessionMaxLifetimeSeconds * 1000),
      ip: context?.ip ?? null,
      userAgent: context?.userAgent?.slice(0, 300) ?? null,
    });
    return { body: await this.authBody(row, sessionId), refreshToken, refreshExpiresAt, sessionId };
  }

  private async authBody(row: UserRow, sessionId: string): Promise<AuthResponse> {
    const accessToken = await this.tokens.signAccess({ userId: row.id, role: row.role, sessionId });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.tokens.accessTtlSeconds, user: toUser(row) };
  }
}
