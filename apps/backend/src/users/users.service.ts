import { Injectable } from '@nestjs/common';
import { AppError, NotFoundError } from '@patientinsight/nest-kit';
import type { AdminPasswordReset, CreateUserRequest, UpdateUserRequest, User, UserList, UserListQuery } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../common/ids.js';
import type { AuthUser } from '../common/auth.decorators.js';
import { AuthService } from '../auth/auth.service.js';
import { SessionsPort } from '../auth/sessions.port.js';
import { toUser, UsersRepository } from './users.repository.js';

/** An admin cannot lock themself out: another admin must disable or demote them. */
export class OwnAccessError extends AppError {
  constructor() {
    super('OWN_ACCESS_CHANGE', 'You cannot disable your own account or change your own role: ask another administrator', 409);
  }
}

export class LastAdminError extends AppError {
  constructor() {
    super('LAST_ADMIN', 'This is the last active administrator: create another one first', 409);
  }
}

/** An admin's own password is changed with the current one (change-password), never reset by themself. */
export class OwnPasswordResetError extends AppError {
  constructor() {
    super('OWN_PASSWORD_RESET', 'Change your own password under "Change password"; a temporary password is for other accounts', 409);
  }
}

/** Account management for admins: create staff (or any role), list, change role or status. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsPort,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  create(admin: AuthUser, input: CreateUserRequest): Promise<User> {
    // The person chooses their own password at first login; the initial one is a one-time secret.
    return this.auth.createAccount({
      email: input.email,
      password: input.initialPassword,
      role: input.role,
      displayName: input.displayName,
      mustChangePassword: true,
      createdBy: admin,
    });
  }

  async list(admin: AuthUser, query: UserListQuery): Promise<UserList> {
    const { rows, total } = await this.users.list(query);
    await this.audit.record({
      actor: admin,
      action: 'user.list',
      resourceType: 'user',
      outcome: 'success',
      details: { count: rows.length },
    });
    return { users: rows.map(toUser), total };
  }

  async get(admin: AuthUser, id: string): Promise<User> {
    const row = isUuid(id) ? await this.users.findById(id) : undefined;
    await this.audit.record({
      actor: admin,
      action: 'user.read',
      resourceType: 'user',
      resourceId: id.slice(0, 64),
      outcome: row ? 'success' : 'not_found',
    });
    if (!row) throw new NotFoundError('user', id.slice(0, 64));
    return toUser(row);
  }

  async resetPassword(admin: AuthUser, id: string, body: AdminPasswordReset): Promise<User> {
    const current = isUuid(id) ? await this.users.findById(id) : undefined;
    if (!current || current.status === 'deleted') throw new NotFoundError('user', id.slice(0, 64));
    if (id === admin.id) {
      await this.audit.record({
        actor: admin,
        action: 'user.password_reset',
        resourceType: 'user',
        resourceId: id,
        outcome: 'denied',
        details: { reason: 'own_account' },
      });
      throw new OwnPasswordResetError();
    }
    return this.auth.setTemporaryPassword(admin, current, body.temporaryPassword);
  }

  async update(admin: AuthUser, id: string, patch: UpdateUserRequest): Promise<User> {
    const current = isUuid(id) ? await this.users.findById(id) : undefined;
    if (!current || current.status === 'deleted') throw new NotFoundError('user', id.slice(0, 64));
    if (id === admin.id && (patch.status === 'disabled' || (patch.role !== undefined && patch.role !== current.role))) {
      await this.audit.record({
        actor: admin,
        action: 'user.update',
        resourceType: 'user',
        resourceId: id,
        outcome: 'denied',
        details: { fields: Object.keys(patch), reason: 'own_access' },
      });
      throw new OwnAccessError();
    }
    const losesAdmin =
      current.role === 'admin' && current.status === 'active' && ((patch.role && patch.role !== 'admin') || patch.status === 'disabled');
    if (losesAdmin && (await this.users.countActiveAdmins()) <= 1) throw new LastAdminError();
    const row = await this.users.update(id, { role: patch.role, display_name: patch.displayName, status: patch.status });
    if (!row) throw new NotFoundError('user', id);
    // A new role or a disabled account must not keep old tokens' authority.
    if ((patch.role && patch.role !== current.role) || patch.status === 'disabled')
      await this.sessions.revokeAllFor(id, patch.status === 'disabled' ? 'disabled' : 'role_changed');
    await this.audit.record({
      actor: admin,
      action: 'user.update',
      resourceType: 'user',
      resourceId: id,
      outcome: 'success',
      details: { fields: Object.keys(patch), role: row.role, status: row.status },
    });
    return toUser(row);
  }
}
