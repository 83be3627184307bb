import { Injectable } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import type { Feedback, FeedbackList, FeedbackQuery, FeedbackRequest } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth.decorators.js';
import { EncountersService } from '../encounters/encounters.service.js';
import { FeedbackRepository } from './feedback.repository.js';

export class CaseNotCitedError extends AppError {
  constructor(caseId: string) {
    super('CASE_NOT_IN_REPORT', `Case ${caseId} is not among the report's cases`, 400, [
      { field: 'caseId', reason: 'is not a case of this report' },
    ]);
  }
}

/** The case ids a report refers to: its cited-case list and its inline [case:<id>] tags. */
function casesOf(report: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const key of ['citedCases', 'cases', 'similarCases']) {
    const list = report[key];
    if (Array.isArray(list))
      for (const c of list)
        if (c && typeof c === 'object' && typeof (c as { caseId?: unknown }).caseId === 'string') ids.add((c as { caseId: string }).caseId);
  }
  for (const match of JSON.stringify(report).matchAll(/\[case:([^\]\s"]+)\]/g)) ids.add(match[1]!);
  return ids;
}

/** Doctors rate reports and the cases they cite; kept for evaluation. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly encounters: EncountersService,
    private readonly audit: AuditService,
  ) {}

  async save(doctor: AuthUser, encounterId: string, input: FeedbackRequest): Promise<Feedback> {
    const record = await this.encounters.requireReadable(doctor, encounterId, 'feedback.write', false);
    if (!record.report) throw new AppError('REPORT_MISSING', 'The encounter has no report to rate yet', 409);
    const caseId = input.target === 'case' ? input.caseId : '';
    if (input.target === 'case' && !casesOf(record.report).has(caseId)) throw new CaseNotCitedError(caseId);
    const saved = await this.feedback.upsert({
      encounterId: record.id,
      doctorId: doctor.id,
      target: input.target,
      caseId,
      useful: input.useful,
      comment: input.comment ?? null,
    });
    // "Not useful" also keeps the case from the patient (the rating itself stays here for the evaluation).
    if (input.target === 'case') await this.encounters.setCaseHidden(doctor, record.id, caseId, !input.useful);
    await this.audit.record({
      actor: doctor,
      action: 'feedback.write',
      resourceType: 'encounter',
      resourceId: record.id,
      patientId: record.patientId,
      outcome: 'success',
      details: { target: input.target, useful: input.useful },
    });
    return saved;
  }

  async forEncounter(doctor: AuthUser, encounterId: string): Promise<FeedbackList> {
    const record = await this.encounters.requireReadable(doctor, encounterId, 'feedback.read');
    return { feedback: await this.feedback.forEncounter(record.id) };
  }

  async list(admin: AuthUser, query: FeedbackQuery): Promise<FeedbackList> {
    const feedback = await this.feedback.list({
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit,
    });
    await this.audit.record({
      actor: admin,
      action: 'feedback.list',
      resourceType: 'feedback',
      outcome: 'success',
      details: { count: feedback.length },
    });
    return { feedback };
  }
}
