import { Injectable } from '@nestjs/common';
import type { PatientExport } from '@patientinsight/shared';
import type { Transaction } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';
import { EncountersRepository, type PatientPage, type PatientPageCursor } from './encounters.repository.js';
import { type EncounterActor, EncountersService, toEncounterEvent } from './encounters.service.js';
import { EXPORT_PAGE_SIZE, patientEventView } from './patient-export.js';

/**
 * What the account feature (users/) needs of a patient's encounters: the export (right of access) and the
 * erasure (account deletion). The erasure takes the caller's transaction, so the whole account goes in one.
 */
@Injectable()
export class EncountersPort {
  constructor(
    private readonly rows: EncountersRepository,
    private readonly encounters: EncountersService,
  ) {}

  /**
   * The patient's encounters as they may see them now, each with the history they may see (patient-export.ts),
   * newest first, EXPORT_PAGE_SIZE at a time: bounded memory for any number of encounters.
   */
  async *exportFor(patient: EncounterActor): AsyncGenerator<PatientExport['encounters']> {
    let after: PatientPageCursor | null = null;
    do {
      const page: PatientPage = await this.rows.pageForPatient(patient.id, after, EXPORT_PAGE_SIZE);
      if (page.records.length === 0) return;
      const events = await this.rows.eventsOf(page.records.map((r) => r.id));
      const items: PatientExport['encounters'] = [];
      for (const record of page.records) {
        items.push({
          ...(await this.encounters.toDetail(patient, record)),
          events: events
            .filter((e) => e.encounter_id === record.id)
            .map((e) => patientEventView(toEncounterEvent(e), record.status))
            .filter((e) => e !== null),
        });
      }
      yield items;
      after = page.next;
    } while (after);
  }

  /** Account deletion: the patient's encounters and their history go (events and feedback cascade); returns how many. */
  eraseFor(patientId: string, trx: Transaction<BackendDb>): Promise<number> {
    return this.rows.deleteForPatient(trx, patientId);
  }
}
