import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import { randomUUID } from 'node:crypto';
import { type CorpusBuildResult, CorpusIndexer } from '../src/corpus/corpus-indexer.js';
import type { EmbedderDb } from '../src/database/embedder-db.js';

/**
 * TEST ONLY, and only while the retrieval side's real indexer is not registered in the app: does the
 * case-store half of the CorpusIndexer contract (staged rows of the promoted jobs go live together with
 * a new active version, in one transaction) without embedding anything.
 */
@Injectable()
class StagedPromotingIndexer extends CorpusIndexer {
  constructor(@Inject(DATABASE) private readonly database: Database<EmbedderDb>) {
    super();
  }

  async buildAndActivate(options: { promoteJobIds?: string[] }): Promise<CorpusBuildResult> {
    const started = Date.now();
    return this.database.db.transaction().execute(async (trx) => {
      const versionId = randomUUID();
      let indexedFromJobs = 0;
      if (options.promoteJobIds?.length) {
        const r = await trx.updateTable('case_record').set({ state: 'live' }).where('job_id', 'in', options.promoteJobIds).where('state', '=', 'staged').executeTakeFirst();
        indexedFromJobs = Number(r.numUpdatedRows);
      }
      await trx.updateTable('corpus_version').set({ state: 'retired' }).where('state', '=', 'active').execute();
      await trx.insertInto('corpus_version').values({ id: versionId, state: 'active', created_at: new Date(), activated_at: new Date() }).execute();
      const { n } = await trx.selectFrom('case_record').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'live').executeTakeFirstOrThrow();
      return { versionId, indexed: Number(n), indexedFromJobs, durationsMs: { activate: Date.now() - started } };
    });
  }

  async activeVersion(): Promise<string | null> {
    const row = await this.database.db.selectFrom('corpus_version').select('id').where('state', '=', 'active').executeTakeFirst();
    return row?.id ?? null;
  }
}

@Global()
@Module({ providers: [{ provide: CorpusIndexer, useClass: StagedPromotingIndexer }], exports: [CorpusIndexer] })
export class StagedPromotingIndexerModule {}
