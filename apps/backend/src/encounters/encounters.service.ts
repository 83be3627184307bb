/**
 * EncountersService: the encounter's life cycle and the only way other features touch encounters.
 *
 * API for the intake / report / Q&A features (call these; do not query `encounters` yourself).
 * `actor` is the `@CurrentUser()` of the request (`{ id, role }` is enough). Every call checks who may
 * do what, writes the history row, and records the audit entry; the getters throw
 * EncounterNotFoundError (404) for anything the actor may not see, so a route can just call them.
 *
 *   createDraft(actor)                         patient → EncounterRecord (status draft, profile version snapshotted)
 *   requireIntakeOpen(actor, id)               pre-check before an intake write: the patient's own encounter, draft or
 *                                              returned (only a refusal is audited here; the write audits itself)
 *   appendConversation(actor, id, turns)       appends ConversationTurn objects (intake.ts) to `conversation`
 *   setSummary(actor, id, summary)             stores the structured summary (IntakeSummary)
 *   setTriage(actor, id, triage, urgent)       stores the TriageResult; `urgent` can only go from false to true (an
 *                                              urgent result with flags and no red flag yet goes on to raiseRedFlag)
 *   raiseRedFlag(actor, id, triage, source)    a red flag raised by triage (source 'intake' | 'screening' | 'qa'):
 *                                              stores it (flags merged by category), puts the encounter in the review
 *                                              queue at once, first, whatever its status (a draft stays a draft, so
 *                                              the intake can go on after a misunderstanding), alerts on-call (webhook,
 *                                              e-mail: ids and categories only) and counts triage_red_flags_total.
 *                                              Any status: a question after release calls it too.
 *   setReport(actor, id, report, meta)         stores the generated Report plus model / prompt / corpus versions
 *                                              (allowed while draft, returned or submitted: not once a doctor holds it)
 *   submit(actor, id)                          draft|returned → submitted (needs a summary)
 *   requireReadable(actor, id, action)         the encounter if the actor may read it: its patient (report only once
 *                                              released: check `canSeeReport`), or any doctor once submitted. Audited as `action`.
 *   canSeeReport(actor, record)                whether this actor may see the report (and notes/prescription)
 *   profileFor(record)                         the profile version the encounter was created with
 *
 * Review (doctors): claim, unclaim, saveNotes (notes and message for the patient, next steps, private notes),
 * savePrescription (allergy-checked), setSharedCases, release, returnToPatient; queue, dashboard;
 * acknowledge(actor, id, body) answers a red flag (called_patient | advised_ed | no_action with a reason). An
 * urgent encounter can be claimed before it is submitted and released without a report (notes only); any
 * encounter can be released without one when the doctor wrote something for the patient.
 *   requireRegeneratable(actor, id)            a doctor's report regeneration: submitted, or in review held by them
 *   recordReportFailure(actor, id, error)      a generation that failed, shown to doctors until a report is stored
 *   setCaseHidden(actor, id, caseId, hidden)   a case rated not useful never reaches the patient
 *   recheckPrescriptions(actor, saved)         run on every profile save: a prescription that now conflicts with the
 *                                              patient's allergies gets a warning for doctors (allergyWarning); never
 *                                              a red flag, never a refused save
 *   patientView(actor, id)                     the patient's released view; the same shape is the doctor's preview
 *   patientViewOf(record)                      the same view of a record already checked (PDF, the patient's Q&A)
 *
 * Two readers: the clinician report (sections, scores, metadata), private notes and the share choices never
 * reach a patient; a patient reads only patientView.
 */
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type {
  AcknowledgeRequest,
  AllergyConflict,
  AllergyOverride,
  AllergyWarning,
  CitedCase,
  DoctorNotesRequest,
  Dashboard,
  EncounterDetail,
  EncounterEvent,
  EncounterList,
  EncounterListItem,
  EncounterStatus,
  PatientProfile,
  PatientView,
  PrescriptionItem,
  QueueItem,
  RedFlagState,
  ReportView,
  ReviewQueue,
  ReviewQueueQuery,
  Role,
  TriageResult,
} from '@patientinsight/shared';
import { ENCOUNTER_STATUSES } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import { ForbiddenError } from '../auth/auth.errors.js';
import { isUuid } from '../common/ids.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import {
  AllergyConflictError,
  CaseNotInReportError,
  EncounterNotFoundError,
  IntakeIncompleteError,
  InvalidTransitionError,
  NoRedFlagPendingError,
  NotClaimedByYouError,
  ReportMissingError,
} from './encounters.errors.js';
import {
  type EncounterPatch,
  type EncounterRecord,
  EncountersRepository,
  type ReportMetadata,
  type UpdateGuard,
} from './encounters.repository.js';
import { toJsonb } from '../common/json.js';
import { classesOfMedication, findAllergyConflicts } from './prescribing/allergy-check.js';
import { OnCallNotifier } from '../oncall/oncall.notifier.js';
import { RedFlagMetrics } from '../oncall/red-flag-metrics.js';
import { PatientNotifier } from './patient-notifier.js';

/** The drug-class lookup for other features (the reports' Q&A sends a question naming a medicine to the doctor). */
export { classesNamedByAllergy as medicineClassesNamedIn } from './prescribing/allergy-check.js';

export type { EncounterRecord, ReportMetadata } from './encounters.repository.js';

export interface EncounterActor {
  id: string;
  role: Role;
}

/** While the patient may still change the intake. */
const INTAKE_OPEN: readonly EncounterStatus[] = ['draft', 'returned'];
/** A report may be (re)generated until a doctor holds the encounter. */
const REPORT_WRITABLE: readonly EncounterStatus[] = ['draft', 'returned', 'submitted'];
/** An urgent encounter may be claimed before the patient submits it (the doctor acts on the red flag). */
const URGENT_CLAIMABLE: readonly EncounterStatus[] = ['draft', 'returned', 'submitted'];
/** A doctor may regenerate the report once submitted and until release (in review: only the doctor holding it). */
const REGENERATABLE: readonly EncounterStatus[] = ['submitted', 'in_review'];
/** The patient's words shown to the doctor with a red flag are cut to this length. */
const QUOTE_CHARS = 600;
/** A released prescription is re-checked against changed allergies this long after release (a course is usually shorter). */
export const RECHECK_RELEASED_DAYS = 30;

type Flag = TriageResult['flags'][number];

/** `acute_coronary_syndrome` → "Acute coronary syndrome" (the taxonomy id as a readable name). */
export function categoryName(category: string): string {
  const words = category.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The columns a newly stored report sets (a failure recorded earlier is cleared). */
function reportColumns(report: Record<string, unknown>, meta: ReportMetadata): EncounterPatch {
  return {
    report: toJsonb(report),
    report_model: meta.model,
    report_prompt_version: meta.promptVersion,
    report_corpus_version: meta.corpusVersion,
    report_meta: meta.details ? toJsonb(meta.details) : null,
    report_generated_at: new Date(),
    report_failure: null,
  };
}

function flagsOf(triage: Record<string, unknown> | null): Flag[] {
  const flags = triage?.flags;
  return Array.isArray(flags)
    ? (flags.filter((f) => f && typeof f === 'object' && typeof (f as Flag).category === 'string') as Flag[])
    : [];
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function chiefComplaint(record: EncounterRecord): string | null {
  const value = record.summary?.chiefComplaint;
  return typeof value === 'string' ? value : null;
}

@Injectable()
export class EncountersService implements OnApplicationShutdown {
  private readonly logger = new Logger(EncountersService.name);
  /** Alerts still being sent; shutdown waits for them so none is lost half-way. */
  private readonly alertsInFlight = new Set<Promise<void>>();

  constructor(
    private readonly encounters: EncountersRepository,
    private readonly profiles: ProfilesService,
    private readonly audit: AuditService,
    private readonly notifier: OnCallNotifier,
    private readonly metrics: RedFlagMetrics,
    private readonly patientNotifier: PatientNotifier,
  ) {
    metrics.readFrom(encounters);
    profiles.onSaved((actor, saved) => this.recheckPrescriptions(actor, saved));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.alertsInFlight]);
  }

  // ---- reads and visibility ----------------------------------------------------------------

  /** Patients see their own; doctors see every encounter once submitted, or at once when urgent; admins see none. */
  canRead(actor: EncounterActor, record: Pick<EncounterRecord, 'patientId' | 'status'> & { urgent?: boolean }): boolean {
    if (actor.role === 'patient') return record.patientId === actor.id;
    if (actor.role === 'doctor') return record.status !== 'draft' || record.urgent === true;
    return false;
  }

  /** The report, notes and prescription: the patient once released, doctors whenever they can read it. */
  canSeeReport(actor: EncounterActor, record: Pick<EncounterRecord, 'patientId' | 'status'>): boolean {
    if (!this.canRead(actor, record)) return false;
    return actor.role === 'doctor' || record.status === 'released';
  }

  /**
   * The encounter if `actor` may read it; otherwise EncounterNotFoundError, with the attempt on
   * record (including whose encounter it was, so "who tried to see patient X" can be answered).
   */
  async requireReadable(actor: EncounterActor, id: string, action = 'encounter.read', auditSuccess = true): Promise<EncounterRecord> {
    const record = isUuid(id) ? await this.encounters.findById(id) : undefined;
    const allowed = record !== undefined && this.canRead(actor, record);
    // A write audits its own outcome afterwards; only a refused lookup is recorded here for it.
    if (allowed && !auditSuccess) return record;
    await this.audit.record({
      actor,
      action,
      resourceType: 'encounter',
      resourceId: id.slice(0, 64),
      patientId: record?.patientId ?? null,
      outcome: allowed ? 'success' : 'not_found',
    });
    if (!record || !allowed) throw new EncounterNotFoundError(id.slice(0, 64));
    return record;
  }

  async list(actor: EncounterActor): Promise<EncounterList> {
    const records = await this.encounters.listForPatient(actor.id);
    await this.audit.record({
      actor,
      action: 'encounter.list',
      resourceType: 'encounter',
      patientId: actor.id,
      outcome: 'success',
      details: { count: records.length },
    });
    return { encounters: records.map((r) => this.toListItem(r)) };
  }

  async detail(actor: EncounterActor, id: string): Promise<EncounterDetail> {
    const record = await this.requireReadable(actor, id);
    return this.toDetail(actor, record);
  }

  /** The clinician report view: doctors only (404 for a patient whatever the status, and for anyone while there is no report). */
  async reportView(actor: EncounterActor, id: string): Promise<ReportView> {
    const record = isUuid(id) ? await this.encounters.findForReport(id) : undefined;
    const visible = record !== undefined && actor.role === 'doctor' && this.canSeeReport(actor, record) && record.report !== null;
    await this.audit.record({
      actor,
      action: 'report.read',
      resourceType: 'encounter',
      resourceId: id.slice(0, 64),
      patientId: record?.patientId ?? null,
      outcome: visible ? 'success' : 'not_found',
    });
    if (!record || !visible || !record.report) throw new EncounterNotFoundError(id.slice(0, 64));
    return {
      encounterId: record.id,
      status: record.status,
      releasedAt: iso(record.releasedAt),
      report: record.report,
      reportMeta: this.reportMeta(record) ?? { model: null, promptVersion: null, corpusVersion: null, generatedAt: null, details: null },
      doctorNotes: record.doctorNotes,
      prescription: record.prescription,
    };
  }

  /**
   * What the patient sees: for the patient only once released (404 before, as for anything unseen); for a
   * doctor (`preview`) what the patient would see if it were released now. One builder for both, so the
   * preview cannot drift from the released page.
   */
  async patientView(actor: EncounterActor, id: string, preview = false): Promise<PatientView> {
    const action = preview ? 'encounter.patient_preview' : 'encounter.patient_view';
    const record = isUuid(id) ? await this.encounters.findById(id) : undefined;
    const allowed =
      record !== undefined &&
      this.canRead(actor, record) &&
      (preview ? actor.role === 'doctor' : actor.role === 'patient' && record.status === 'released');
    await this.audit.record({
      actor,
      action,
      resourceType: 'encounter',
      resourceId: id.slice(0, 64),
      patientId: record?.patientId ?? null,
      outcome: allowed ? 'success' : 'not_found',
    });
    if (!record || !allowed) throw new EncounterNotFoundError(id.slice(0, 64));
    return this.patientViewOf(record);
  }

  /**
   * The patient's view of a record the caller has already checked and audited (the PDF, the patient's questions):
   * what the doctor wrote for them and the cases shared with them; never the report's sections.
   */
  async patientViewOf(record: EncounterRecord): Promise<PatientView> {
    const hidden = new Set(record.hiddenCaseIds);
    const shared = new Set(record.sharedCaseIds.filter((c) => !hidden.has(c)));
    const cases = reportCases(record.report).filter((c) => shared.has(c.caseId));
    return {
      encounterId: record.id,
      status: record.status,
      releasedAt: iso(record.releasedAt),
      doctorName: record.claimedBy ? await this.encounters.displayName(record.claimedBy) : null,
      message: record.patientMessage?.trim() || null,
      notes: record.doctorNotes?.trim() || null,
      prescription: record.prescription ?? [],
      nextSteps: (record.nextSteps ?? '')
        .split('\n')
        .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
        .filter((line) => line.length > 0),
      sharedCases: cases.map((c) => ({
        caseId: c.caseId,
        title: c.title,
        pmid: c.pmid,
        pubmedUrl: c.pubmedUrl,
        age: c.age,
        sex: c.sex,
        snippet: c.snippet,
      })),
      withReport: record.report !== null,
    };
  }

  async history(actor: EncounterActor, id: string): Promise<{ events: EncounterEvent[] }> {
    const record = await this.requireReadable(actor, id, 'encounter.history');
    const events = await this.encounters.events(record.id);
    return { events: events.map(toEvent) };
  }

  async profileFor(record: EncounterRecord): Promise<PatientProfile | null> {
    if (record.profileVersion === null) return null;
    return (await this.profiles.version(record.patientId, record.profileVersion))?.profile ?? null;
  }

  // ---- intake (patient) ------------------------------------------------------------------------

  async createDraft(actor: EncounterActor): Promise<EncounterRecord> {
    if (actor.role !== 'patient') throw new ForbiddenError('Only patients start encounters');
    const profile = await this.profiles.latest(actor.id);
    const record = await this.encounters.create(actor.id, profile?.version ?? null, {
      actorId: actor.id,
      actorRole: actor.role,
      type: 'created',
    });
    await this.audit.record({
      actor,
      action: 'encounter.create',
      resourceType: 'encounter',
      resourceId: record.id,
      patientId: actor.id,
      outcome: 'success',
    });
    return record;
  }

  /** The patient's own encounter while the intake may still change (draft or returned). */
  async requireIntakeOpen(actor: EncounterActor, id: string): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, 'encounter.intake_read', false);
    if (actor.role !== 'patient') throw new EncounterNotFoundError(id);
    if (!INTAKE_OPEN.includes(record.status)) throw new InvalidTransitionError('change the intake of', record.status);
    return record;
  }

  async appendConversation(actor: EncounterActor, id: string, turns: unknown[]): Promise<EncounterRecord> {
    const record = await this.requireIntakeOpen(actor, id);
    const updated = await this.encounters.appendConversation(record.id, { statuses: INTAKE_OPEN }, turns, {
      actorId: actor.id,
      actorRole: actor.role,
      type: 'conversation',
      data: { turns: turns.length },
    });
    return this.written(actor, record, updated, 'encounter.conversation', 'change the intake of', { turns: turns.length });
  }

  async setSummary(actor: EncounterActor, id: string, summary: Record<string, unknown>): Promise<EncounterRecord> {
    const record = await this.requireIntakeOpen(actor, id);
    const updated = await this.encounters.update(
      record.id,
      { statuses: INTAKE_OPEN },
      { summary: toJsonb(summary) },
      { actorId: actor.id, actorRole: actor.role, type: 'summary', data: { summary } },
    );
    return this.written(actor, record, updated, 'encounter.summary', 'change the intake of');
  }

  async setTriage(actor: EncounterActor, id: string, triage: Record<string, unknown>, urgent: boolean): Promise<EncounterRecord> {
    const record = await this.requireIntakeOpen(actor, id);
    const nowUrgent = record.urgent || urgent;
    const updated = await this.encounters.update(
      record.id,
      { statuses: INTAKE_OPEN },
      { triage: toJsonb(triage), urgent: nowUrgent },
      { actorId: actor.id, actorRole: actor.role, type: 'triage', data: { triage, urgent: nowUrgent } },
    );
    const written = await this.written(actor, record, updated, 'encounter.triage', 'change the intake of', { urgent: nowUrgent });
    // A caller that still marks a red flag this way gets the same clinician path as raiseRedFlag, once.
    if (urgent && record.redFlag === null && flagsOf(triage).length > 0)
      return this.raiseRedFlag(actor, id, triage as TriageResult, 'intake');
    return written;
  }

  /**
   * A red flag raised by triage: stores it, puts the encounter in the review queue at once (no
   * submit needed), alerts on-call. The status does not change. A flag after an acknowledgement
   * opens a new episode (queued and alerted again); one while the episode is open only adds its
   * categories. Waits up to ONCALL_ALERT_WAIT_MS for the alert, so the answer can say it was sent.
   */
  async raiseRedFlag(
    actor: EncounterActor,
    id: string,
    triage: TriageResult,
    source: 'intake' | 'screening' | 'qa',
  ): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, 'encounter.red_flag', false);
    if (actor.role !== 'patient') throw new EncounterNotFoundError(id);
    const known = flagsOf(record.triage);
    const open = record.redFlag !== null && record.redFlag.acknowledgement === null;
    const added = triage.flags.filter((f) => !known.some((k) => k.category === f.category));
    // A new episode puts its flags last with their fresh quotes; an open one only adds categories.
    const flags = open
      ? [...known, ...added]
      : [...known.filter((k) => !triage.flags.some((f) => f.category === k.category)), ...triage.flags];
    const stored: TriageResult = {
      urgent: true,
      flags,
      guidance: triage.guidance ?? (typeof record.triage?.guidance === 'string' ? record.triage.guidance : null),
    };
    const now = new Date();
    const episode: EncounterPatch = open
      ? {}
      : {
          flagged_at: now,
          flag_source: source,
          alert_status: this.notifier.configured ? 'pending' : 'not_configured',
          alert_sent_at: null,
          acknowledged_by: null,
          acknowledged_at: null,
          acknowledgement_action: null,
          acknowledgement_reason: null,
          acknowledgement_message: null,
        };
    const categories = (open ? added : triage.flags).map((f) => f.category);
    const updated = await this.encounters.update(
      record.id,
      {},
      { triage: toJsonb(stored), urgent: true, ...episode },
      {
        actorId: actor.id,
        actorRole: actor.role,
        type: 'red_flag',
        data: { source, categories, newEpisode: !open, flags: triage.flags },
      },
    );
    const written = await this.written(actor, record, updated, 'encounter.red_flag', 'flag', { source, categories, newEpisode: !open });
    for (const category of new Set(categories)) this.metrics.redFlags.inc({ category, source });
    if (open || !this.notifier.configured) return written;

    const sending = this.sendAlert(written, categories, source);
    this.alertsInFlight.add(sending);
    void sending.finally(() => this.alertsInFlight.delete(sending));
    const waited = await Promise.race([
      sending.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), this.notifier.alertWaitMs).unref()),
    ]);
    return waited ? ((await this.encounters.findById(record.id)) ?? written) : written;
  }

  /** Sends the on-call alert and records its outcome on the encounter (history, audit, metrics). */
  private async sendAlert(record: EncounterRecord, categories: string[], source: 'intake' | 'screening' | 'qa'): Promise<void> {
    try {
      const flaggedAt = record.redFlag?.flaggedAt ?? new Date();
      const outcome = await this.notifier.notify({
        encounterId: record.id,
        categories,
        source,
        flaggedAt: flaggedAt.toISOString(),
        link: this.notifier.linkFor(record.id),
      });
      for (const channel of outcome.sent) this.metrics.alerts.inc({ channel, outcome: 'sent' });
      for (const f of outcome.failed) this.metrics.alerts.inc({ channel: f.channel, outcome: 'failed' });
      const sent = outcome.sent.length > 0;
      // Only the episode that asked for this alert is updated (a newer one has its own).
      await this.encounters.db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('encounters')
          .set({ alert_status: sent ? 'sent' : 'failed', alert_sent_at: sent ? new Date() : null })
          .where('id', '=', record.id)
          .where('flagged_at', '=', flaggedAt)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return;
        await trx
          .insertInto('encounter_events')
          .values({
            encounter_id: record.id,
            actor_id: null,
            actor_role: 'system',
            type: 'alert',
            data: toJsonb({ sent: outcome.sent, failed: outcome.failed.map((f) => f.channel) }),
          })
          .execute();
      });
      await this.audit.record({
        actor: null,
        action: 'encounter.alert',
        resourceType: 'encounter',
        resourceId: record.id,
        patientId: record.patientId,
        outcome: sent ? 'success' : 'failure',
        details: { sent: outcome.sent, failed: outcome.failed.map((f) => f.channel) },
      });
    } catch (error) {
      this.logger.error({ encounterId: record.id, err: (error as Error).message }, 'recording the on-call alert failed');
    }
  }

  /**
   * Stores a generated report. The patient's generation: while draft, returned or submitted. A doctor's
   * regeneration (`regeneration` given): submitted, or in review held by that doctor; audited as report.regenerate.
   */
  async setReport(
    actor: EncounterActor,
    id: string,
    report: Record<string, unknown>,
    meta: ReportMetadata,
    regeneration?: { reason: string | null },
  ): Promise<EncounterRecord> {
    if (regeneration) return this.storeRegenerated(actor, id, report, meta, regeneration.reason);
    const record = await this.requireReadable(actor, id, 'encounter.report_write', false);
    if (actor.role !== 'patient') throw new EncounterNotFoundError(id);
    if (!REPORT_WRITABLE.includes(record.status)) throw new InvalidTransitionError('replace the report of', record.status);
    const patch: EncounterPatch = reportColumns(report, meta);
    const updated = await this.encounters.update(record.id, { statuses: REPORT_WRITABLE }, patch, {
      actorId: actor.id,
      actorRole: actor.role,
      type: 'report',
      data: { model: meta.model, promptVersion: meta.promptVersion, corpusVersion: meta.corpusVersion },
    });
    return this.written(actor, record, updated, 'encounter.report_write', 'replace the report of');
  }

  /**
   * The doctor may regenerate: the encounter is submitted (anyone may claim it) or in review and held by
   * them; never once released or returned. A refusal is audited as report.regenerate with its reason.
   */
  async requireRegeneratable(actor: EncounterActor, id: string): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, 'report.regenerate', false);
    const refuse = async (error: Error, reason: string) => {
      await this.audit.record({
        actor,
        action: 'report.regenerate',
        resourceType: 'encounter',
        resourceId: record.id,
        patientId: record.patientId,
        outcome: 'failure',
        details: { reason, status: record.status },
      });
      throw error;
    };
    if (actor.role !== 'doctor') throw new EncounterNotFoundError(id);
    if (!REGENERATABLE.includes(record.status))
      return refuse(new InvalidTransitionError('regenerate the report of', record.status), 'status');
    if (record.status === 'in_review' && record.claimedBy !== actor.id) return refuse(new NotClaimedByYouError(), 'not_claimed');
    return record;
  }

  private async storeRegenerated(
    actor: EncounterActor,
    id: string,
    report: Record<string, unknown>,
    meta: ReportMetadata,
    reason: string | null,
  ): Promise<EncounterRecord> {
    const record = await this.requireRegeneratable(actor, id);
    const guard: UpdateGuard =
      record.status === 'in_review' ? { statuses: ['in_review'], claimedBy: actor.id } : { statuses: ['submitted'] };
    const previous = record.report ? 'report' : record.reportFailure ? 'failed' : 'none';
    const patch: EncounterPatch = {
      ...reportColumns(report, meta),
      // The new report's cases may differ: earlier share choices no longer apply.
      shared_case_ids: toJsonb([]),
    };
    const updated = await this.encounters.update(record.id, guard, patch, {
      actorId: actor.id,
      actorRole: actor.role,
      type: 'report',
      data: {
        model: meta.model,
        promptVersion: meta.promptVersion,
        corpusVersion: meta.corpusVersion,
        regenerated: true,
        previous,
        reason,
      },
    });
    return this.written(actor, record, updated, 'report.regenerate', 'regenerate the report of', {
      previous,
      reasonGiven: reason !== null,
      model: meta.model,
    });
  }

  /**
   * A report generation that failed (the patient's, in the background, or a doctor's regeneration): the
   * error code and message are kept for doctors until a report is stored. Not once released.
   */
  async recordReportFailure(actor: EncounterActor, id: string, error: { code: string; message: string }): Promise<void> {
    const record = await this.requireReadable(actor, id, 'encounter.report_failed', false);
    const failure = { code: error.code.slice(0, 64), message: error.message.slice(0, 500), at: new Date().toISOString() };
    const statuses: readonly EncounterStatus[] = ['draft', 'returned', 'submitted', 'in_review'];
    const updated = await this.encounters.update(
      record.id,
      { statuses },
      { report_failure: toJsonb(failure) },
      { actorId: actor.id, actorRole: actor.role, type: 'report_failed', data: { code: failure.code } },
    );
    await this.audit.record({
      actor,
      action: 'encounter.report_failed',
      resourceType: 'encounter',
      resourceId: record.id,
      patientId: record.patientId,
      outcome: updated ? 'success' : 'failure',
      details: { code: failure.code },
    });
  }

  async submit(actor: EncounterActor, id: string): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, 'encounter.submit', false);
    if (actor.role !== 'patient') throw new EncounterNotFoundError(id);
    if (!INTAKE_OPEN.includes(record.status)) throw new InvalidTransitionError('submit', record.status);
    if (!record.summary) throw new IntakeIncompleteError();
    return this.transition(
      actor,
      record,
      { statuses: INTAKE_OPEN },
      'submitted',
      { submitted_at: new Date(), return_reason: null, claimed_by: null, claimed_at: null },
      'submit',
    );
  }

  // ---- review (doctor) ---------------------------------------------------------------------------

  async claim(actor: EncounterActor, id: string): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, 'encounter.claim', false);
    const claimable = record.urgent ? URGENT_CLAIMABLE : (['submitted'] as const);
    if (!claimable.includes(record.status)) throw new InvalidTransitionError('claim', record.status);
    return this.transition(actor, record, { statuses: claimable }, 'in_review', { claimed_by: actor.id, claimed_at: new Date() }, 'claim');
  }

  async unclaim(actor: EncounterActor, id: string): Promise<EncounterRecord> {
    const record = await this.requireHeld(actor, id, 'encounter.unclaim');
    return this.transition(
      actor,
      record,
      { statuses: ['in_review'], claimedBy: actor.id },
      'submitted',
      { claimed_by: null, claimed_at: null },
      'unclaim',
    );
  }

  /** The doctor's texts; a field left out keeps its value (a string, even empty, replaces it). */
  async saveNotes(actor: EncounterActor, id: string, body: DoctorNotesRequest | string): Promise<EncounterRecord> {
    const input: DoctorNotesRequest = typeof body === 'string' ? { notes: body } : body;
    const record = await this.requireHeld(actor, id, 'encounter.notes');
    const patch: EncounterPatch = { doctor_notes: input.notes };
    if (input.message !== undefined) patch.patient_message = input.message;
    if (input.nextSteps !== undefined) patch.next_steps = input.nextSteps;
    if (input.privateNotes !== undefined) patch.private_notes = input.privateNotes;
    // The history keeps every text (the patient's export shows no notes event's data, see patient-export.ts).
    const updated = await this.encounters.update(record.id, { statuses: ['in_review'], claimedBy: actor.id }, patch, {
      actorId: actor.id,
      actorRole: actor.role,
      type: 'notes',
      data: { ...input },
    });
    const fields = Object.keys(input).filter((k) => input[k as keyof DoctorNotesRequest] !== undefined);
    return this.written(actor, record, updated, 'encounter.notes', 'write notes on', { fields });
  }

  /** The report's cases the patient will see (each must be one of the report's cases). */
  async setSharedCases(actor: EncounterActor, id: string, caseIds: string[]): Promise<EncounterRecord> {
    const record = await this.requireHeld(actor, id, 'encounter.share_cases');
    if (!record.report) throw new ReportMissingError('The encounter has no report, so it has no cases to share');
    const known = new Set(reportCases(record.report).map((c) => c.caseId));
    caseIds.forEach((caseId, i) => {
      if (!known.has(caseId)) throw new CaseNotInReportError(caseId, `caseIds.${i}`);
    });
    const unique = [...new Set(caseIds)];
    const updated = await this.encounters.update(
      record.id,
      { statuses: ['in_review'], claimedBy: actor.id },
      { shared_case_ids: toJsonb(unique) },
      { actorId: actor.id, actorRole: actor.role, type: 'share_cases', data: { caseIds: unique } },
    );
    return this.written(actor, record, updated, 'encounter.share_cases', 'share cases of', { count: unique.length });
  }

  /**
   * A case a doctor rated not useful is hidden from the patient (even if shared, even after release);
   * rated useful again, it may be shown. Any doctor who can read the encounter, any status.
   */
  async setCaseHidden(actor: EncounterActor, id: string, caseId: string, hidden: boolean): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, 'encounter.case_hidden', false);
    if (actor.role !== 'doctor') throw new EncounterNotFoundError(id);
    const next = hidden ? [...new Set([...record.hiddenCaseIds, caseId])] : record.hiddenCaseIds.filter((c) => c !== caseId);
    if (next.length === record.hiddenCaseIds.length && next.every((c, i) => c === record.hiddenCaseIds[i])) return record;
    const updated = await this.encounters.update(
      record.id,
      {},
      { hidden_case_ids: toJsonb(next) },
      { actorId: actor.id, actorRole: actor.role, type: 'case_hidden', data: { caseId, hidden } },
    );
    return this.written(actor, record, updated, 'encounter.case_hidden', 'hide a case of', { hidden });
  }

  /**
   * Checks every item against the allergies of the encounter's profile version: a conflict answers 409
   * ALLERGY_CONFLICT unless the doctor gave an override reason, which the history keeps with the conflicts
   * (the audit gets only counts and class ids, never the allergy text).
   */
  async savePrescription(
    actor: EncounterActor,
    id: string,
    items: PrescriptionItem[],
    allergyOverride?: AllergyOverride,
  ): Promise<EncounterRecord> {
    const record = await this.requireHeld(actor, id, 'encounter.prescription');
    const conflicts = findAllergyConflicts(items, await this.allergiesFor(record));
    const classes = conflictClasses(conflicts);
    if (conflicts.length > 0 && !allergyOverride) {
      await this.audit.record({
        actor,
        action: 'encounter.prescription',
        resourceType: 'encounter',
        resourceId: record.id,
        patientId: record.patientId,
        outcome: 'failure',
        details: { reason: 'allergy_conflict', conflicts: conflicts.length, classes },
      });
      throw new AllergyConflictError(conflicts);
    }
    const override =
      conflicts.length > 0 && allergyOverride
        ? { reason: allergyOverride.reason, by: actor.id, at: new Date().toISOString(), conflicts }
        : undefined;
    const updated = await this.encounters.update(
      record.id,
      { statuses: ['in_review'], claimedBy: actor.id },
      { prescription: toJsonb(items) },
      {
        actorId: actor.id,
        actorRole: actor.role,
        type: 'prescription',
        data: { items, ...(override ? { allergyOverride: override } : {}) },
      },
    );
    return this.written(actor, record, updated, 'encounter.prescription', 'prescribe on', {
      items: items.length,
      ...(override ? { allergyOverride: { conflicts: conflicts.length, classes } } : {}),
    });
  }

  /** The encounter's profile version's allergies and the patient's latest ones (recorded since), each once. */
  private async allergiesFor(record: EncounterRecord): Promise<string[]> {
    const [snapshot, latest] = await Promise.all([this.profileFor(record), this.profiles.latest(record.patientId)]);
    const all = [...(snapshot?.allergies ?? []), ...(latest?.profile.allergies ?? [])];
    return [...new Map(all.map((a) => [a.trim().toLowerCase(), a])).values()];
  }

  /**
   * Runs after every profile save. Each encounter of the patient with a prescription, not released or released in
   * the last RECHECK_RELEASED_DAYS days, is checked against the saved allergies: a conflict the prescribing doctor
   * did not already override is recorded (history event `allergy_warning` with the conflicts; audit
   * encounter.allergy_recheck with counts and class ids only) and shown to doctors until the prescription is saved
   * again; a warning the new profile no longer supports is withdrawn the same way. Not an emergency: no red flag,
   * no on-call alert, and the patient's save is never refused (ProfilesService logs a failure and goes on).
   */
  async recheckPrescriptions(actor: EncounterActor, saved: { version: number; profile: PatientProfile }): Promise<void> {
    const since = Date.now() - RECHECK_RELEASED_DAYS * 86_400_000;
    const records = (await this.encounters.listForPatient(actor.id)).filter(
      (r) => (r.prescription?.length ?? 0) > 0 && (r.status !== 'released' || (r.releasedAt?.getTime() ?? 0) >= since),
    );
    for (const record of records) await this.recheckPrescription(actor, record, saved);
  }

  private async recheckPrescription(
    actor: EncounterActor,
    first: EncounterRecord,
    saved: { version: number; profile: PatientProfile },
  ): Promise<void> {
    let record: EncounterRecord | undefined = first;
    // The write is guarded by the revision read: a doctor's change in between means reading and checking again.
    for (let attempt = 0; record && attempt < 3; attempt++) {
      const events = await this.encounters.events(record.id);
      const fresh = unoverriddenConflicts(record.prescription ?? [], saved.profile.allergies ?? [], events);
      if (sameConflicts(fresh, allergyWarningOf(events)?.conflicts ?? [])) return;
      const updated = await this.encounters.update(
        record.id,
        { revision: record.revision },
        {},
        { actorId: actor.id, actorRole: actor.role, type: 'allergy_warning', data: { profileVersion: saved.version, conflicts: fresh } },
      );
      if (updated) {
        await this.audit.record({
          actor,
          action: 'encounter.allergy_recheck',
          resourceType: 'encounter',
          resourceId: record.id,
          patientId: record.patientId,
          outcome: 'success',
          details: { profileVersion: saved.version, conflicts: fresh.length, classes: conflictClasses(fresh) },
        });
        return;
      }
      record = await this.encounters.findById(record.id);
    }
  }

  /**
   * Releases what the doctor wrote to the patient. Without a report (urgent, generation failed, the
   * embedder down) the doctor is never stuck: a message, notes or a prescription is enough; an urgent
   * encounter may be answered even with nothing more than its acknowledgement.
   */
  async release(actor: EncounterActor, id: string): Promise<EncounterRecord> {
    const record = await this.requireHeld(actor, id, 'encounter.release');
    const hasContent = Boolean(record.patientMessage?.trim() || record.doctorNotes?.trim() || record.prescription?.length);
    if (!record.report && !record.urgent && !hasContent) {
      throw new ReportMissingError(
        'The encounter has no report: write a message, notes or a prescription for the patient to release it without one',
      );
    }
    const released = await this.transition(
      actor,
      record,
      { statuses: ['in_review'], claimedBy: actor.id },
      'released',
      { released_at: new Date() },
      'release',
      record.report ? undefined : { withoutReport: true },
    );
    this.notifyPatient(released.patientId, 'released');
    return released;
  }

  async returnToPatient(actor: EncounterActor, id: string, reason: string): Promise<EncounterRecord> {
    const record = await this.requireHeld(actor, id, 'encounter.return');
    const returned = await this.transition(
      actor,
      record,
      { statuses: ['in_review'], claimedBy: actor.id },
      'returned',
      { return_reason: reason, claimed_by: null, claimed_at: null },
      'return',
      { reason },
    );
    this.notifyPatient(returned.patientId, 'returned');
    return returned;
  }

  /** The patient's e-mail (no health data) goes out after the answer; shutdown waits for it like for alerts. */
  private notifyPatient(patientId: string, change: 'released' | 'returned'): void {
    const sending = this.patientNotifier.encounterChanged(patientId, change).catch((error: unknown) => {
      this.logger.warn({ change, error: (error as Error).name }, 'patient notification not sent');
    });
    this.alertsInFlight.add(sending);
    void sending.finally(() => this.alertsInFlight.delete(sending));
  }

  /** A doctor answers a red flag: what was done (and why nothing, for no_action), and a message for the patient. */
  async acknowledge(actor: EncounterActor, id: string, body: AcknowledgeRequest): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, 'encounter.acknowledge', false);
    if (actor.role !== 'doctor') throw new EncounterNotFoundError(id);
    if (!record.redFlag || record.redFlag.acknowledgement) throw new NoRedFlagPendingError(record.redFlag !== null);
    const at = new Date();
    const updated = await this.encounters.update(
      record.id,
      { unacknowledged: true },
      {
        acknowledged_by: actor.id,
        acknowledged_at: at,
        acknowledgement_action: body.action,
        acknowledgement_reason: body.reason ?? null,
        acknowledgement_message: body.message ?? null,
      },
      {
        actorId: actor.id,
        actorRole: actor.role,
        type: 'acknowledge',
        data: {
          action: body.action,
          reason: body.reason ?? null,
          message: body.message ?? null,
          flaggedAt: record.redFlag.flaggedAt.toISOString(),
        },
      },
    );
    if (!updated) {
      await this.audit.record({
        actor,
        action: 'encounter.acknowledge',
        resourceType: 'encounter',
        resourceId: record.id,
        patientId: record.patientId,
        outcome: 'failure',
      });
      throw new NoRedFlagPendingError(true);
    }
    const seconds = Math.max(0, (at.getTime() - record.redFlag.flaggedAt.getTime()) / 1000);
    this.metrics.timeToAcknowledge.observe({ action: body.action }, seconds);
    return this.written(actor, record, updated, 'encounter.acknowledge', 'acknowledge', {
      action: body.action,
      seconds: Math.round(seconds),
    });
  }

  async queue(actor: EncounterActor, query: ReviewQueueQuery): Promise<ReviewQueue> {
    const now = new Date();
    const mine = query.mine ? actor.id : undefined;
    // Red flags nobody has acknowledged come first, whatever their status (a draft included).
    const [flagged, records] = await Promise.all([
      mine ? Promise.resolve([]) : this.encounters.unacknowledged(query.limit),
      this.encounters.queue(query.status, mine, query.limit),
    ]);
    const seen = new Set(flagged.map((r) => r.id));
    const merged = [...flagged, ...records.filter((r) => !seen.has(r.id))].slice(0, query.limit);
    await this.audit.record({
      actor,
      action: 'review.queue',
      resourceType: 'encounter',
      outcome: 'success',
      details: { status: query.status, ids: merged.map((r) => r.id) },
    });
    return { items: merged.map((r) => toQueueItem(r, now)) };
  }

  async dashboard(actor: EncounterActor): Promise<Dashboard> {
    const now = new Date();
    const [counts, waiting, waitingRecords, unacknowledged, pending] = await Promise.all([
      this.encounters.countsByStatus(),
      this.encounters.waitingStats(now),
      this.encounters.queue('submitted', undefined, 50),
      this.encounters.unacknowledgedStats(now),
      this.encounters.unacknowledged(50),
    ]);
    const seen = new Set(pending.map((r) => r.id));
    const urgent = [...pending, ...waitingRecords.filter((r) => r.urgent && !seen.has(r.id))];
    await this.audit.record({
      actor,
      action: 'review.dashboard',
      resourceType: 'encounter',
      outcome: 'success',
      details: { flagged: urgent.map((r) => r.id) },
    });
    return {
      counts: Object.fromEntries(ENCOUNTER_STATUSES.map((s) => [s, counts[s] ?? 0])) as Dashboard['counts'],
      waiting,
      unacknowledged,
      flagged: urgent.map((r) => toQueueItem(r, now)),
    };
  }

  // ---- views ---------------------------------------------------------------------------------------

  toListItem(record: EncounterRecord): EncounterListItem {
    return {
      id: record.id,
      status: record.status,
      urgent: record.urgent,
      chiefComplaint: chiefComplaint(record),
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      submittedAt: iso(record.submittedAt),
      releasedAt: iso(record.releasedAt),
    };
  }

  /** The encounter as `actor` may see it: the clinician report, private notes and share choices for doctors only. */
  async toDetail(actor: EncounterActor, record: EncounterRecord): Promise<EncounterDetail> {
    const reportVisible = this.canSeeReport(actor, record);
    const clinician = actor.role === 'doctor' && reportVisible;
    return {
      ...this.toListItem(record),
      patientId: record.patientId,
      conversation: record.conversation,
      summary: record.summary,
      triage: record.triage,
      report: clinician ? record.report : null,
      reportMeta: clinician ? this.reportMeta(record) : null,
      profile: await this.profileFor(record),
      profileVersion: record.profileVersion,
      claimedBy: record.claimedBy,
      claimedAt: iso(record.claimedAt),
      doctorNotes: reportVisible ? record.doctorNotes : null,
      prescription: reportVisible ? record.prescription : null,
      returnReason: record.returnReason,
      revision: record.revision,
      redFlag: await this.redFlagState(actor, record),
      patientMessage: reportVisible ? record.patientMessage : null,
      nextSteps: reportVisible ? record.nextSteps : null,
      privateNotes: clinician ? record.privateNotes : null,
      ...(clinician ? { sharedCaseIds: record.sharedCaseIds, hiddenCaseIds: record.hiddenCaseIds } : {}),
      reportFailure: clinician ? record.reportFailure : null,
      allergyWarning: clinician && record.prescription?.length ? allergyWarningOf(await this.encounters.events(record.id)) : null,
    };
  }

  /** The red-flag state as `actor` may see it (the no-action reason is for doctors only). */
  async redFlagState(actor: EncounterActor, record: EncounterRecord): Promise<RedFlagState | null> {
    const episode = record.redFlag;
    if (!episode) return null;
    const ack = episode.acknowledgement;
    return {
      flaggedAt: episode.flaggedAt.toISOString(),
      source: episode.source,
      alert: { status: episode.alertStatus, sentAt: iso(episode.alertSentAt) },
      acknowledgement: ack
        ? {
            action: ack.action,
            at: ack.at.toISOString(),
            doctorId: ack.by,
            doctorName: ack.by ? await this.encounters.displayName(ack.by) : null,
            message: ack.message,
            reason: actor.role === 'doctor' ? ack.reason : null,
          }
        : null,
    };
  }

  private reportMeta(record: Pick<EncounterRecord, 'reportMeta'>): EncounterDetail['reportMeta'] {
    const meta = record.reportMeta;
    return meta
      ? {
          model: meta.model,
          promptVersion: meta.promptVersion,
          corpusVersion: meta.corpusVersion,
          generatedAt: iso(meta.generatedAt),
          details: meta.details ?? null,
        }
      : null;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /** A doctor's write needs the encounter in review and held by that doctor. */
  private async requireHeld(actor: EncounterActor, id: string, action: string): Promise<EncounterRecord> {
    const record = await this.requireReadable(actor, id, action, false);
    if (actor.role !== 'doctor') throw new EncounterNotFoundError(id);
    if (record.status !== 'in_review') throw new InvalidTransitionError(action.split('.')[1] ?? action, record.status);
    if (record.claimedBy !== actor.id) throw new NotClaimedByYouError();
    return record;
  }

  private async transition(
    actor: EncounterActor,
    record: EncounterRecord,
    guard: UpdateGuard,
    to: EncounterStatus,
    patch: EncounterPatch,
    verb: string,
    data?: Record<string, unknown>,
  ): Promise<EncounterRecord> {
    const updated = await this.encounters.update(
      record.id,
      guard,
      { ...patch, status: to },
      { actorId: actor.id, actorRole: actor.role, type: verb, fromStatus: record.status, toStatus: to, data: data ?? null },
    );
    return this.written(actor, record, updated, `encounter.${verb}`, verb, { from: record.status, to });
  }

  /** Audits a write; a lost race (the guard no longer held) becomes a 409 with the current status. */
  private async written(
    actor: EncounterActor,
    before: EncounterRecord,
    updated: EncounterRecord | undefined,
    action: string,
    verb: string,
    details?: Record<string, unknown>,
  ): Promise<EncounterRecord> {
    await this.audit.record({
      actor,
      action,
      resourceType: 'encounter',
      resourceId: before.id,
      patientId: before.patientId,
      outcome: updated ? 'success' : 'failure',
      details: details ?? null,
    });
    if (updated) return updated;
    const current = await this.encounters.findById(before.id);
    if (current && current.status === 'in_review' && current.claimedBy !== actor.id && actor.role === 'doctor')
      throw new NotClaimedByYouError();
    throw new InvalidTransitionError(verb, current?.status ?? before.status);
  }
}

type EventRow = Awaited<ReturnType<EncountersRepository['events']>>[number];

/** The drug-class ids of the conflicting medicines (what the audit trail may carry: never the allergy text). */
function conflictClasses(conflicts: readonly AllergyConflict[]): string[] {
  return [...new Set(conflicts.flatMap((c) => classesOfMedication(c.medication).map((k) => k.id)))];
}

const conflictKey = (c: Pick<AllergyConflict, 'item' | 'medication' | 'allergy'>) =>
  `${c.item}|${c.medication.trim().toLowerCase()}|${c.allergy.trim().toLowerCase()}`;

function sameConflicts(a: readonly AllergyConflict[], b: readonly AllergyConflict[]): boolean {
  const keys = new Set(a.map(conflictKey));
  return a.length === b.length && b.every((c) => keys.has(conflictKey(c)));
}

/** The prescription's conflicts with `allergies`, less those the last prescription's override already answered. */
function unoverriddenConflicts(
  items: readonly PrescriptionItem[],
  allergies: readonly string[],
  events: readonly EventRow[],
): AllergyConflict[] {
  const prescribed = events.findLast((e) => e.type === 'prescription');
  const override = prescribed?.data?.allergyOverride as { conflicts?: AllergyConflict[] } | undefined;
  const answered = new Set((override?.conflicts ?? []).map(conflictKey));
  return findAllergyConflicts(items, allergies).filter((c) => !answered.has(conflictKey(c)));
}

/** The warning standing on the encounter: the last allergy_warning after the last prescription, if it has conflicts. */
function allergyWarningOf(events: readonly EventRow[]): AllergyWarning | null {
  for (const event of [...events].reverse()) {
    if (event.type === 'prescription') return null;
    if (event.type !== 'allergy_warning') continue;
    const conflicts = Array.isArray(event.data?.conflicts) ? (event.data.conflicts as AllergyConflict[]) : [];
    return conflicts.length > 0
      ? { detectedAt: event.at.toISOString(), profileVersion: Number(event.data?.profileVersion), conflicts }
      : null;
  }
  return null;
}

/** The cases a stored report holds (read leniently: only the fields the patient's view needs). */
function reportCases(
  report: Record<string, unknown> | null,
): Pick<CitedCase, 'caseId' | 'title' | 'pmid' | 'pubmedUrl' | 'age' | 'sex' | 'snippet'>[] {
  const list = report?.cases;
  if (!Array.isArray(list)) return [];
  return list
    .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object' && typeof (c as { caseId?: unknown }).caseId === 'string')
    .map((c) => ({
      caseId: c.caseId as string,
      title: typeof c.title === 'string' ? c.title : '',
      pmid: typeof c.pmid === 'string' ? c.pmid : null,
      pubmedUrl: typeof c.pubmedUrl === 'string' ? c.pubmedUrl : null,
      age: typeof c.age === 'number' ? c.age : null,
      sex: c.sex === 'M' || c.sex === 'F' ? c.sex : null,
      snippet: typeof c.snippet === 'string' ? c.snippet : '',
    }));
}

/** The patient's own words behind the red flag: the flag's quote, else their last message, shortened. */
function patientWords(record: EncounterRecord, flags: Flag[]): string | null {
  // `quote` is optional in the triage contract; read it without depending on it.
  const quoted = [...flags]
    .reverse()
    .map((f) => (f as { quote?: unknown }).quote)
    .find((q): q is string => typeof q === 'string' && q.length > 0);
  const last = [...record.conversation]
    .reverse()
    .find(
      (t): t is { role: string; text: string } =>
        !!t && typeof t === 'object' && (t as { role?: unknown }).role === 'patient' && typeof (t as { text?: unknown }).text === 'string',
    );
  const words = quoted ?? last?.text ?? null;
  return words === null ? null : words.length > QUOTE_CHARS ? `${words.slice(0, QUOTE_CHARS - 1)}…` : words;
}

function toQueueItem(record: EncounterRecord, now: Date): QueueItem {
  const seconds = (since: Date | null) => (since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : 0);
  const episode = record.redFlag;
  const flags = flagsOf(record.triage);
  return {
    id: record.id,
    status: record.status,
    urgent: record.urgent,
    chiefComplaint: chiefComplaint(record),
    submittedAt: iso(record.submittedAt),
    waitingSeconds: seconds(record.submittedAt),
    claimedBy: record.claimedBy,
    redFlag: episode
      ? {
          flaggedAt: episode.flaggedAt.toISOString(),
          source: episode.source,
          acknowledged: episode.acknowledgement !== null,
          waitingSeconds: seconds(episode.flaggedAt),
          categories: flags.map((f) => ({ category: f.category, name: categoryName(f.category), label: f.label })),
          patientWords: patientWords(record, flags),
        }
      : null,
  };
}

function toEvent(row: {
  id: string | number;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  type: string;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown> | null;
}): EncounterEvent {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorRole: row.actor_role,
    type: row.type,
    fromStatus: row.from_status as EncounterStatus | null,
    toStatus: row.to_status as EncounterStatus | null,
    data: row.data,
  };
}

export { toEvent as toEncounterEvent };
