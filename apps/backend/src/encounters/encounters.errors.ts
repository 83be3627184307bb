import { AppError, NotFoundError } from '@patientinsight/nest-kit';
import type { AllergyConflict, EncounterStatus } from '@patientinsight/shared';

/** Missing, another patient's, or not yet visible to this role: one answer for all three. */
export class EncounterNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('encounter', id);
  }
}

export class InvalidTransitionError extends AppError {
  constructor(action: string, status: EncounterStatus) {
    super('INVALID_TRANSITION', `Cannot ${action} an encounter that is ${status}`, 409, { status });
  }
}

export class NotClaimedByYouError extends AppError {
  constructor() {
    super('NOT_CLAIMED_BY_YOU', 'Claim the encounter before changing it; another doctor may hold it', 409);
  }
}

export class IntakeIncompleteError extends AppError {
  constructor() {
    super('INTAKE_INCOMPLETE', 'The intake has no summary yet: answer the questions first', 409);
  }
}

export class ReportMissingError extends AppError {
  constructor(message = 'The encounter has no report yet') {
    super('REPORT_MISSING', message, 409);
  }
}

/** A case id the report does not hold (the field names its place in the request). */
export class CaseNotInReportError extends AppError {
  constructor(caseId: string, field: string) {
    super('CASE_NOT_IN_REPORT', `Case ${caseId.slice(0, 100)} is not among the report's cases`, 400, [
      { field, reason: 'is not a case of this report' },
    ]);
  }
}

export class NoRedFlagPendingError extends AppError {
  constructor(acknowledged: boolean) {
    super(
      'NO_RED_FLAG_PENDING',
      acknowledged ? 'This red flag has already been acknowledged' : 'This encounter has no red flag to acknowledge',
      409,
      { acknowledged },
    );
  }
}

/** A prescribed medicine belongs to a class one of the patient's recorded allergies names; an override reason answers it. */
export class AllergyConflictError extends AppError {
  constructor(conflicts: AllergyConflict[]) {
    const first = conflicts[0];
    const what = first
      ? `${first.medication} (item ${first.item + 1}) belongs to ${first.drugClass}, and the patient's allergies include "${first.allergy}"`
      : 'A medicine conflicts with a recorded allergy';
    const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
    super('ALLERGY_CONFLICT', `${what}${more}. Change the prescription or give an override reason (allergyOverride.reason).`, 409, {
      conflicts,
    });
  }
}
