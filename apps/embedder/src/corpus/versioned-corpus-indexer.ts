import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { rowsInVocabulary } from '../index/bm25/bm25-delta.js';
import { matrixRow } from '../index/bm25/bm25-index.js';
import { Bm25Model } from '../index/bm25/bm25-model.js';
import type { TextEmbedder } from '../encoders/encoder.port.js';
import { fitLsaOnThread } from '../encoders/lsa/lsa-fit-thread.js';
import type { LsaModel } from '../encoders/lsa/lsa-model.js';
import { RowEmbeddingThread } from '../encoders/lsa/row-embedding-thread.js';
import { yieldToEventLoop } from '../encoders/lsa/randomized-svd.js';
import { type TermMatrix, TermMatrixBuilder } from '../text/term-matrix.js';
import { TermMatrixThread } from './term-matrix-thread.js';
import { openingSentence } from '../text/sentences.js';
import { TOKENIZER_VERSION } from '../text/tokenizer.js';
import { type IndexedCase, VectorStore, type VersionWriter } from '../index/vector-store.port.js';
import { type CorpusAddResult, type CorpusBuildProgress, type CorpusBuildResult, CorpusIndexer } from './corpus-indexer.js';
import { type CorpusModels, serializeModels } from './corpus-models.js';
import { type ActiveVersionRow, type CaseRow, CorpusConflictError, CorpusRepository } from './corpus.repository.js';
import { ActiveCorpus } from './active-corpus.js';
import { type CaseFields, caseFieldsOf, KeptCaseFields } from './kept-case-fields.js';
import { ModelStore } from './model-store.js';
import { CORPUS_SETTINGS, type CorpusSettings, TEXT_EMBEDDER } from './corpus.tokens.js';

const WRITE_CHUNK = 5000;
const MAX_CONFLICT_RETRIES = 3;

/**
 * What a case contributes to the lexical and dense sides: its title, its opening sentence (the presentation,
 * where case reports say who came with what) and its text, so the opening's words count twice, a field weight
 * chosen on held folds (docs/retrieval.md).
 */
export const caseDocument = (title: string, text: string): string => `${title}\n${openingSentence(text)}\n${text}`;

/**
 * Builds corpus versions: reads the version's cases once (tokenizing into a sparse count matrix and keeping what
 * the index stores), fits BM25 statistics and LSA on exactly those cases, writes a new index beside the active one,
 * stores the fitted models, then switches in one transaction. Builds in this process run one at a
 * time; across replicas, activation is optimistic (a build whose base version changed is redone).
 */
@Injectable()
export class VersionedCorpusIndexer extends CorpusIndexer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CorpusIndexer');
  private queue: Promise<unknown> = Promise.resolve();
  private refitTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: CorpusRepository,
    private readonly store: VectorStore,
    private readonly active: ActiveCorpus,
    private readonly models: ModelStore,
    @Inject(CORPUS_SETTINGS) private readonly settings: CorpusSettings,
    @Inject(TEXT_EMBEDDER) private readonly embedder: TextEmbedder | null,
  ) {
    super();
  }

  activeVersion(): Promise<string | null> {
    return this.repository.activeVersionId();
  }

  onModuleInit(): void {
    if (this.settings.refitIntervalMinutes === 0) return;
    this.refitTimer = setInterval(() => void this.scheduledRefit(), this.settings.refitIntervalMinutes * 60_000);
    this.refitTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.refitTimer) clearInterval(this.refitTimer);
  }

  /** The schedule's refit: only when cases were appended since the active version's fit. */
  private async scheduledRefit(): Promise<void> {
    try {
      const models = await this.active.get();
      if (!models || (await this.liveCaseCount()) <= models.bm25.data.docCount) return;
      await this.buildAndActivate({});
    } catch (error) {
      this.logger.warn({ err: error }, 'the scheduled refit failed; the active version keeps serving');
    }
  }

  async liveCaseCount(): Promise<number> {
    const version = await this.repository.activeVersion();
    if (!version) return 0;
    return version.caseCount ?? this.repository.countCases({ live: true });
  }

  addCases(options: { promoteJobIds: string[]; onProgress?: (p: CorpusBuildProgress) => void }): Promise<CorpusAddResult> {
    const run = this.queue.then(() => this.appendOrRefit(options.promoteJobIds, options.onProgress));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendOrRefit(promoteJobIds: string[], onProgress?: (p: CorpusBuildProgress) => void): Promise<CorpusAddResult> {
    const models = await this.active.get();
    const version = await this.repository.activeVersion();
    const staged = await this.repository.countCases({ stagedOf: promoteJobIds });
    let reason = await this.refitReason(models, version, staged);
    if (!reason) {
      try {
        const appended = await this.append(models!, version!, promoteJobIds, staged, onProgress);
        if (typeof appended !== 'string') return appended;
        reason = appended;
      } catch (error) {
        if (!(error instanceof CorpusConflictError)) throw error;
        reason = `the append conflicted (${error.message})`;
      }
    }
    const result = await this.buildWithRetry({ promoteJobIds, onProgress });
    this.logger.log({ versionId: result.versionId, reason }, 'cases added by a refit');
    return { ...result, mode: 'refit', refitReason: reason, bm25: 'exact' };
  }

  /** Why the job's cases cannot be appended to the active version (null: they can, as far as the counts tell). */
  private async refitReason(models: CorpusModels | null, version: ActiveVersionRow | null, staged: number): Promise<string | null> {
    if (!models) return 'no corpus version is active yet';
    if (!this.store.canAppend) return `the ${this.store.kind} store does not append to a version`;
    if (version?.id !== models.versionId) return 'this replica does not serve the active version';
    if (models.bm25.data.tokenizerVersion !== TOKENIZER_VERSION)
      return `the active version was tokenized by tokenizer ${models.bm25.data.tokenizerVersion}, this release uses ${TOKENIZER_VERSION}`;
    if (models.dense !== (this.embedder?.name ?? this.settings.dense))
      return `the active version was built with ${models.dense}, the configured encoder differs`;
    const fitted = models.bm25.data.docCount;
    const added = (version.caseCount ?? (await this.repository.countCases({ live: true }))) + staged - fitted;
    const share = added / Math.max(1, fitted);
    if (share > this.settings.refitShare)
      return `cases added since the fit would be ${(share * 100).toFixed(1)}% of the ${fitted} fitted (CORPUS_REFIT_SHARE ${this.settings.refitShare})`;
    return null;
  }

  /**
   * Appends the jobs' staged cases to the active version with its fitted models: term counts in its
   * vocabulary (unknown terms stay unsearchable until the next refit), LSA or the remote encoder for the
   * dense side. Store rows first (invisible), then the rows go live in the database, then the store commits.
   * Returns the refit reason instead, before anything is written, when the tokens appended since the fit
   * would hold more unknown ones than CORPUS_REFIT_UNKNOWN_TOKEN_SHARE.
   */
  private async append(
    models: CorpusModels,
    version: ActiveVersionRow,
    promoteJobIds: string[],
    staged: number,
    onProgress?: (p: CorpusBuildProgress) => void,
  ): Promise<CorpusAddResult | string> {
    const durations: Record<string, number> = {};
    let t = performance.now();
    const rows: CaseRow[] = [];
    for await (const page of this.repository.stagedCases(promoteJobIds)) rows.push(...page);
    if (rows.length !== staged) throw new CorpusConflictError(`the jobs hold ${rows.length} staged rows, ${staged} were counted`);
    const builder = new TermMatrixBuilder(models.bm25.tokenizer);
    for (const row of rows) builder.addDocument(caseDocument(row.title, row.text));
    const lexical = rowsInVocabulary(models.bm25, builder.build());
    // Cumulated since the fit, so the decision weighs everything the vocabulary has not learned, not this job alone.
    const tokensSinceFit = version.appendedTokens + lexical.tokens;
    const unknownTokenShare = tokensSinceFit === 0 ? 0 : (version.appendedUnknownTokens + lexical.unknownTokens) / tokensSinceFit;
    if (unknownTokenShare > this.settings.refitUnknownTokenShare)
      return `unknown terms would be ${(unknownTokenShare * 100).toFixed(1)}% of the tokens appended since the fit (CORPUS_REFIT_UNKNOWN_TOKEN_SHARE ${this.settings.refitUnknownTokenShare})`;
    durations.read = Math.round(performance.now() - t);
    t = performance.now();
    onProgress?.({ stage: 'embed', done: 0, total: rows.length });
    const remote = this.embedder ? await this.embedRemote(rows) : null;
    const cases: IndexedCase[] = rows.map((row, i) => ({
      ...caseFieldsOf(row),
      termCounts: lexical.rows[i]!,
      dense: remote?.[i] ?? models.lsa?.embedText(caseDocument(row.title, row.text)) ?? null,
    }));
    durations.embed = Math.round(performance.now() - t);
    t = performance.now();
    onProgress?.({ stage: 'index', done: 0, total: rows.length });
    // Nothing is visible or live yet: a store that cannot take the append (a version without postings, say) leaves the job to a refit.
    const prepared = await this.store.prepareAppend(models.versionId, cases, models.bm25)?.catch((error: Error) => {
      throw new CorpusConflictError(`the store could not append: ${error.message}`);
    });
    if (!prepared) throw new CorpusConflictError(`the ${this.store.kind} store does not append to a version`);
    durations.write = Math.round(performance.now() - t);
    t = performance.now();
    try {
      await this.repository.promoteAppended({
        versionId: models.versionId,
        promoteJobIds,
        promotedCount: rows.length,
        caseCount: prepared.caseCount,
        tokens: lexical.tokens,
        unknownTokens: lexical.unknownTokens,
      });
    } catch (error) {
      await prepared.abort();
      throw error;
    }
    await prepared.commit();
    durations.activate = Math.round(performance.now() - t);
    onProgress?.({ stage: 'activate', done: 1, total: 1 });
    const fitted = models.bm25.data.docCount;
    const addedShare = (prepared.caseCount - fitted) / Math.max(1, fitted);
    this.logger.log(
      {
        versionId: models.versionId,
        cases: rows.length,
        caseCount: prepared.caseCount,
        addedShare,
        unknownTokenShare,
        durationsMs: durations,
      },
      'cases appended to the active version',
    );
    return {
      versionId: models.versionId,
      indexed: prepared.caseCount,
      indexedFromJobs: rows.length,
      durationsMs: durations,
      mode: 'append',
      unknownTokenShare,
      addedShare,
      // A store given term counts rebuilds the statistics over base + appended cases (bm25-delta.ts); sparse vectors carry the fit's.
      bm25: this.store.lexicalInput === 'counts' ? 'exact' : 'fitted',
    };
  }

  buildAndActivate(options: { promoteJobIds?: string[]; onProgress?: (p: CorpusBuildProgress) => void } = {}): Promise<CorpusBuildResult> {
    const run = this.queue.then(() => this.buildWithRetry(options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async buildWithRetry(options: {
    promoteJobIds?: string[];
    onProgress?: (p: CorpusBuildProgress) => void;
  }): Promise<CorpusBuildResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.build(options.promoteJobIds ?? [], options.onProgress);
      } catch (error) {
        if (!(error instanceof CorpusConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        this.logger.warn({ attempt, reason: error.message }, 'corpus changed during the build; rebuilding');
      }
    }
  }

  private async build(promoteJobIds: string[], onProgress?: (p: CorpusBuildProgress) => void): Promise<CorpusBuildResult> {
    const durations: Record<string, number> = {};
    const time = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
      const t = performance.now();
      try {
        return await fn();
      } finally {
        durations[stage] = Math.round(performance.now() - t);
      }
    };
    // The version and case count this build starts from: an activation or an append (another replica's) before ours is a conflict.
    const based = await this.repository.activeVersion();
    const versionId = `${new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}_${randomBytes(3).toString('hex')}`;
    const denseName = this.embedder?.name ?? this.settings.dense;
    await this.repository.createBuilding(
      versionId,
      this.store.kind,
      `bm25(k1=${this.settings.bm25.k1},b=${this.settings.bm25.b})+${denseName}`,
      this.settings.identity.process,
    );
    try {
      // 1. Read and tokenize. The cases' texts are not kept, only the fields the index stores (a remote encoder
      // needs each text again, so with one the second pass reads the cases again instead).
      const kept = this.embedder ? null : new KeptCaseFields();
      const read = await time('read', async () => {
        await this.repository.refreshStatistics();
        return this.readAndTokenize(promoteJobIds, kept, onProgress);
      });
      const { ids, promotedCount } = read;
      let matrix: TermMatrix | undefined = read.matrix;
      read.matrix = undefined;
      // 2. Fit the corpus-trained encoders on exactly these cases.
      onProgress?.({ stage: 'fit', done: 0, total: ids.length });
      const bm25 = await time('fit_bm25', () => Bm25Model.fit(matrix!, { ...this.settings.bm25, negation: this.settings.negation }));
      const lsa =
        this.settings.dense === 'lsa' && ids.length >= 3
          ? await time('fit_lsa', () =>
              fitLsaOnThread(matrix!, {
                dimension: this.settings.lsaDimension,
                maxFitDocs: this.settings.lsaMaxFitDocs,
                negation: this.settings.negation,
              }),
            )
          : null;
      // 3. Second pass: embed and write the new version beside the active one, page by page.
      const { writer, dimension } = await time('embed_write', () =>
        this.embedAndWrite(versionId, promoteJobIds, ids, kept, matrix!, bm25, lsa, onProgress),
      );
      // The matrix is the build's largest allocation; the index builds below are the store's.
      matrix = undefined;
      await time('build_indexes', () => writer.finish());
      // 4. Persist the fitted models, then switch atomically.
      const models: CorpusModels = { versionId, bm25, lsa, dense: denseName, dimension };
      await time('save_models', async () => {
        await this.models.save(versionId, serializeModels(models));
      });
      onProgress?.({ stage: 'activate', done: 0, total: 1 });
      await time('activate', () =>
        this.repository.activate({
          versionId,
          basedOn: based && { id: based.id, caseCount: based.caseCount },
          promoteJobIds,
          promotedCount,
          caseCount: ids.length,
          buildMs: durations,
        }),
      );
      this.active.use(models);
      // Searches find the new version loaded (the LanceDB store reads it into memory, 4-6 s at 167k cases).
      void this.store
        .warm(versionId)
        .catch((error: Error) => this.logger.warn({ versionId, err: error }, 'could not load the new version ahead of its first search'));
      onProgress?.({ stage: 'activate', done: 1, total: 1 });
      void this.dropOldVersions();
      this.logger.log({ versionId, cases: ids.length, durationsMs: durations }, 'corpus version active');
      return { versionId, indexed: ids.length, indexedFromJobs: promotedCount, durationsMs: durations };
    } catch (error) {
      await this.store.dropVersion(versionId).catch(() => undefined);
      await this.models.drop(versionId).catch(() => undefined);
      await this.repository.markFailed(versionId, (error as Error).message || String(error)).catch(() => undefined);
      throw error;
    }
  }

  async failAbandonedBuilds(): Promise<string[]> {
    const { instance, process } = this.settings.identity;
    const abandoned = await this.repository.buildingOfPredecessors(instance, process);
    for (const versionId of abandoned) {
      try {
        await this.store.dropVersion(versionId);
        await this.models.drop(versionId);
      } catch (error) {
        this.logger.warn({ versionId, err: error }, 'could not remove the partial index of an unfinished build');
      }
      await this.repository.markFailed(
        versionId,
        'the process building it stopped (killed or crashed) before it finished; its partial index was removed at the next start',
      );
      this.logger.warn(
        { versionId },
        'a build left unfinished by this instance’s previous process is marked failed and its partial index removed',
      );
    }
    return abandoned;
  }

  private async readAndTokenize(
    promoteJobIds: string[],
    kept: KeptCaseFields | null,
    onProgress?: (p: CorpusBuildProgress) => void,
  ): Promise<{ matrix: TermMatrix | undefined; ids: string[]; promotedCount: number }> {
    // Tokenized on a worker thread: this one reads the next page from the database meanwhile.
    const thread = new TermMatrixThread({ negation: this.settings.negation });
    const ids: string[] = [];
    let promotedCount = 0;
    const promoted = new Set(promoteJobIds);
    try {
      for await (const page of this.repository.casesOfNewVersion(promoteJobIds)) {
        const docs: string[] = [];
        for (const row of page) {
          docs.push(caseDocument(row.title, row.text));
          ids.push(row.case_id);
          kept?.add(row);
          if (row.state === 'staged' && row.job_id !== null && promoted.has(row.job_id)) promotedCount++;
        }
        await thread.add(docs);
        onProgress?.({ stage: 'embed', done: ids.length, total: ids.length });
        await yieldToEventLoop();
      }
      return { matrix: await thread.build(), ids, promotedCount };
    } finally {
      await thread.close();
    }
  }

  /**
   * Embeds each case (LSA from its matrix row, or the remote encoder from its text) and writes it to the
   * new version. LSA vectors are computed on a worker thread one page ahead, while this thread reads
   * the next cases and writes the index.
   */
  private async embedAndWrite(
    versionId: string,
    promoteJobIds: string[],
    ids: string[],
    kept: KeptCaseFields | null,
    matrix: TermMatrix,
    bm25: Bm25Model,
    lsa: LsaModel | null,
    onProgress?: (p: CorpusBuildProgress) => void,
  ): Promise<{ writer: VersionWriter; dimension: number | null }> {
    const thread = lsa
      ? new RowEmbeddingThread({
          matrix,
          projection: lsa.projection,
          idf: lsa.header.idf,
          dimension: lsa.dimension,
          termColumn: lsa.columnsFor(matrix),
        })
      : null;
    const lsaVectors = (page: number): Promise<Float32Array> | null => {
      const from = page * WRITE_CHUNK;
      if (!thread || from >= ids.length) return null;
      const vectors = thread.embed(from, Math.min(ids.length, from + WRITE_CHUNK));
      vectors.catch(() => undefined); // awaited when its page comes; a failure is reported there
      return vectors;
    };
    let writer: VersionWriter | undefined;
    let dimension = lsa?.dimension ?? null;
    let d = 0;
    let page = 0;
    let ahead = lsaVectors(0);
    try {
      for await (const { fields, rows } of this.pagesToWrite(promoteJobIds, kept)) {
        const current = ahead;
        ahead = lsaVectors(++page);
        const remote = rows && this.embedder ? await this.embedRemote(rows) : null;
        const chunk: IndexedCase[] = fields.map((f, i) => {
          // The promoted jobs are held in the index phase and a concurrent activation fails ours
          // (basedOn), so cases read again come back the same and in the same order; anything else is a conflict.
          if (ids[d] !== f.caseId)
            throw new CorpusConflictError(`case ${f.caseId} appeared during the build (expected ${ids[d] ?? 'the end'})`);
          const c: IndexedCase = { ...f, dense: remote?.[i] ?? null };
          if (this.store.lexicalInput === 'counts') c.termCounts = matrixRow(matrix, d);
          else c.sparse = bm25.encodeMatrixRow(matrix, d);
          d++;
          return c;
        });
        if (current && lsa) {
          const vectors = await current;
          if (vectors.length !== chunk.length * lsa.dimension) throw new CorpusConflictError('the cases changed during the build');
          chunk.forEach((c, i) => {
            c.dense = vectors.subarray(i * lsa.dimension, (i + 1) * lsa.dimension);
          });
        }
        dimension ??= remote?.[0]?.length ?? null;
        writer ??= await this.store.beginVersion(versionId, { dimension, bm25 });
        await writer.add(chunk);
        await yieldToEventLoop();
        onProgress?.({ stage: 'index', done: d, total: ids.length });
      }
    } finally {
      await thread?.close();
    }
    if (d !== ids.length) throw new CorpusConflictError(`${ids.length - d} cases disappeared during the build`);
    writer ??= await this.store.beginVersion(versionId, { dimension, bm25 });
    return { writer, dimension };
  }

  /** The second pass's cases page by page: the fields the first pass kept, or the cases read again when it kept none. */
  private async *pagesToWrite(
    promoteJobIds: string[],
    kept: KeptCaseFields | null,
  ): AsyncGenerator<{ fields: CaseFields[]; rows: CaseRow[] | null }> {
    if (kept) {
      for (let from = 0; from < kept.length; from += WRITE_CHUNK) {
        const fields: CaseFields[] = [];
        for (let i = from; i < Math.min(kept.length, from + WRITE_CHUNK); i++) fields.push(kept.at(i));
        yield { fields, rows: null };
      }
      return;
    }
    for await (const rows of this.repository.casesOfNewVersion(promoteJobIds, WRITE_CHUNK)) {
      yield { fields: rows.map(caseFieldsOf), rows };
    }
  }

  /** Remote dense vectors of one page, in the encoder's batch size. */
  private async embedRemote(page: { title: string; text: string }[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let i = 0; i < page.length; i += this.settings.remoteBatchSize) {
      const batch = page.slice(i, i + this.settings.remoteBatchSize);
      vectors.push(
        ...(await this.embedder!.embed(
          batch.map((r) => caseDocument(r.title, r.text)),
          'document',
        )),
      );
    }
    return vectors;
  }

  /** Retired versions beyond the previous one are dropped (the previous one may still serve in-flight searches). */
  private async dropOldVersions(): Promise<void> {
    try {
      for (const id of await this.repository.versionsToDrop()) {
        await this.store.dropVersion(id);
        await this.models.drop(id);
        await this.repository.deleteVersion(id);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not drop old corpus versions');
    }
  }
}
