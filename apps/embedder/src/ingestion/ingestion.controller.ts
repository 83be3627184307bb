import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import {
  createIngestionRequestSchema,
  type IngestionDecisionRequest,
  type IngestionJob,
  ingestionDecisionRequestSchema,
  type ListIngestionsQuery,
  listIngestionsQuerySchema,
  type RejectionsQuery,
  rejectionsQuerySchema,
} from '@patientinsight/shared';
import type { Request, Response } from 'express';
import { IngestionService } from './ingestion.service.js';

const createBody = new ZodValidationPipe(createIngestionRequestSchema);

/** Internal ingestion API (the service token guard is global). */
@Controller('v1/ingestions')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  /** A multipart upload (`file`) or JSON `{ sourceUri, format?, columnMapping? }`; 202 with the job at once. */
  @Post()
  @HttpCode(202)
  create(@Req() req: Request): Promise<IngestionJob> {
    if (req.is('multipart/form-data')) return this.ingestion.createFromUpload(req);
    return this.ingestion.createFromUri(createBody.transform(req.body, { type: 'body' }));
  }

  @Get()
  list(@Query(new ZodValidationPipe(listIngestionsQuerySchema)) query: ListIngestionsQuery) {
    return this.ingestion.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.ingestion.get(id);
  }

  /** JSON pages, or every row as CSV with `Accept: text/csv` or `?format=csv`. */
  @Get(':id/rejections')
  async rejections(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(rejectionsQuerySchema)) query: RejectionsQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const wantsCsv = query.format === 'csv' || (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!wantsCsv) return this.ingestion.rejections(id, query);
    const page = await this.ingestion.rejections(id, { ...query, limit: 1 }); // 404 before the headers go out
    res.status(200).type('text/csv').attachment(`ingestion-${page.jobId}-${query.outcome}.csv`);
    await this.ingestion.rejectionsCsv(id, query.outcome, res);
    return undefined;
  }

  @Get(':id/report')
  report(@Param('id') id: string) {
    return this.ingestion.report(id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  cancel(@Param('id') id: string) {
    return this.ingestion.cancel(id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  retry(@Param('id') id: string) {
    return this.ingestion.retry(id);
  }

  @Post(':id/approve')
  @HttpCode(202)
  approve(@Param('id') id: string, @Body(new ZodValidationPipe(ingestionDecisionRequestSchema)) body: IngestionDecisionRequest) {
    return this.ingestion.approve(id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@Param('id') id: string, @Body(new ZodValidationPipe(ingestionDecisionRequestSchema)) body: IngestionDecisionRequest) {
    return this.ingestion.reject(id, body);
  }
}
