import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  createIngestionRequestSchema,
  createIngestionResponseSchema,
  ingestionJobSchema,
  ingestionListSchema,
  ingestionReportSchema,
  listIngestionsQuerySchema,
  plainText,
  rejectionPageSchema,
  rejectionsQuerySchema,
} from '@patientinsight/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { type AuthUser, CurrentUser, Roles } from '../common/auth.decorators.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiErrors, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../common/openapi.js';
import { IngestionRelayService } from './ingestion-relay.service.js';

const JOB_ID = /^[A-Za-z0-9-]{1,100}$/;
/** The operator's decision; who decides comes from the session, never from the body. */
const decisionBodySchema = z.object({ note: plainText({ max: 2000 }).optional() }).strict();
type DecisionBody = z.infer<typeof decisionBodySchema>;
const createBody = new ZodValidationPipe(createIngestionRequestSchema);

/** Only the query keys the embedder knows go through (it validates their values). */
function query(req: Request, keys: string[]): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = req.query[key];
    if (typeof value === 'string') params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The multipart form of an upload (the JSON form is the shared createIngestionRequestSchema). */
const uploadForm: Record<string, unknown> = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'CSV, JSON Lines or a JSON array, streamed to the embedder' },
    format: { type: 'string', enum: ['csv', 'json', 'jsonl'] },
    columnMapping: { type: 'string', description: 'JSON object: field name -> column name in the file' },
  },
};
const JOB_NOT_FOUND = { 404: 'INGESTION_NOT_FOUND: no ingestion job with this id (from the embedder)' };
const EMBEDDER_DOWN = { 503: 'EMBEDDER_UNAVAILABLE: the ingestion service cannot be reached' };
const STATE = 'INGESTION_STATE_CONFLICT: the job is not in a state that allows this (the message names it)';

/** Admin-only view of the embedder's ingestion jobs (the browser cannot reach the embedder). */
@ApiTags('ingestion (admin)')
@ApiBearerAuth()
@Roles('admin')
@ApiErrors(EMBEDDER_DOWN)
@Controller('v1/admin/ingestions')
export class IngestionRelayController {
  constructor(
    private readonly relay: IngestionRelayService,
    private readonly audit: AuditService,
  ) {}

  /** A multipart upload (streamed through) or JSON `{ sourceUri, format?, columnMapping? }`. */
  @Post()
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [uploadForm, z.toJSONSchema(createIngestionRequestSchema, { target: 'openapi-3.0', io: 'input' }) as Record<string, unknown>],
    },
  })
  @ApiZodResponse(202, createIngestionResponseSchema, 'Accepted: the job, queued')
  @ApiErrors({
    400: 'VALIDATION_FAILED: a JSON field, named in details; SOURCE_REFUSED, SOURCE_NOT_FOUND, SOURCE_FORBIDDEN: the sourceUri may not be used, does not exist or is denied (details names sourceUri); FORMAT_UNKNOWN: no format given and none told by the key; a form that ended early, an empty or a binary file',
    413: 'PAYLOAD_TOO_LARGE: the upload is larger than the embedder allows (MAX_UPLOAD_BYTES)',
  })
  async create(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    if (req.is('multipart/form-data'))
      return this.audited(user, 'ingestion.upload', null, () => this.relay.relayUpload(res, '/v1/ingestions', req));
    const body = createBody.transform(req.body, { type: 'body' });
    return this.audited(user, 'ingestion.create', null, () => this.relay.relay(res, 'POST', '/v1/ingestions', { json: body }), {
      source: body.sourceUri.startsWith('s3://') ? 's3' : 'file',
    });
  }

  @Get()
  @ApiZodQuery(listIngestionsQuerySchema)
  @ApiZodResponse(200, ingestionListSchema, 'Jobs, newest first')
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions${query(req, ['state', 'limit', 'before'])}`);
  }

  @Get(':id')
  @ApiZodResponse(200, ingestionJobSchema)
  @ApiErrors({ ...JOB_NOT_FOUND, 400: 'VALIDATION_FAILED: id must be a job id' })
  async get(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions/${id}`);
  }

  @Get(':id/rejections')
  @ApiZodQuery(rejectionsQuerySchema)
  @ApiProduces('application/json', 'text/csv')
  @ApiZodResponse(200, rejectionPageSchema, 'A page of rejected or duplicate rows; every row as CSV with format=csv or Accept: text/csv')
  @ApiErrors(JOB_NOT_FOUND)
  async rejections(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions/${id}/rejections${query(req, ['outcome', 'after', 'limit', 'format'])}`);
  }

  @Get(':id/report')
  @ApiZodResponse(200, ingestionReportSchema, 'The statistics profile and the drift report')
  @ApiErrors({ ...JOB_NOT_FOUND, 400: 'VALIDATION_FAILED: id must be a job id' })
  async report(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions/${id}/report`);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiZodResponse(202, ingestionJobSchema, 'Cancelled, or stopping after its current batch')
  @ApiErrors({ ...JOB_NOT_FOUND, 400: 'VALIDATION_FAILED: id must be a job id', 409: STATE })
  cancel(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.audited(user, 'ingestion.cancel', id, () => this.relay.relay(res, 'POST', `/v1/ingestions/${id}/cancel`));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiZodResponse(202, ingestionJobSchema, 'Queued again')
  @ApiErrors({
    ...JOB_NOT_FOUND,
    400: 'VALIDATION_FAILED: id must be a job id',
    409: `${STATE}; UPLOAD_EXPIRED: the upload it needs was deleted after UPLOAD_RETENTION_HOURS`,
  })
  retry(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Res() res: Response,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.audited(user, 'ingestion.retry', id, () => this.relay.relay(res, 'POST', `/v1/ingestions/${id}/retry`));
  }

  @Post(':id/approve')
  @HttpCode(202)
  @ApiZodBody(decisionBodySchema)
  @ApiZodResponse(202, ingestionJobSchema, 'Approved: the held rows are indexed')
  @ApiErrors({ ...JOB_NOT_FOUND, 409: STATE })
  approve(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Body(new ZodValidationPipe(decisionBodySchema)) body: DecisionBody,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ): Promise<void> {
    return this.decide(res, id, 'approve', body, user);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiZodBody(decisionBodySchema)
  @ApiZodResponse(200, ingestionJobSchema, 'Rejected: the held rows are deleted')
  @ApiErrors({ ...JOB_NOT_FOUND, 409: STATE })
  reject(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Body(new ZodValidationPipe(decisionBodySchema)) body: DecisionBody,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ): Promise<void> {
    return this.decide(res, id, 'reject', body, user);
  }

  private decide(res: Response, id: string, decision: 'approve' | 'reject', body: DecisionBody, user: AuthUser): Promise<void> {
    return this.audited(
      user,
      `ingestion.${decision}`,
      id,
      () =>
        this.relay.relay(res, 'POST', `/v1/ingestions/${id}/${decision}`, {
          json: { actor: `admin ${user.id}`, ...(body.note ? { note: body.note } : {}) },
        }),
      {
        note: Boolean(body.note),
      },
    );
  }

  /**
   * Runs an operator's write and records it with the embedder's answer: what changed the corpus,
   * who did it and whether it took (ids and flags only; a decision's note stays out of the trail).
   */
  private async audited(
    user: AuthUser,
    action: string,
    jobId: string | null,
    write: () => Promise<number>,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    let status = 503;
    try {
      status = await write();
    } finally {
      const outcome = status < 400 ? 'success' : status === 404 ? 'not_found' : status === 401 || status === 403 ? 'denied' : 'failure';
      await this.audit.record({
        actor: user,
        action,
        resourceType: 'ingestion_job',
        resourceId: jobId,
        outcome,
        details: { ...details, status },
      });
    }
  }
}
