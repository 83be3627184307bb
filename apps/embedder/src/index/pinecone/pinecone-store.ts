import { Pinecone, type RecordMetadata } from '@pinecone-database/pinecone';
import type { SearchFilters } from '@patientinsight/shared';
import type { Bm25Model } from '../bm25/bm25-model.js';
import {
  type Candidate,
  type CandidateQuery,
  type CandidateResult,
  dot,
  FILTERABLE_FIELDS,
  type IndexedCase,
  type SparseVector,
  sparseDot,
  VectorStore,
  type VersionWriter,
} from '../vector-store.port.js';

/** Pinecone's data-plane limits for one upsert request and one record's metadata. */
export const PINECONE_LIMITS = { maxVectorsPerUpsert: 1000, maxUpsertBytes: 2 * 1024 * 1024, maxMetadataBytes: 40 * 1024 };
/** Room for the request envelope and JSON overhead we do not count exactly. */
const UPSERT_BYTE_BUDGET = PINECONE_LIMITS.maxUpsertBytes - 64 * 1024;

export const namespaceOf = (versionId: string): string => `corpus-${versionId}`;

/** Metadata filter in Pinecone's query language; absent when nothing is filtered. */
export function toPineconeFilter(filter: SearchFilters): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const age: Record<string, number> = {};
  if (filter.ageMin !== undefined) age.$gte = filter.ageMin;
  if (filter.ageMax !== undefined) age.$lte = filter.ageMax;
  if (Object.keys(age).length > 0) out.age = age;
  if (filter.sex !== undefined) out.sex = { $eq: filter.sex };
  return Object.keys(out).length > 0 ? out : undefined;
}

interface CaseMetadata extends RecordMetadata {
  title: string;
  snippet: string;
}

/** Metadata within the 40 KB per-record limit (null fields are omitted: Pinecone has no null). */
export function caseMetadata(c: IndexedCase): CaseMetadata {
  const meta: CaseMetadata = { title: c.title, snippet: c.snippet };
  if (c.pmid !== null) meta.pmid = c.pmid;
  if (c.age !== null) meta.age = c.age;
  if (c.sex !== null) meta.sex = c.sex;
  while (Buffer.byteLength(JSON.stringify(meta)) > PINECONE_LIMITS.maxMetadataBytes - 512) {
    meta.snippet = meta.snippet.slice(0, Math.floor(meta.snippet.length / 2));
    meta.title = meta.title.slice(0, 1000);
  }
  return meta;
}

/**
 * Production store: one Pinecone index with dotproduct metric holding sparse (BM25) and dense values
 * per case, one namespace per corpus version. A query sends the dense vector scaled by w and the BM25
 * query vector scaled by 1 − w (the convex hybrid Pinecone recommends), asks for the records' values
 * back, and recomputes each component score client-side so every result can say why it ranked there.
 */
export class PineconeStore extends VectorStore {
  readonly kind = 'pinecone' as const;
  readonly lexicalInput = 'sparse' as const;
  readonly filterableFields = FILTERABLE_FIELDS;
  private readonly client: Pinecone;

  constructor(private readonly options: { apiKey: string; indexHost: string; timeoutMs: number; maxRetries?: number }) {
    super();
    this.client = new Pinecone({
      apiKey: options.apiKey,
      maxRetries: options.maxRetries ?? 2,
      // The SDK has no request timeout of its own; this sits under its retries.
      fetchApi: ((url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) })) as never,
    });
  }

  private index(versionId: string) {
    return this.client.index<CaseMetadata>({ host: this.options.indexHost, namespace: namespaceOf(versionId) });
  }

  async beginVersion(versionId: string, options: { dimension: number | null; bm25: Bm25Model }): Promise<VersionWriter> {
    if (!options.dimension) throw new Error('Pinecone needs dense vectors: configure a dense encoder (DENSE_ENCODER=lsa or a remote one)');
    const index = this.index(versionId);
    let batch: Parameters<typeof index.upsert>[0]['records'] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const records = batch;
      batch = [];
      bytes = 0;
      await index.upsert({ records });
    };
    return {
      add: async (cases: IndexedCase[]) => {
        for (const c of cases) {
          if (!c.dense || !c.sparse) throw new Error(`case ${c.caseId} has no ${c.dense ? 'sparse' : 'dense'} vector`);
          const record = { id: c.caseId, values: Array.from(c.dense), sparseValues: c.sparse, metadata: caseMetadata(c) };
          const size = Buffer.byteLength(JSON.stringify(record));
          if (batch.length >= PINECONE_LIMITS.maxVectorsPerUpsert || bytes + size > UPSERT_BYTE_BUDGET) await flush();
          batch.push(record);
          bytes += size;
        }
      },
      finish: flush,
    };
  }

  async search(versionId: string, query: CandidateQuery): Promise<CandidateResult> {
    if (!query.dense) {
      // A dotproduct hybrid index needs a dense query vector; without one the search is lexical-less too.
      return { candidates: [], failures: [{ component: 'dense', error: new Error('no dense query vector') }] };
    }
    const w = query.lexical ? query.denseWeight : 1;
    const sparse: SparseVector | undefined = query.lexical
      ? { indices: query.lexical.indices, values: query.lexical.values.map((v) => v * (1 - w)) }
      : undefined;
    const excluded = new Set(query.excludeIds);
    try {
      const response = await this.index(versionId).query({
        topK: Math.min(10_000, query.limit + excluded.size),
        vector: Array.from(query.dense, (v) => v * w),
        sparseVector: sparse && sparse.indices.length > 0 ? sparse : undefined,
        filter: toPineconeFilter(query.filter),
        includeValues: true,
        includeMetadata: true,
      });
      const candidates: Candidate[] = [];
      for (const m of response.matches) {
        if (excluded.has(m.id)) continue;
        const vector = m.values ? Float32Array.from(m.values) : undefined;
        const meta = m.metadata;
        candidates.push({
          caseId: m.id,
          pmid: typeof meta?.pmid === 'string' ? meta.pmid : null,
          title: meta?.title ?? '',
          age: typeof meta?.age === 'number' ? meta.age : null,
          sex: meta?.sex === 'F' || meta?.sex === 'M' ? meta.sex : null,
          snippet: meta?.snippet ?? '',
          vector,
          dense: vector ? dot(vector, query.dense) : undefined,
          lexical: query.lexical && m.sparseValues ? sparseDot(m.sparseValues, query.lexical) : undefined,
        });
      }
      return { candidates: candidates.slice(0, query.limit), failures: [] };
    } catch (error) {
      return {
        candidates: [],
        failures: [
          { component: 'dense', error: error as Error },
          ...(query.lexical ? [{ component: 'lexical' as const, error: error as Error }] : []),
        ],
      };
    }
  }

  async dropVersion(versionId: string): Promise<void> {
    await this.client.index({ host: this.options.indexHost }).deleteNamespace(namespaceOf(versionId));
  }

  async close(): Promise<void> {}
}
