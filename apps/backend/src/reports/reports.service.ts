import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppError, errorLogFields } from '@patientinsight/nest-kit';
import {
  type IntakeSummary,
  intakeSummarySchema,
  type Report,
  type ReportProgressEvent,
  type ReportStored,
  type ReportStreamEvent,
  triageResultSchema,
} from '@patientinsight/shared';
import { type EncounterActor, type EncounterRecord, EncountersService } from '../encounters/encounters.service.js';
import { EncounterNotFoundError } from '../encounters/encounters.errors.js';
import { USER_ACCOUNTS, type UserAccounts } from '../users/user-accounts.port.js';
import { ReportBuilder } from './report-builder.js';

/** Statuses in which the patient's report may still be (re)generated (EncountersService.setReport's rule). */
const REPORT_WRITABLE = new Set(['draft', 'returned', 'submitted']);

/**
 * Generates an encounter's report and stores it with everything needed to reproduce it. Runs on the
 * patient's behalf (their request, or the intake when it completes); what the patient's stream shows is
 * progress only, because the report is the doctor's to release.
 */
@Injectable()
export class ReportsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ReportsService.name);
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly encounters: EncountersService,
    private readonly builder: ReportBuilder,
    @Inject(USER_ACCOUNTS) private readonly users: UserAccounts,
  ) {}

  /** Names the account holds for this patient (masked before any text leaves). */
  async knownNames(record: EncounterRecord): Promise<string[]> {
    const user = await this.users.findById(record.patientId);
    const profile = await this.encounters.profileFor(record);
    return [user?.display_name, profile?.emergencyContact?.name].filter((n): n is string => Boolean(n?.trim()));
  }

  /** The patient's and the releasing doctor's display names, printed on the PDF (never logged). */
  async namesOnPdf(record: EncounterRecord): Promise<{ patientName: string | null; prescriberName: string | null }> {
    const [patient, prescriber] = await Promise.all([
      this.users.findById(record.patientId),
      record.claimedBy ? this.users.findById(record.claimedBy) : undefined,
    ]);
    return { patientName: patient?.display_name?.trim() || null, prescriberName: prescriber?.display_name?.trim() || null };
  }

  async generate(
    actor: EncounterActor,
    id: string,
    emit: (event: ReportProgressEvent) => void,
    signal?: AbortSignal,
  ): Promise<ReportStored> {
    const record = await this.encounters.requireReadable(actor, id, 'report.generate', false);
    if (actor.role !== 'patient' || record.patientId !== actor.id) throw new EncounterNotFoundError(id.slice(0, 64));
    if (!REPORT_WRITABLE.has(record.status))
      throw new AppError('INVALID_TRANSITION', `The report cannot be regenerated while the encounter is ${record.status}.`, 409);
    // A flag the patient called a misunderstanding stays for the doctor, but the intake (and its report) goes on.
    const dismissed = triageResultSchema.safeParse(record.triage).data?.patientResponse === 'misunderstanding';
    if (record.urgent && !dismissed)
      throw new AppError('ENCOUNTER_URGENT', 'This encounter has a red flag: follow the emergency guidance; no report is generated.', 409);
    const summary = intakeSummarySchema.safeParse(record.summary);
    if (!summary.success || !summary.data.chiefComplaint)
      throw new AppError('INTAKE_INCOMPLETE', 'Finish the intake before the report is generated.', 409);

    emit({ type: 'progress', stage: 'retrieving', detail: 'Looking for similar published cases' });
    const report = await this.buildOrRecord(actor, record, summary.data, signal, (event) => {
      if (event.type === 'meta')
        emit({
          type: 'progress',
          stage: 'drafting',
          detail: `Found ${event.cases.length} similar published cases; drafting the report for your doctor`,
        });
      else if (event.type === 'fallback') emit(event);
    });
    emit({ type: 'progress', stage: 'validating', detail: 'Checking every citation' });
    const p = report.provenance;
    await this.encounters.setReport(actor, record.id, report, this.metadata(report));
    const stored: ReportStored = {
      encounterId: record.id,
      generatedBy: p.generatedBy,
      casesRetrieved: report.cases.length,
      casesCited: report.cases.filter((c) => c.cited).length,
    };
    emit({ type: 'stored', stored });
    return stored;
  }

  /**
   * A doctor regenerates the report (it failed, or they ask for a new one): submitted, or in review held by
   * them, never once released. Audited as report.regenerate; a failure is kept on the encounter and answered.
   */
  async regenerate(actor: EncounterActor, id: string, reason: string | null, signal?: AbortSignal): Promise<ReportStored> {
    const record = await this.encounters.requireRegeneratable(actor, id);
    const summary = intakeSummarySchema.safeParse(record.summary);
    if (!summary.success || !summary.data.chiefComplaint)
      throw new AppError(
        'INTAKE_INCOMPLETE',
        'The intake has no summary to build a report from; release notes to the patient or return the encounter instead.',
        409,
      );
    const report = await this.buildOrRecord(actor, record, summary.data, signal, () => {});
    const p = report.provenance;
    await this.encounters.setReport(actor, record.id, report, this.metadata(report), { reason });
    return {
      encounterId: record.id,
      generatedBy: p.generatedBy,
      casesRetrieved: report.cases.length,
      casesCited: report.cases.filter((c) => c.cited).length,
    };
  }

  /** Builds the report; a failure is stored on the encounter (doctors see it and can regenerate) before it is thrown. */
  private async buildOrRecord(
    actor: EncounterActor,
    record: EncounterRecord,
    summary: IntakeSummary,
    signal: AbortSignal | undefined,
    onEvent: (event: ReportStreamEvent) => void,
  ) {
    try {
      return await this.builder.build({ encounterId: record.id, summary, knownNames: await this.knownNames(record), signal }, onEvent);
    } catch (error) {
      if (!signal?.aborted) {
        const known = error instanceof AppError;
        await this.encounters
          .recordReportFailure(actor, record.id, {
            code: known ? error.code : 'INTERNAL',
            message: known ? error.message : 'The report could not be generated',
          })
          .catch((e: unknown) => this.logger.warn(errorLogFields(e), 'recording a report failure failed'));
      }
      throw error;
    }
  }

  private metadata(report: Report) {
    const p = report.provenance;
    return {
      model: p.generatedBy.model ?? 'offline-composer',
      promptVersion: p.promptVersion,
      corpusVersion: p.corpusVersion,
      details: {
        provider: p.provider,
        generatedBy: p.generatedBy,
        retrieval: p.retrieval,
        tokensIn: p.tokensIn,
        tokensOut: p.tokensOut,
        costUsd: p.costUsd,
        timeToFirstTokenMs: p.timeToFirstTokenMs,
        totalMs: p.totalMs,
      },
    };
  }

  /** Starts generation without waiting (the intake's last answer); failures are logged, not thrown. */
  generateInBackground(actor: EncounterActor, id: string): void {
    const job = this.generate(actor, id, () => {})
      .catch((error: unknown) => this.logger.warn(errorLogFields(error), 'background report generation failed'))
      .finally(() => this.inflight.delete(job));
    this.inflight.add(job);
  }

  /** Resolves when no background generation is running (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }
}
