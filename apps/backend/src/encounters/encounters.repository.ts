import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import type { PrescriptionItem } from '@patientinsight/shared';
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type {
  AcknowledgementAction,
  AlertStatus,
  BackendDb,
  EncounterStatus,
  EncountersTable,
  RedFlagSource,
} from '../database/backend-db.js';
import { toJsonb } from '../common/json.js';

type EncounterRow = Selectable<EncountersTable>;

/** Reproducibility data of a generated report. */
export interface ReportMetadata {
  model: string | null;
  promptVersion: string | null;
  corpusVersion: string | null;
  /** Retrieval parameters and anything else the generator wants kept with the report. */
  details?: Record<string, unknown> | null;
}

/** Where the next page of a patient's encounters starts (see pageForPatient). */
export interface PatientPageCursor {
  createdAt: string;
  id: string;
}

export interface PatientPage {
  records: EncounterRecord[];
  next: PatientPageCursor | null;
}

/** An encounter as the services see it (camelCase, parsed JSON). */
export interface EncounterRecord {
  id: string;
  patientId: string;
  status: EncounterStatus;
  profileVersion: number | null;
  conversation: unknown[];
  summary: Record<string, unknown> | null;
  triage: Record<string, unknown> | null;
  urgent: boolean;
  report: Record<string, unknown> | null;
  reportMeta: (ReportMetadata & { generatedAt: Date | null }) | null;
  claimedBy: string | null;
  claimedAt: Date | null;
  doctorNotes: string | null;
  prescription: PrescriptionItem[] | null;
  returnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  releasedAt: Date | null;
  revision: number;
  /** The open (or last) red-flag episode; null when triage never raised one through raiseRedFlag. */
  redFlag: RedFlagEpisode | null;
  /** For the patient once released. */
  patientMessage: string | null;
  nextSteps: string | null;
  /** Clinicians only. */
  privateNotes: string | null;
  /** Report cases the doctor shares with the patient, and the ones rated not useful (never shown to them). */
  sharedCaseIds: string[];
  hiddenCaseIds: string[];
  /** The last failed report generation, until a report is stored. */
  reportFailure: { code: string; message: string; at: string } | null;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export interface RedFlagEpisode {
  flaggedAt: Date;
  source: RedFlagSource;
  alertStatus: AlertStatus;
  alertSentAt: Date | null;
  acknowledgement: { by: string | null; at: Date; action: AcknowledgementAction; reason: string | null; message: string | null } | null;
}

function toEpisode(row: EncounterRow): RedFlagEpisode | null {
  if (!row.flagged_at) return null;
  return {
    flaggedAt: row.flagged_at,
    source: row.flag_source ?? 'intake',
    alertStatus: row.alert_status ?? 'pending',
    alertSentAt: row.alert_sent_at,
    acknowledgement:
      row.acknowledged_at && row.acknowledgement_action
        ? {
            by: row.acknowledged_by,
            at: row.acknowledged_at,
            action: row.acknowledgement_action,
            reason: row.acknowledgement_reason,
            message: row.acknowledgement_message,
          }
        : null,
  };
}

export function toRecord(row: EncounterRow): EncounterRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    status: row.status,
    profileVersion: row.profile_version,
    conversation: row.conversation ?? [],
    summary: row.summary,
    triage: row.triage,
    urgent: row.urgent,
    report: row.report,
    reportMeta:
      row.report_generated_at || row.report_model
        ? {
            model: row.report_model,
            promptVersion: row.report_prompt_version,
            corpusVersion: row.report_corpus_version,
            details: row.report_meta,
            generatedAt: row.report_generated_at,
          }
        : null,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    doctorNotes: row.doctor_notes,
    prescription: row.prescription as PrescriptionItem[] | null,
    returnReason: row.return_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    releasedAt: row.released_at,
    revision: row.revision,
    redFlag: toEpisode(row),
    patientMessage: row.patient_message ?? null,
    nextSteps: row.next_steps ?? null,
    privateNotes: row.private_notes ?? null,
    sharedCaseIds: stringList(row.shared_case_ids),
    hiddenCaseIds: stringList(row.hidden_case_ids),
    reportFailure: row.report_failure ?? null,
  };
}

/** One history entry: who changed what, and the status move if any. */
export interface EncounterEventInput {
  actorId: string | null;
  actorRole: string | null;
  type: string;
  fromStatus?: EncounterStatus | null;
  toStatus?: EncounterStatus | null;
  data?: Record<string, unknown> | null;
}

/** Conditions an update must meet, checked in the UPDATE itself so concurrent changes cannot interleave. */
export interface UpdateGuard {
  statuses?: readonly EncounterStatus[];
  claimedBy?: string;
  /** Only while the red flag waits for a doctor (two doctors cannot both acknowledge it). */
  unacknowledged?: boolean;
  /** Only if nothing changed since it was read (a check computed from that read still holds). */
  revision?: number;
}

export type EncounterPatch = Omit<Updateable<EncountersTable>, 'id' | 'patient_id' | 'revision' | 'updated_at'>;

/** SQL for `encounters` and `encounter_events`. */
@Injectable()
export class EncountersRepository {
  readonly db: Kysely<BackendDb>;
  constructor(@Inject(DATABASE) database: Database<BackendDb>) {
    this.db = database.db;
  }

  async create(patientId: string, profileVersion: number | null, event: EncounterEventInput): Promise<EncounterRecord> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('encounters')
        .values({ patient_id: patientId, profile_version: profileVersion })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.addEvent(trx, row.id, { ...event, toStatus: 'draft' });
      return toRecord(row);
    });
  }

  async findById(id: string): Promise<EncounterRecord | undefined> {
    const row = await this.db.selectFrom('encounters').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** Just what a report read needs (the hot path: no conversation, no summary). */
  async findForReport(id: string) {
    const row = await this.db
      .selectFrom('encounters')
      .select([
        'id',
        'patient_id',
        'status',
        'released_at',
        'report',
        'report_model',
        'report_prompt_version',
        'report_corpus_version',
        'report_meta',
        'report_generated_at',
        'doctor_notes',
        'prescription',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        patientId: row.patient_id,
        status: row.status,
        releasedAt: row.released_at,
        report: row.report,
        reportMeta:
          row.report_generated_at || row.report_model
            ? {
                model: row.report_model,
                promptVersion: row.report_prompt_version,
                corpusVersion: row.report_corpus_version,
                details: row.report_meta,
                generatedAt: row.report_generated_at,
              }
            : null,
        doctorNotes: row.doctor_notes,
        prescription: row.prescription as PrescriptionItem[] | null,
      }
    );
  }

  async listForPatient(patientId: string): Promise<EncounterRecord[]> {
    const rows = await this.db
      .selectFrom('encounters')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
    return rows.map(toRecord);
  }

  /**
   * One page of the patient's encounters, newest first, after the keyset cursor; `next` is null on the last page.
   * The cursor keeps created_at as PostgreSQL's text: a JS Date would drop the microseconds and skip rows.
   */
  async pageForPatient(patientId: string, after: PatientPageCursor | null, limit: number): Promise<PatientPage> {
    let query = this.db
      .selectFrom('encounters')
      .selectAll()
      .select(sql<string>`created_at::text`.as('cursor_at'))
      .where('patient_id', '=', patientId);
    if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    const last = rows.length === limit ? rows[rows.length - 1] : undefined;
    return { records: rows.map(toRecord), next: last ? { createdAt: last.cursor_at, id: last.id } : null };
  }

  /** The history of these encounters, oldest first. */
  async eventsOf(encounterIds: string[]) {
    if (encounterIds.length === 0) return [];
    return this.db.selectFrom('encounter_events').selectAll().where('encounter_id', 'in', encounterIds).orderBy('id', 'asc').execute();
  }

  /**
   * Applies a patch and records the event in one transaction. Returns undefined when the guard's
   * conditions no longer hold (someone else claimed it, the status moved on).
   */
  async update(id: string, guard: UpdateGuard, patch: EncounterPatch, event: EncounterEventInput): Promise<EncounterRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .updateTable('encounters')
        .set({ ...patch, updated_at: new Date(), revision: sql<number>`revision + 1` })
        .where('id', '=', id);
      if (guard.statuses) query = query.where('status', 'in', [...guard.statuses]);
      if (guard.claimedBy) query = query.where('claimed_by', '=', guard.claimedBy);
      if (guard.unacknowledged) query = query.where('flagged_at', 'is not', null).where('acknowledged_at', 'is', null);
      if (guard.revision !== undefined) query = query.where('revision', '=', guard.revision);
      const row = await query.returningAll().executeTakeFirst();
      if (!row) return undefined;
      await this.addEvent(trx, id, event);
      return toRecord(row);
    });
  }

  /** Appends intake turns without rewriting the ones already stored. */
  async appendConversation(
    id: string,
    guard: UpdateGuard,
    turns: unknown[],
    event: EncounterEventInput,
  ): Promise<EncounterRecord | undefined> {
    return this.update(id, guard, { conversation: sql<string>`conversation || ${toJsonb(turns)}::jsonb` as unknown as string }, event);
  }

  async events(id: string) {
    return this.db.selectFrom('encounter_events').selectAll().where('encounter_id', '=', id).orderBy('id', 'asc').execute();
  }

  async eventsForPatient(patientId: string) {
    return this.db
      .selectFrom('encounter_events')
      .innerJoin('encounters', 'encounters.id', 'encounter_events.encounter_id')
      .selectAll('encounter_events')
      .where('encounters.patient_id', '=', patientId)
      .orderBy('encounter_events.id', 'asc')
      .execute();
  }

  /** The review queue: urgent first, then the longest waiting. */
  async queue(status: 'submitted' | 'in_review', claimedBy: string | undefined, limit: number): Promise<EncounterRecord[]> {
    let query = this.db.selectFrom('encounters').selectAll().where('status', '=', status);
    if (claimedBy) query = query.where('claimed_by', '=', claimedBy);
    const rows = await query.orderBy('urgent', 'desc').orderBy('submitted_at', 'asc').orderBy('id').limit(limit).execute();
    return rows.map(toRecord);
  }

  /** Red flags no doctor has acknowledged, whatever the status: the oldest first. */
  async unacknowledged(limit: number): Promise<EncounterRecord[]> {
    const rows = await this.db
      .selectFrom('encounters')
      .selectAll()
      .where('flagged_at', 'is not', null)
      .where('acknowledged_at', 'is', null)
      .orderBy('flagged_at', 'asc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** How many red flags wait for a doctor and for how long the oldest has (the alert rule reads this). */
  async unacknowledgedStats(now: Date): Promise<{ count: number; oldestSeconds: number | null }> {
    const row = await this.db
      .selectFrom('encounters')
      .select([
        (eb) => eb.fn.countAll<string>().as('count'),
        sql<string | null>`max(extract(epoch from (${now}::timestamptz - flagged_at)))`.as('oldest'),
      ])
      .where('flagged_at', 'is not', null)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldestSeconds: row.oldest === null ? null : Math.max(0, Math.round(Number(row.oldest))) };
  }

  /** Display names of staff (the acknowledging doctor shown to the patient). */
  async displayName(userId: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
    return row?.display_name ?? null;
  }

  async countsByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('encounters')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async waitingStats(
    now: Date,
  ): Promise<{ count: number; urgentCount: number; oldestSeconds: number | null; medianSeconds: number | null }> {
    const row = await this.db
      .selectFrom('encounters')
      .select([
        (eb) => eb.fn.countAll<string>().as('count'),
        sql<string>`count(*) filter (where urgent)`.as('urgent_count'),
        sql<string | null>`max(extract(epoch from (${now}::timestamptz - submitted_at)))`.as('oldest'),
        sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from (${now}::timestamptz - submitted_at)))`.as(
          'median',
        ),
      ])
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    const seconds = (v: string | number | null) => (v === null ? null : Math.max(0, Math.round(Number(v))));
    return {
      count: Number(row.count),
      urgentCount: Number(row.urgent_count),
      oldestSeconds: seconds(row.oldest),
      medianSeconds: seconds(row.median),
    };
  }

  /** Account deletion: the encounters and their history go (events and feedback cascade). */
  async deleteForPatient(trx: Transaction<BackendDb>, patientId: string): Promise<number> {
    const result = await trx.deleteFrom('encounters').where('patient_id', '=', patientId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async addEvent(trx: Transaction<BackendDb>, encounterId: string, event: EncounterEventInput): Promise<void> {
    await trx
      .insertInto('encounter_events')
      .values({
        encounter_id: encounterId,
        actor_id: event.actorId,
        actor_role: event.actorRole,
        type: event.type,
        from_status: event.fromStatus ?? null,
        to_status: event.toStatus ?? null,
        data: event.data ? toJsonb(event.data) : null,
      })
      .execute();
  }
}
