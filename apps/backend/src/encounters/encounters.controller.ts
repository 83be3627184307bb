import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  type AcknowledgeRequest,
  acknowledgeRequestSchema,
  type Dashboard,
  dashboardSchema,
  type DoctorNotesRequest,
  doctorNotesRequestSchema,
  type EncounterDetail,
  encounterDetailSchema,
  type EncounterHistory,
  encounterHistorySchema,
  type EncounterList,
  encounterListSchema,
  type PatientView,
  patientViewSchema,
  type PrescriptionRequest,
  prescriptionRequestSchema,
  type ReportView,
  reportViewSchema,
  type ReturnRequest,
  returnRequestSchema,
  type ReviewQueue,
  type ReviewQueueQuery,
  reviewQueueQuerySchema,
  reviewQueueSchema,
  type SharedCasesRequest,
  sharedCasesRequestSchema,
} from '@patientinsight/shared';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../common/openapi.js';
import { EncountersService } from './encounters.service.js';

/** Encounters for patients and doctors; every method is one call into the service. */
@ApiTags('encounters')
@ApiBearerAuth()
@Controller('v1/encounters')
export class EncountersController {
  constructor(private readonly encounters: EncountersService) {}

  @Post()
  @Roles('patient')
  @ApiZodResponse(201, encounterDetailSchema, 'A new draft')
  async create(@CurrentUser() user: AuthUser): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.createDraft(user));
  }

  @Get()
  @Roles('patient')
  @ApiZodResponse(200, encounterListSchema)
  list(@CurrentUser() user: AuthUser): Promise<EncounterList> {
    return this.encounters.list(user);
  }

  @Get(':id')
  @ApiErrors({ 404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)' })
  @Roles('patient', 'doctor')
  @ApiZodResponse(200, encounterDetailSchema)
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<EncounterDetail> {
    return this.encounters.detail(user, id);
  }

  @Get(':id/report')
  @ApiErrors({ 404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)' })
  // The clinician report never reaches a patient (403); the patient reads patient-view.
  @Roles('doctor')
  @ApiZodResponse(200, reportViewSchema)
  report(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ReportView> {
    return this.encounters.reportView(user, id);
  }

  @Get(':id/patient-view')
  @ApiErrors({ 404: "ENCOUNTER_NOT_FOUND: no such encounter, not the caller's, or not released yet (the same answer either way)" })
  @Roles('patient')
  @ApiZodResponse(
    200,
    patientViewSchema,
    "What the patient sees once released: the doctor's message, notes, prescription, next steps and shared cases; never the clinician report",
  )
  patientView(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<PatientView> {
    return this.encounters.patientView(user, id);
  }

  @Get(':id/patient-preview')
  @ApiErrors({ 404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)' })
  @Roles('doctor')
  @ApiZodResponse(200, patientViewSchema, 'Exactly what the patient would see if the encounter were released now')
  patientPreview(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<PatientView> {
    return this.encounters.patientView(user, id, true);
  }

  @Get(':id/history')
  @ApiErrors({ 404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)' })
  @Roles('doctor')
  @ApiZodResponse(200, encounterHistorySchema)
  history(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<EncounterHistory> {
    return this.encounters.history(user, id);
  }

  @Post(':id/submit')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status); INTAKE_INCOMPLETE: the intake has no summary yet',
  })
  @Roles('patient')
  @HttpCode(200)
  @ApiZodResponse(200, encounterDetailSchema)
  async submit(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.submit(user, id));
  }

  @Post(':id/claim')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status)',
  })
  @Roles('doctor')
  @HttpCode(200)
  @ApiZodResponse(200, encounterDetailSchema)
  async claim(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.claim(user, id));
  }

  @Post(':id/unclaim')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status); NOT_CLAIMED_BY_YOU: claim the encounter first; another doctor may hold it',
  })
  @Roles('doctor')
  @HttpCode(200)
  @ApiZodResponse(200, encounterDetailSchema)
  async unclaim(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.unclaim(user, id));
  }

  @Put(':id/notes')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status); NOT_CLAIMED_BY_YOU: claim the encounter first; another doctor may hold it',
  })
  @Roles('doctor')
  @ApiZodBody(doctorNotesRequestSchema)
  @ApiZodResponse(200, encounterDetailSchema)
  async notes(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(doctorNotesRequestSchema)) body: DoctorNotesRequest,
  ): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.saveNotes(user, id, body));
  }

  @Put(':id/shared-cases')
  @ApiErrors({
    400: "CASE_NOT_IN_REPORT: a case id is not among the report's cases (details names caseIds.<n>)",
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION; NOT_CLAIMED_BY_YOU; REPORT_MISSING: no report, so no cases to share',
  })
  @Roles('doctor')
  @ApiZodBody(sharedCasesRequestSchema)
  @ApiZodResponse(200, encounterDetailSchema)
  async shareCases(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(sharedCasesRequestSchema)) body: SharedCasesRequest,
  ): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.setSharedCases(user, id, body.caseIds));
  }

  @Put(':id/prescription')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status); NOT_CLAIMED_BY_YOU: claim the encounter first; another doctor may hold it; ALLERGY_CONFLICT: a medicine matches a recorded allergy (details.conflicts) and no allergyOverride.reason was given',
  })
  @Roles('doctor')
  @ApiZodBody(prescriptionRequestSchema)
  @ApiZodResponse(200, encounterDetailSchema)
  async prescription(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(prescriptionRequestSchema)) body: PrescriptionRequest,
  ): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.savePrescription(user, id, body.items, body.allergyOverride));
  }

  @Post(':id/release')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status); NOT_CLAIMED_BY_YOU: claim the encounter first; another doctor may hold it; REPORT_MISSING: no report and nothing written for the patient (a message, notes or a prescription releases it without one)',
  })
  @Roles('doctor')
  @HttpCode(200)
  @ApiZodResponse(200, encounterDetailSchema)
  async release(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.release(user, id));
  }

  @Post(':id/acknowledge')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'NO_RED_FLAG_PENDING: the encounter has no unacknowledged red flag',
  })
  @Roles('doctor')
  @HttpCode(200)
  @ApiZodBody(acknowledgeRequestSchema)
  @ApiZodResponse(200, encounterDetailSchema)
  async acknowledge(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(acknowledgeRequestSchema)) body: AcknowledgeRequest,
  ): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.acknowledge(user, id, body));
  }

  @Post(':id/return')
  @ApiErrors({
    404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)',
    409: 'INVALID_TRANSITION: the encounter is not in a state that allows this (details.status); NOT_CLAIMED_BY_YOU: claim the encounter first; another doctor may hold it',
  })
  @Roles('doctor')
  @HttpCode(200)
  @ApiZodBody(returnRequestSchema)
  @ApiZodResponse(200, encounterDetailSchema)
  async return(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(returnRequestSchema)) body: ReturnRequest,
  ): Promise<EncounterDetail> {
    return this.encounters.toDetail(user, await this.encounters.returnToPatient(user, id, body.reason));
  }
}

/** The doctors' queue and dashboard. */
@ApiTags('review')
@ApiBearerAuth()
@Roles('doctor')
@Controller('v1/review')
export class ReviewController {
  constructor(private readonly encounters: EncountersService) {}

  @Get('queue')
  @ApiZodQuery(reviewQueueQuerySchema)
  @ApiZodResponse(200, reviewQueueSchema)
  queue(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(reviewQueueQuerySchema)) query: ReviewQueueQuery,
  ): Promise<ReviewQueue> {
    return this.encounters.queue(user, query);
  }

  @Get('dashboard')
  @ApiZodResponse(200, dashboardSchema)
  dashboard(@CurrentUser() user: AuthUser): Promise<Dashboard> {
    return this.encounters.dashboard(user);
  }
}
