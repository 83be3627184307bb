import { Inject, Injectable } from '@nestjs/common';
import { currentRequestContext } from '@patientinsight/nest-kit';
import type { AuthResponse, ChangePasswordRequest, LoginRequest, RegisterRequest, Role, User } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import { toUser, type UserRow, UsersRepository } from '../users/users.repository.js';
import type { AuthUser } from './auth.decorators.js';
import { InvalidCredentialsError, UnauthenticatedError } from './auth.errors.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
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
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokenService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async register(input: RegisterRequest): Promise<IssuedSession> {
    const row = await this.users.create({ email: input.email, passwordHash: await hashPassword(input.password), role: 'patient', displayName: input.displayName, mustChangePassword: false, createdBy: null });
    await this.audit.record({ actor: { id: row.id, role: row.role }, action: 'account.register', resourceType: 'user', resourceId: row.id, patientId: row.id, outcome: 'success' });
    return this.startSession(row);
  }

  async login(input: LoginRequest): Promise<IssuedSession> {
    const row = await this.users.findByEmail(input.email);
    const passwordOk = await verifyPassword(row?.password_hash, input.password);
    if (!row || !passwordOk || row.status !== 'active') {
      const reason = !row ? 'unknown_account' : !passwordOk ? 'wrong_password' : `account_${row.status}`;
      await this.audit.record({ actor: null, action: 'auth.login', resourceType: 'user', resourceId: row?.id ?? null, outcome: 'failure', details: { reason } });
      throw new InvalidCredentialsError();
    }
    const session = await this.startSession(row);
    await this.audit.record({ actor: { id: row.id, role: row.role }, action: 'auth.login', resourceType: 'session', resourceId: session.sessionId, outcome: 'success' });
    return session;
  }

  /** Rotates the refresh token: the presented one stops working whether or not this succeeds. */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new UnauthenticatedError('No refresh cookie: sign in again');
    const oldHash = this.tokens.hashRefreshToken(refreshToken);
    const session = await this.sessions.findByRefreshHash(oldHash);
    if (!session) {
      // A token that was already rotated: a copy is in someone else's hands. End that session for both.
      const replayed = await this.sessions.findByPreviousRefreshHash(oldHash);
      if (replayed) {
        await this.sessions.revoke(replayed.id, 'refresh_token_reused');
        await this.audit.record({ actor: null, action: 'auth.refresh_reuse', resourceType: 'session', resourceId: replayed.id, outcome: 'denied', details: { userId: replayed.user_id } });
      }
    }
    const user = session ? await this.users.findById(session.user_id) : undefined;
    if (!session || !user || session.revoked_at || session.expires_at <= new Date() || user.status !== 'active') {
      await this.audit.record({ actor: null, action: 'auth.refresh', resourceType: 'session', resourceId: session?.id ?? null, outcome: 'failure' });
      throw new UnauthenticatedError('The session has ended: sign in again');
    }
    const newToken = this.tokens.newRefreshToken();
    const expiresAt = new Date(Date.now() + this.tokens.refreshTtlSeconds * 1000);
    if (!(await this.sessions.rotate(session.id, oldHash, this.tokens.hashRefreshToken(newToken), expiresAt))) {
      throw new UnauthenticatedError('The session has ended: sign in again');
    }
    await this.audit.record({ actor: { id: user.id, role: user.role }, action: 'auth.refresh', resourceType: 'session', resourceId: session.id, outcome: 'success' });
    return { body: await this.authBody(user, session.id), refreshToken: newToken, refreshExpiresAt: expiresAt };
  }

  /** Ends the session named by the refresh cookie (works with an expired access token too). */
  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const session = await this.sessions.findByRefreshHash(this.tokens.hashRefreshToken(refreshToken));
    if (!session || session.revoked_at) return;
    await this.sessions.revoke(session.id, 'logout');
    const user = await this.users.findById(session.user_id);
    await this.audit.record({ actor: user ? { id: user.id, role: user.role } : null, action: 'auth.logout', resourceType: 'session', resourceId: session.id, outcome: 'success' });
  }

  async changePassword(user: AuthUser, input: ChangePasswordRequest): Promise<void> {
    const row = await this.users.findById(user.id);
    if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
      await this.audit.record({ actor: user, action: 'auth.change_password', resourceType: 'user', resourceId: user.id, outcome: 'failure' });
      throw new InvalidCredentialsError();
    }
    await this.users.update(user.id, { password_hash: await hashPassword(input.newPassword), must_change_password: false, password_changed_at: new Date() });
    await this.sessions.revokeAllFor(user.id, 'password_changed', user.sessionId);
    await this.audit.record({ actor: user, action: 'auth.change_password', resourceType: 'user', resourceId: user.id, outcome: 'success' });
  }

  /** Creates an account of any role (admins, the first-admin bootstrap and the CLI). */
  async createAccount(input: { email: string; password: string; role: Role; displayName: string; mustChangePassword: boolean; createdBy: AuthUser | null }): Promise<User> {
    const row = await this.users.create({ ...input, passwordHash: await hashPassword(input.password), createdBy: input.createdBy?.id ?? null });
    await this.audit.record({ actor: input.createdBy, action: 'account.create', resourceType: 'user', resourceId: row.id, outcome: 'success', details: { role: row.role } });
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
