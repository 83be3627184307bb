import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  type AskQuestionRequest,
  answerSchema,
  askQuestionRequestSchema,
  type RegenerateReportRequest,
  regenerateReportRequestSchema,
  type ReportStored,
  reportSchema,
  reportStoredSchema,
} from '@patientinsight/shared';
import type { Request, Response } from 'express';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../common/openapi.js';
import { EncounterNotFoundError } from '../encounters/encounters.errors.js';
import { EncountersService } from '../encounters/encounters.service.js';
import { RateLimited } from '../limits/rate-limit.guard.js';
import { renderReportPdf } from './pdf/report-pdf.js';
import { QaService } from './qa/qa.service.js';
import { ReportsService } from './reports.service.js';
import { SseWriter, wantsEventStream } from './sse.js';

const NOT_FOUND = { 404: 'ENCOUNTER_NOT_FOUND: no such encounter, or not one the caller may see (the same answer either way)' };
const STREAM =
  'JSON; with Accept: text/event-stream, server-sent events (progress, then the result; an error after the first event is an `error` event)';

/** Report generation (SSE), questions about a report (SSE) and the PDF (routes in contracts/reports.ts). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/encounters')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly qa: QaService,
    private readonly encounters: EncountersService,
  ) {}

  @Post(':id/report')
  @HttpCode(200)
  @ApiProduces('application/json', 'text/event-stream')
  @ApiZodResponse(200, reportStoredSchema, `The stored report: ${STREAM}`)
  @ApiErrors({
    ...NOT_FOUND,
    409: 'INVALID_TRANSITION: not while the encounter is in review or released; ENCOUNTER_URGENT: a red flag stops report generation; INTAKE_INCOMPLETE: finish the intake first',
    503: 'RETRIEVAL_UNAVAILABLE: similar cases cannot be retrieved right now',
  })
  @Roles('patient')
  @RateLimited('costly')
  async generate(@CurrentUser() user: AuthUser, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!wantsEventStream(req)) {
      res.status(200).json(await this.reports.generate(user, id, () => {}));
      return;
    }
    const sse = new SseWriter(res);
    await this.streamed(sse, () => this.reports.generate(user, id, (event) => sse.send(event), sse.signal));
  }

  @Post(':id/report/regenerate')
  @HttpCode(200)
  @ApiZodBody(regenerateReportRequestSchema)
  @ApiZodResponse(
    200,
    reportStoredSchema,
    'The new report is stored on the encounter (read it with GET /report); audited as report.regenerate',
  )
  @ApiErrors({
    ...NOT_FOUND,
    409: 'INVALID_TRANSITION: only while submitted or in review (never once released); NOT_CLAIMED_BY_YOU: another doctor holds it; ENCOUNTER_URGENT: a red flag stops report generation; INTAKE_INCOMPLETE: no summary',
    503: 'RETRIEVAL_UNAVAILABLE: similar cases cannot be retrieved right now (kept on the encounter as reportFailure)',
  })
  @Roles('doctor')
  @RateLimited('costly')
  regenerate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(regenerateReportRequestSchema)) body: RegenerateReportRequest,
  ): Promise<ReportStored> {
    return this.reports.regenerate(user, id, body.reason ?? null);
  }

  @Post(':id/questions')
  @HttpCode(200)
  @ApiZodBody(askQuestionRequestSchema)
  @ApiProduces('application/json', 'text/event-stream')
  @ApiZodResponse(200, answerSchema, `A grounded, cited answer: ${STREAM}`)
  @ApiErrors({ ...NOT_FOUND, 409: 'REPORT_UNREADABLE: the stored report does not match the current format' })
  @Roles('patient', 'doctor')
  @RateLimited('costly')
  async ask(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(askQuestionRequestSchema)) body: AskQuestionRequest,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!wantsEventStream(req)) {
      res.status(200).json(await this.qa.ask(user, id, body.question, () => {}));
      return;
    }
    const sse = new SseWriter(res);
    await this.streamed(sse, () => this.qa.ask(user, id, body.question, (event) => sse.send(event), sse.signal));
  }

  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description:
      'The released encounter as a PDF attachment, also when it was released without a report (a patient gets their view: message, prescription, notes, next steps, shared cases; a doctor adds the report when there is one)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors({ ...NOT_FOUND, 409: 'REPORT_UNREADABLE: the stored report does not match the current format' })
  @Roles('patient', 'doctor')
  @RateLimited('costly')
  async pdf(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const record = await this.encounters.requireReadable(user, id, 'report.pdf');
    // Only a released answer is exported (the patient's copy and the doctor's alike), with or without a report.
    if (!this.encounters.canSeeReport(user, record) || record.status !== 'released') throw new EncounterNotFoundError(id.slice(0, 64));
    const doctor = user.role === 'doctor';
    // Only the doctor's copy prints the report; the patient's is built from the patient view alone.
    const report = doctor && record.report ? reportSchema.safeParse(record.report) : null;
    if (report && !report.success) throw new AppError('REPORT_UNREADABLE', 'The stored report does not match the current format.', 409);
    const view = await this.encounters.patientViewOf(record);
    const pdf = await renderReportPdf({
      audience: doctor ? 'doctor' : 'patient',
      encounterId: record.id,
      report: report?.data ?? null,
      ...(await this.reports.namesOnPdf(record)),
      doctorMessage: view.message,
      doctorNotes: view.notes,
      nextSteps: view.nextSteps,
      prescription: view.prescription,
      sharedCases: view.sharedCases,
      releasedAt: record.releasedAt,
    });
    res
      .status(200)
      .setHeader('content-type', 'application/pdf')
      .setHeader('content-disposition', `attachment; filename="patientinsight-report-${record.id}.pdf"`)
      .setHeader('cache-control', 'no-store')
      .end(pdf);
  }

  /**
   * Runs a streamed use case: errors before the first event become normal JSON error responses (the
   * filter); after it, an `error` event ends the stream, since the status line is already sent.
   */
  private async streamed(sse: SseWriter, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!sse.headersSent) throw error;
      const known = error instanceof AppError;
      sse.send({
        type: 'error',
        error: { code: known ? error.code : 'INTERNAL', message: known ? error.message : 'The report could not be completed' },
      } as never);
    } finally {
      if (sse.headersSent) sse.end();
    }
  }
}
