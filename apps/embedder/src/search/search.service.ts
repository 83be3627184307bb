import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import type { ParsedSearchRequest, SearchResponse } from '@patientinsight/shared';
import { ActiveCorpus } from '../corpus/active-corpus.js';
import type { CorpusModels } from '../corpus/corpus-models.js';
import { TEXT_EMBEDDER } from '../corpus/corpus.tokens.js';
import type { TextEmbedder } from '../encoders/encoder.port.js';
import { type Component, VectorStore } from '../index/vector-store.port.js';
import { type FusionSettings, fuseCandidates, patientDemographics } from './fusion.js';
import { SearchMetrics } from './search.metrics.js';

export const SEARCH_SETTINGS = Symbol('SEARCH_SETTINGS');
export interface SearchSettings extends FusionSettings {
  candidates: number;
  lowConfidenceFloor: number;
}

/** Hybrid similar-case search: encode, fetch candidates per component, fuse, explain. */
@Injectable()
export class SearchService {
  private readonly logger = new Logger('SearchService');
  constructor(
    private readonly active: ActiveCorpus,
    private readonly store: VectorStore,
    private readonly metrics: SearchMetrics,
    @Inject(SEARCH_SETTINGS) private readonly settings: SearchSettings,
    @Inject(TEXT_EMBEDDER) private readonly embedder: TextEmbedder | null,
  ) {}

  async search(request: ParsedSearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const filters = request.filters ?? {};
    const unsupported = Object.keys(filters).filter((f) => !this.store.filterableFields.includes(f));
    if (unsupported.length > 0) {
      throw new AppError(
        'FILTER_UNSUPPORTED',
        `The ${this.store.kind} index cannot filter on ${unsupported.join(', ')}`,
        400,
        unsupported.map((f) => ({ field: `filters.${f}`, reason: `the index has no field for this filter` })),
      );
    }
    const mode = request.options?.mode ?? 'hybrid';
    const corpus = await this.active.get();
    if (!corpus) return { results: [], tookMs: elapsed(started), degraded: true, degradedReason: 'no corpus version is active yet' };

    const failures: { component: Component; reason: string }[] = [];
    const sparse = mode === 'dense' ? undefined : corpus.bm25.encodeQuery(request.query);
    // A query without a single term the corpus knows has nothing to match lexically.
    const lexical = sparse && sparse.indices.length > 0 ? sparse : undefined;
    let dense: Float32Array | undefined;
    if (mode !== 'lexical' && corpus.dimension) {
      try {
        dense = await this.embedQuery(corpus, request.query);
        // A query without a single term the corpus knows has no LSA vector: nothing to compare.
        if (dense.every((x) => x === 0)) dense = undefined;
      } catch (error) {
        failures.push({ component: 'dense', reason: (error as Error).message });
      }
    }
    if (!lexical && !dense && failures.length === 0) {
      this.observe([], failures, mode, started);
      return { results: [], tookMs: elapsed(started), corpusVersion: corpus.versionId };
    }
    const result = await this.store
      .search(corpus.versionId, {
        lexical,
        dense,
        filter: filters,
        excludeIds: request.excludeIds ?? [],
        limit: Math.max(this.settings.candidates, request.topK),
        denseWeight: request.options?.denseWeight ?? this.settings.denseWeight,
      })
      // A store that fails as a whole (a missing table, say) fails both components: degraded, not a 500.
      .catch((error: Error) => ({ candidates: [], failures: (['lexical', 'dense'] as const).map((component) => ({ component, error })) }));
    for (const f of result.failures) failures.push({ component: f.component, reason: f.error.message });
    const fused = fuseCandidates(
      result.candidates,
      failures.some((f) => f.component === 'dense') ? null : (dense ?? null),
      patientDemographics(request.patient),
      {
        ...this.settings,
        fusion: request.options?.fusion ?? this.settings.fusion,
        denseWeight: request.options?.denseWeight ?? this.settings.denseWeight,
        feedbackDocs: request.options?.feedbackDocs ?? this.settings.feedbackDocs,
        demographicPrior: request.options?.demographicPrior ?? this.settings.demographicPrior,
        normalization: request.options?.normalization ?? this.settings.normalization,
        regularization: request.options?.regularization ?? this.settings.regularization,
      },
    )
      .sort((a, b) => b.fused - a.fused || a.candidate.caseId.localeCompare(b.candidate.caseId))
      .slice(0, request.topK);

    const results = fused.map((f, i) => ({
      caseId: f.candidate.caseId,
      pmid: f.candidate.pmid,
      title: f.candidate.title,
      age: f.candidate.age,
      sex: f.candidate.sex,
      snippet: f.candidate.snippet,
      score: round(f.fused),
      scores: {
        lexical: opt(f.lexical),
        lexicalNormalized: opt(f.lexicalNormalized),
        dense: opt(f.dense),
        feedback: opt(f.feedback),
        neighbours: opt(f.neighbours),
        prior: opt(f.prior),
        fused: round(f.fused),
      },
      rank: i + 1,
    }));
    this.observe(
      results.map((r) => r.score),
      failures,
      mode,
      started,
    );
    const response: SearchResponse = { results, tookMs: elapsed(started), corpusVersion: corpus.versionId };
    const reasons = failures.map(
      (f) => `${f.component} unavailable (${f.reason}); answered with ${f.component === 'dense' ? 'lexical' : 'dense'} scores only`,
    );
    if (this.active.lagReason) reasons.push(this.active.lagReason);
    if (reasons.length > 0) {
      response.degraded = true;
      response.degradedReason = reasons.join('; ');
      this.logger.warn({ failures, lag: this.active.lagReason }, 'degraded search');
    }
    return response;
  }

  private async embedQuery(corpus: CorpusModels, query: string): Promise<Float32Array> {
    if (corpus.lsa) return corpus.lsa.embedText(query);
    if (!this.embedder || this.embedder.name !== corpus.dense)
      throw new Error(`the active version was built with ${corpus.dense}, which this embedder is not configured for`);
    const [vector] = await this.embedder.embed([query], 'query');
    return vector!;
  }

  private observe(scores: number[], failures: { component: Component }[], mode: string, started: number): void {
    if (scores.length > 0) this.metrics.topScore.observe(scores[0]!);
    for (const s of scores) this.metrics.topKScore.observe(s);
    if (scores.length === 0 || scores[0]! < this.settings.lowConfidenceFloor) this.metrics.lowConfidence.inc();
    for (const f of failures) this.metrics.degraded.inc({ component: f.component });
    this.metrics.duration.observe({ mode }, (performance.now() - started) / 1000);
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const opt = (x: number | undefined) => (x === undefined ? undefined : round(x));
const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;
