import { Inject, Injectable } from '@nestjs/common';
import { AppError, DATABASE, type Database } from '@patientinsight/nest-kit';
import type { Role, UserStatus } from '@patientinsight/shared';
import type { Kysely, Transaction } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';
import type { AccountPatch, NewAccount, UserAccounts, UserRow } from './user-accounts.port.js';

export { toUser, type UserRow } from './user-accounts.port.js';

/** PostgreSQL's unique_violation: the email is taken. Caught so its detail (the email) never reaches a log. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export class EmailTakenError extends AppError {
  constructor() {
    super('EMAIL_TAKEN', 'An account with this email already exists', 409);
  }
}

/** SQL for `users`. */
@Injectable()
export class UsersRepository implements UserAccounts {
  readonly db: Kysely<BackendDb>;
  constructor(@Inject(DATABASE) database: Database<BackendDb>) {
    this.db = database.db;
  }

  async create(input: NewAccount): Promise<UserRow> {
    try {
      return await this.db
        .insertInto('users')
        .values({
          email: input.email,
          password_hash: input.passwordHash,
          role: input.role,
          display_name: input.displayName,
          must_change_password: input.mustChangePassword,
          created_by: input.createdBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async anyAdmin(): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(filter: { role?: Role; status?: UserStatus; limit: number; offset: number }): Promise<{ rows: UserRow[]; total: number }> {
    let query = this.db.selectFrom('users');
    if (filter.role) query = query.where('role', '=', filter.role);
    if (filter.status) query = query.where('status', '=', filter.status);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('created_at', 'asc').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  async update(id: string, patch: AccountPatch): Promise<UserRow | undefined> {
    return this.db
      .updateTable('users')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Removes the personal data of an account but keeps the row, so audit entries still name an id
   * that existed. The email becomes a placeholder that cannot log in or collide.
   */
  async anonymise(trx: Transaction<BackendDb>, id: string): Promise<void> {
    await trx
      .updateTable('users')
      .set({
        email: `deleted-${id}@deleted.invalid`,
        display_name: 'Deleted account',
        password_hash: null,
        status: 'deleted',
        deleted_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  }
}
