import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { PatientExport } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth.decorators.js';
import { InvalidCredentialsError } from '../auth/auth.errors.js';
import { verifyPassword } from '../auth/password-hasher.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { type EncounterRecord, EncountersRepository, toRecord } from '../encounters/encounters.repository.js';
import { EncountersService, toEncounterEvent } from '../encounters/encounters.service.js';
import { ProfilesRepository } from '../profiles/profiles.repository.js';
import { EXPORT_PAGE_SIZE, patientEventView } from './patient-export.js';
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

  /**
   * Everything the backend holds about the patient that they may see now, as the JSON text of a
   * PatientExport in pieces: encounters are read a page at a time (keyset on created_at, id), so
   * the export is complete for any number of them and the caller can stream it out.
   */
  async *exportJson(user: AuthUser): AsyncGenerator<string> {
    const row = await this.users.findById(user.id);
    if (!row) throw new InvalidCredentialsError();
    const versions = await this.profiles.history(user.id);
    const head: Omit<PatientExport, 'encounters'> = {
      exportedAt: new Date().toISOString(),
      account: toUser(row),
      profile: { versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), profile: v.profile })) },
    };
    let count = 0;
    let complete = false;
    try {
      yield `${JSON.stringify(head).slice(0, -1)},"encounters":[`;
      for await (const page of this.encounterPages(user.id)) {
        const events = await this.encounterRows.db
          .selectFrom('encounter_events')
          .selectAll()
          .where(
            'encounter_id',
            'in',
            page.map((r) => r.id),
          )
          .orderBy('id', 'asc')
          .execute();
        const items: PatientExport['encounters'] = [];
        for (const record of page) {
          items.push({
            ...(await this.encounters.toDetail(user, record)),
            events: events
              .filter((e) => e.encounter_id === record.id)
              .map((e) => patientEventView(toEncounterEvent(e), record.status))
              .filter((e) => e !== null),
          });
        }
        yield `${count > 0 ? ',' : ''}${items.map((item) => JSON.stringify(item)).join(',')}`;
        count += page.length;
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

  /** The patient's encounters, newest first, EXPORT_PAGE_SIZE at a time. */
  private async *encounterPages(patientId: string): AsyncGenerator<EncounterRecord[]> {
    // The cursor keeps created_at as PostgreSQL's text: a JS Date would drop the microseconds and skip rows.
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      let query = this.encounterRows.db
        .selectFrom('encounters')
        .selectAll()
        .select(sql<string>`created_at::text`.as('cursor_at'))
        .where('patient_id', '=', patientId);
      if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(EXPORT_PAGE_SIZE).execute();
      if (rows.length === 0) return;
      yield rows.map(toRecord);
      if (rows.length < EXPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.cursor_at, id: last.id };
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
      const encounters = await this.encounterRows.deleteForPatient(trx, user.id);
      await trx.deleteFrom('profile_versions').where('patient_id', '=', user.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
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
