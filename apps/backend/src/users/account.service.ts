import { Injectable } from '@nestjs/common';
import type { PatientExport } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth.decorators.js';
import { InvalidCredentialsError } from '../auth/auth.errors.js';
import { verifyPassword } from '../auth/password-hasher.js';
import { SessionsPort } from '../auth/sessions.port.js';
import { EncountersPort } from '../encounters/encounters.port.js';
import { ProfilesPort } from '../profiles/profiles.port.js';
import { toUser, UsersRepository } from './users.repository.js';

/** A patient's own data: export everything (right of access), or delete the account (personal data goes, the audit trail stays). */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsPort,
    private readonly profiles: ProfilesPort,
    private readonly encounters: EncountersPort,
    private readonly audit: AuditService,
  ) {}

  /**
   * Everything the backend holds about the patient that they may see now, as the JSON text of a
   * PatientExport in pieces: encounters come a page at a time (EncountersPort.exportFor), so the
   * export is complete for any number of them and the caller can stream it out.
   */
  async *exportJson(user: AuthUser): AsyncGenerator<string> {
    const row = await this.users.findById(user.id);
    if (!row) throw new InvalidCredentialsError();
    const versions = await this.profiles.exportFor(user.id);
    const head: Omit<PatientExport, 'encounters'> = {
      exportedAt: new Date().toISOString(),
      account: toUser(row),
      profile: { versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), profile: v.profile })) },
    };
    let count = 0;
    let complete = false;
    try {
      yield `${JSON.stringify(head).slice(0, -1)},"encounters":[`;
      for await (const items of this.encounters.exportFor(user)) {
        yield `${count > 0 ? ',' : ''}${items.map((item) => JSON.stringify(item)).join(',')}`;
        count += items.length;
      }
      yield ']}';
      complete = true;
    } finally {
      // Also when the client went away or a page failed: part of the record was disclosed.
      const details = { encounters: count, profileVersions: versions.length, ...(complete ? {} : { incomplete: true }) };
      await this.audit.record({
        actor: user,
        action: 'account.export',
        resourceType: 'user',
        resourceId: user.id,
        patientId: user.id,
        outcome: complete ? 'success' : 'failure',
        details,
      });
    }
  }

  /**
   * Deletes the patient's profile versions, encounters (with history and feedback) and sessions, and
   * anonymises the account row, in one transaction. Audit rows are kept: they hold ids, not personal data.
   */
  async delete(user: AuthUser, password: string): Promise<void> {
    const row = await this.users.findById(user.id);
    if (!row || !(await verifyPassword(row.password_hash, password))) {
      await this.audit.record({
        actor: user,
        action: 'account.delete',
        resourceType: 'user',
        resourceId: user.id,
        patientId: user.id,
        outcome: 'failure',
        details: { reason: 'password' },
      });
      throw new InvalidCredentialsError();
    }
    const deleted = await this.users.db.transaction().execute(async (trx) => {
      const encounters = await this.encounters.eraseFor(user.id, trx);
      await this.profiles.eraseFor(user.id, trx);
      await this.sessions.eraseFor(user.id, trx);
      await this.users.anonymise(trx, user.id);
      return encounters;
    });
    await this.audit.record({
      actor: user,
      action: 'account.delete',
      resourceType: 'user',
      resourceId: user.id,
      patientId: user.id,
      outcome: 'success',
      details: { encounters: deleted },
    });
  }
}
