import type { Role, User, UserStatus } from '@patientinsight/shared';
import type { Selectable } from 'kysely';
import type { UsersTable } from '../database/backend-db.js';

export type UserRow = Selectable<UsersTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    displayName: row.display_name,
    status: row.status,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at.toISOString(),
  };
}

export interface NewAccount {
  email: string;
  passwordHash: string;
  role: Role;
  displayName: string;
  mustChangePassword: boolean;
  createdBy: string | null;
}

export type AccountPatch = Partial<{
  role: Role;
  display_name: string;
  status: UserStatus;
  password_hash: string;
  must_change_password: boolean;
  password_changed_at: Date;
}>;

/**
 * What other features need of the accounts (auth: sign-in, sessions, account creation; reports: the patient's
 * name to mask). UsersRepository implements it; they inject USER_ACCOUNTS, never the users folder's internals.
 */
export interface UserAccounts {
  create(input: NewAccount): Promise<UserRow>;
  findByEmail(email: string): Promise<UserRow | undefined>;
  findById(id: string): Promise<UserRow | undefined>;
  anyAdmin(): Promise<boolean>;
  update(id: string, patch: AccountPatch): Promise<UserRow | undefined>;
}

export const USER_ACCOUNTS = Symbol('USER_ACCOUNTS');
