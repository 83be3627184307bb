import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import { z } from 'zod';
import { CorpusIndexer } from './corpus-indexer.js';
import { CorpusRepository } from './corpus.repository.js';

const rebuildSchema = z.object({}).strict();

/** Corpus versions: list them, and re-index the live cases as a new version (e.g. after changing encoders). */
@Controller('v1/corpus/versions')
export class CorpusController {
  constructor(
    private readonly indexer: CorpusIndexer,
    private readonly repository: CorpusRepository,
  ) {}

  @Get()
  async list() {
    const versions = await this.repository.listVersions();
    return {
      versions: versions.map((v) => ({
        id: v.id,
        state: v.state,
        store: v.store,
        encoder: v.encoder,
        caseCount: v.case_count,
        createdAt: v.created_at,
        activatedAt: v.activated_at,
        buildMs: v.build_ms,
        error: v.error,
      })),
    };
  }

  @Post()
  @HttpCode(201)
  rebuild(@Body(new ZodValidationPipe(rebuildSchema)) _body: z.infer<typeof rebuildSchema>) {
    return this.indexer.buildAndActivate({});
  }
}
