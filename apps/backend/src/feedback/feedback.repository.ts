import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import type { Feedback } from '@patientinsight/shared';
import type { Kysely, Selectable } from 'kysely';
import type { BackendDb, FeedbackTable } from '../database/backend-db.js';

function toFeedback(row: Selectable<FeedbackTable>): Feedback {
  return {
    id: row.id,
    encounterId: row.encounter_id,
    doctorId: row.doctor_id,
    target: row.target,
    caseId: row.target === 'case' ? row.case_id : null,
    useful: row.useful,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** SQL for `feedback`. */
@Injectable()
export class FeedbackRepository {
  private readonly db: Kysely<BackendDb>;
  constructor(@Inject(DATABASE) database: Database<BackendDb>) {
    this.db = database.db;
  }

  /** One rating per doctor and target: saving again replaces it. */
  async upsert(input: {
    encounterId: string;
    doctorId: string;
    target: 'report' | 'case';
    caseId: string;
    useful: boolean;
    comment: string | null;
  }): Promise<Feedback> {
    const row = await this.db
      .insertInto('feedback')
      .values({
        encounter_id: input.encounterId,
        doctor_id: input.doctorId,
        target: input.target,
        case_id: input.caseId,
        useful: input.useful,
        comment: input.comment,
      })
      .onConflict((oc) =>
        oc
          .columns(['encounter_id', 'doctor_id', 'target', 'case_id'])
          .doUpdateSet({ useful: input.useful, comment: input.comment, updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toFeedback(row);
  }

  async forEncounter(encounterId: string): Promise<Feedback[]> {
    const rows = await this.db.selectFrom('feedback').selectAll().where('encounter_id', '=', encounterId).orderBy('created_at').execute();
    return rows.map(toFeedback);
  }

  async list(filter: { from?: Date; to?: Date; limit: number }): Promise<Feedback[]> {
    let query = this.db.selectFrom('feedback').selectAll();
    if (filter.from) query = query.where('updated_at', '>=', filter.from);
    if (filter.to) query = query.where('updated_at', '<', filter.to);
    const rows = await query.orderBy('updated_at', 'desc').limit(filter.limit).execute();
    return rows.map(toFeedback);
  }
}
