import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import { createIngestionRequestSchema, plainText } from '@patientinsight/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { AuditService } from '../audit/audit.service.js';
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

/** Admin-only view of the embedder's ingestion jobs (the browser cannot reach the embedder). */
@ApiTags('ingestion (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/ingestions')
export class IngestionRelayController {
  constructor(
    private readonly relay: IngestionRelayService,
    private readonly audit: AuditService,
  ) {}

  /** A multipart upload (streamed through) or JSON `{ sourceUri, format?, columnMapping? }`. */
  @Post()
  async create(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    if (req.is('multipart/form-data')) return this.audited(user, 'ingestion.upload', null, () => this.relay.relayUpload(res, '/v1/ingestions', req));
    const body = createBody.transform(req.body, { type: 'body' });
    return this.audited(user, 'ingestion.create', null, () => this.relay.relay(res, 'POST', '/v1/ingestions', { json: body }), { source: body.sourceUri.startsWith('s3://') ? 's3' : 'file' });
  }

  @Get()
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions${query(req, ['state', 'limit', 'before'])}`);
  }

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string, @Res() res: Response): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions/${id}`);
  }

  @Get(':id/rejections')
  async rejections(@Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions/${id}/rejections${query(req, ['outcome', 'after', 'limit', 'format'])}`);
  }

  @Get(':id/report')
  async report(@Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string, @Res() res: Response): Promise<void> {
    await this.relay.relay(res, 'GET', `/v1/ingestions/${id}/report`);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  cancel(@Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.audited(user, 'ingestion.cancel', id, () => this.relay.relay(res, 'POST', `/v1/ingestions/${id}/cancel`));
  }

  @Post(':id/retry')
  retry(@Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string, @Res() res: Response, @CurrentUser() user: AuthUser): Promise<void> {
    return this.audited(user, 'ingestion.retry', id, () => this.relay.relay(res, 'POST', `/v1/ingestions/${id}/retry`));
  }

  @Post(':id/approve')
  approve(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Body(new ZodValidationPipe(decisionBodySchema)) body: DecisionBody,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ): Promise<void> {
    return this.decide(res, id, 'approve', body, user);
  }

  @Post(':id/reject')
  reject(
    @Param('id', new ZodValidationPipe(z.string().regex(JOB_ID, 'must be a job id'))) id: string,
    @Body(new ZodValidationPipe(decisionBodySchema)) body: DecisionBody,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ): Promise<void> {
    return this.decide(res, id, 'reject', body, user);
  }

  private decide(res: Response, id: string, decision: 'approve' | 'reject', body: DecisionBody, user: AuthUser): Promise<void> {
    return this.audited(user, `ingestion.${decision}`, id, () => this.relay.relay(res, 'POST', `/v1/ingestions/${id}/${decision}`, { json: { actor: `admin ${user.id}`, ...(body.note ? { note: body.note } : {}) } }), {
      note: Boolean(body.note),
    });
  }

  /**
   * Runs an operator's write and records it with the embedder's answer: what changed the corpus,
   * who did it and whether it took (ids and flags only; a decision's note stays out of the trail).
   */
  private async audited(user: AuthUser, action: string, jobId: string | null, write: () => Promise<number>, details: Record<string, unknown> = {}): Promise<void> {
    let status = 503;
    try {
      status = await write();
    } finally {
      const outcome = status < 400 ? 'success' : status === 404 ? 'not_found' : status === 401 || status === 403 ? 'denied' : 'failure';
      await this.audit.record({ actor: user, action, resourceType: 'ingestion_job', resourceId: jobId, outcome, details: { ...details, status } });
    }
  }
}
