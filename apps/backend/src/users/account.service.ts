import { Injectable } from '@nestjs/common';
import type { PatientExport } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { InvalidCredentialsError } from '../auth/auth.errors.js';
import { verifyPassword } from '../auth/password-hasher.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { EncountersRepository } from '../encounters/encounters.repository.js';
import { EncountersService, toEncounterEvent } from '../encounters/encounters.service.js';
import { ProfilesRepository } from '../profiles/profiles.repository.js';
import { toUser, UsersRepository } from './users.repository.js';

/** A patient's own data: export everything (right of access), or delete the account (personal data goes, the audit trail stays). */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly profiles: ProfilesRepository,
    private readonly encounterRows: EncountersRepository,
    private readonly encounters: EncountersService,
    private readonly audit: AuditService,
  ) {}

  async export(user: AuthUser): Promise<PatientExport> {
    const row = await this.users.findById(user.id);
    if (!row) throw new InvalidCredentialsError();
    const [versions, records, events] = await Promise.all([this.profiles.history(user.id), this.encounterRows.listForPatient(user.id), this.encounterRows.eventsForPatient(user.id)]);
    const result: PatientExport = {
      exportedAt: new Date().toISOString(),
      account: toUser(row),
      profile: { versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), profile: v.profile })) },
      encounters: await Promise.all(
        records.map(async (record) => ({
          ...(await this.encounters.toDetail(user, record)),
          events: events.filter((e) => e.encounter_id === record.id).map(toEncounterEvent),
        })),
      ),
    };
    await this.audit.record({ actor: user, action: 'account.export', resourceType: 'user', resourceId: user.id, patientId: user.id, outcome: 'success', details: { encounters: records.length, profileVersions: versions.length } });
    return result;
  }

  /**
   * Deletes the patient's profile versions, encounters (with history and feedback) and sessions, and
   * anonymises the account row, in one transaction. Audit rows are kept: they hold ids, not personal data.
   */
  async delete(user: AuthUser, password: string): Promise<void> {
    const row = await this.users.findById(user.id);
    if (!row || !(await verifyPassword(row.password_hash, password))) {
      await this.audit.record({ actor: user, action: 'account.delete', resourceType: 'user', resourceId: user.id, patientId: user.id, outcome: 'failure', details: { reason: 'password' } });
      throw new InvalidCredentialsError();
    }
    const deleted = await this.users.db.transaction().execute(async (trx) => {
      const encounters = await this.encounterRows.deleteForPatient(trx, user.id);
      await trx.deleteFrom('profile_versions').where('patient_id', '=', user.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await this.users.anonymise(trx, user.id);
      return encounters;
    });
    await this.audit.record({ actor: user, action: 'account.delete', resourceType: 'user', resourceId: user.id, patientId: user.id, outcome: 'success', details: { encounters: deleted } });
  }
}
