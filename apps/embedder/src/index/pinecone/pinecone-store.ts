import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type Index, Pinecone, type PineconeRecord, type RecordMetadata } from '@pinecone-database/pinecone';
import type { SearchFilters } from '@patientinsight/shared';
import type { Bm25Model } from '../bm25/bm25-model.js';
import {
  type Candidate,
  type CandidateQuery,
  type CandidateResult,
  dot,
  FILTERABLE_FIELDS,
  type IndexedCase,
  type PreparedAppend,
  type SparseVector,
  sparseDot,
  VectorStore,
  type VersionWriter,
} from '../vector-store.port.js';

/** Pinecone's data-plane limits for one upsert request, one delete request and one record's metadata. */
export const PINECONE_LIMITS = {
  maxVectorsPerUpsert: 1000,
  maxUpsertBytes: 2 * 1024 * 1024,
  maxIdsPerDelete: 1000,
  maxMetadataBytes: 40 * 1024,
};
/** Room for the request envelope and JSON overhead we do not count exactly. */
const UPSERT_BYTE_BUDGET = PINECONE_LIMITS.maxUpsertBytes - 64 * 1024;
/** How long a replica trusts the committed case count it read: another replica's append shows within this, as an activation does. */
const COMMITTED_RECHECK_MS = 1000;

export const namespaceOf = (versionId: string): string => `corpus-${versionId}`;

/**
 * What the store keeps in the database with the version (`corpus_version`), so every replica agrees on it.
 * A version's committed case count is its visibility bound: every record carries `seq` (0 for the build, the
 * version's case count after the append for an appended one) and a search sees the records with `seq` up to it.
 */
export interface PineconeAppendLedger {
  /** The case count the version's last committed transaction (its activation or an append) set; null when the version is unknown. */
  committedCaseCount(versionId: string): Promise<number | null>;
  /**
   * Holds the version's append lock, across replicas, until `release`; a holder that dies loses it with its connection.
   * Rejects, with the reason, when another holder keeps it longer than `timeoutMs`.
   */
  lockAppends(versionId: string, timeoutMs: number): Promise<{ release(): Promise<void> }>;
}

/**
 * Metadata filter in Pinecone's query language, one condition each under `$and`: the request's filters and the
 * version's committed records (`seq` up to the committed case count; namespaces built before appends have no `seq`).
 */
export function toPineconeFilter(filter: SearchFilters, committedCaseCount: number): Record<string, unknown> {
  const conditions: Record<string, unknown>[] = [];
  const age: Record<string, number> = {};
  if (filter.ageMin !== undefined) age.$gte = filter.ageMin;
  if (filter.ageMax !== undefined) age.$lte = filter.ageMax;
  if (Object.keys(age).length > 0) conditions.push({ age });
  if (filter.sex !== undefined) conditions.push({ sex: { $eq: filter.sex } });
  conditions.push({ $or: [{ seq: { $lte: committedCaseCount } }, { seq: { $exists: false } }] });
  return conditions.length === 1 ? conditions[0]! : { $and: conditions };
}

interface CaseMetadata extends RecordMetadata {
  title: string;
  snippet: string;
}

/** Metadata of a record beside the case's fields. */
interface RecordStamp {
  /** 0 for the build; for an appended case the version's case count once its append commits (see PineconeAppendLedger). */
  seq: number;
  /** The append that wrote the record (a random id), so the clean-up of a dead append spares the live one. */
  append?: string;
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

type CaseRecord = PineconeRecord<CaseMetadata>;

/** A case as a Pinecone record: dense and BM25 sparse values, the result fields and its sequence as metadata. */
function toRecord(c: IndexedCase, sparse: SparseVector | undefined, stamp: RecordStamp): CaseRecord {
  if (!c.dense || !sparse) throw new Error(`case ${c.caseId} has no ${c.dense ? 'sparse' : 'dense'} vector`);
  return { id: c.caseId, values: Array.from(c.dense), sparseValues: sparse, metadata: { ...caseMetadata(c), ...stamp } };
}

/** Upserts records in requests within Pinecone's limits (1000 vectors, 2 MB). */
class UpsertBatcher {
  private batch: CaseRecord[] = [];
  private bytes = 0;

  constructor(private readonly index: Index<CaseMetadata>) {}

  async add(record: CaseRecord): Promise<void> {
    const size = Buffer.byteLength(JSON.stringify(record));
    if (this.batch.length >= PINECONE_LIMITS.maxVectorsPerUpsert || this.bytes + size > UPSERT_BYTE_BUDGET) await this.flush();
    this.batch.push(record);
    this.bytes += size;
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const records = this.batch;
    this.batch = [];
    this.bytes = 0;
    await this.index.upsert({ records });
  }
}

/**
 * Production store: one Pinecone index with dotproduct metric holding sparse (BM25) and dense values
 * per case, one namespace per corpus version. A query sends the dense vector scaled by w and the BM25
 * query vector scaled by 1 − w (the convex hybrid Pinecone recommends), asks for the records' values
 * back, and recomputes each component score client-side so every result can say why it ranked there.
 * Appends add records to the version's namespace, invisible until the database commits the version's new
 * case count (`PineconeAppendLedger`): a search sees all of an append or none of it, on every replica.
 */
export class PineconeStore extends VectorStore {
  readonly kind = 'pinecone' as const;
  readonly lexicalInput = 'sparse' as const;
  readonly filterableFields = FILTERABLE_FIELDS;
  override get canAppend(): boolean {
    return true;
  }
  private readonly client: Pinecone;
  private readonly logger = new Logger('PineconeStore');
  /** Each version's committed case count as this replica last read it, and the read in flight. */
  private readonly committed = new Map<string, { count: number; readAt: number }>();
  private readonly reading = new Map<string, Promise<number>>();

  constructor(
    private readonly options: {
      apiKey: string;
      indexHost: string;
      timeoutMs: number;
      maxRetries?: number;
      ledger: PineconeAppendLedger;
      /** How long an append waits for another replica's append to the same version. */
      appendLockTimeoutMs: number;
    },
  ) {
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
    const batcher = new UpsertBatcher(this.index(versionId));
    return {
      add: async (cases: IndexedCase[]) => {
        for (const c of cases) await batcher.add(toRecord(c, c.sparse, { seq: 0 }));
      },
      finish: () => batcher.flush(),
    };
  }

  /**
   * Upserts the cases into the version's namespace with `seq` = the version's case count after this append, above
   * the committed count, so no search sees them; the caller's database transaction that makes their rows live and
   * sets that case count is the moment they become visible (`commit` only tells this replica at once). Their BM25
   * weights use the version's fitted statistics (idf, average length), which leave out at most the cases added since
   * the fit, a share CORPUS_REFIT_SHARE bounds. The version's append lock is held from here to
   * `commit`/`abort`, so appends from several replicas follow one another.
   */
  override prepareAppend(versionId: string, cases: IndexedCase[], bm25: Bm25Model): Promise<PreparedAppend> {
    return (async () => {
      const index = this.index(versionId);
      const lock = await this.options.ledger.lockAppends(versionId, this.options.appendLockTimeoutMs);
      let seq: number;
      try {
        const committed = await this.options.ledger.committedCaseCount(versionId);
        if (committed === null) throw new Error(`version ${versionId} has no committed case count to append to`);
        seq = committed + cases.length;
        const append = randomBytes(6).toString('hex');
        // Records above the committed count belong to an append that never committed (its process died, or its
        // abort could not delete them): removed before this one's count could reach theirs. This append's own records
        // are spared, whatever order Pinecone applies the two writes in.
        await index.deleteMany({ filter: { $and: [{ seq: { $gt: committed } }, { append: { $ne: append } }] } });
        const batcher = new UpsertBatcher(index);
        for (const c of cases)
          await batcher.add(toRecord(c, c.sparse ?? (c.termCounts && bm25.encodeTermCounts(c.termCounts)), { seq, append }));
        await batcher.flush();
      } catch (error) {
        // What was written stays above the committed count, invisible, until the next append removes it.
        await lock.release();
        throw error;
      }
      const fitted = bm25.data.docCount;
      return {
        caseCount: seq,
        commit: async () => {
          this.remember(versionId, seq);
          await lock.release();
          this.logger.log(
            {
              versionId,
              cases: cases.length,
              caseCount: seq,
              bm25Statistics: 'fitted',
              addedShare: (seq - fitted) / Math.max(1, fitted),
            },
            "cases appended to the version's namespace, weighted with its fitted BM25 statistics (they leave out the added share)",
          );
        },
        abort: async () => {
          try {
            // The database may have committed before its answer was lost: the records are then the version's.
            if (((await this.options.ledger.committedCaseCount(versionId)) ?? 0) < seq) await this.deleteIds(index, cases);
          } catch (error) {
            this.logger.warn({ versionId, err: error }, 'could not delete the records of an aborted append; the next append removes them');
          } finally {
            await lock.release();
          }
        },
      };
    })();
  }

  private async deleteIds(index: Index<CaseMetadata>, cases: IndexedCase[]): Promise<void> {
    for (let i = 0; i < cases.length; i += PINECONE_LIMITS.maxIdsPerDelete)
      await index.deleteMany({ ids: cases.slice(i, i + PINECONE_LIMITS.maxIdsPerDelete).map((c) => c.caseId) });
  }

  /** The version's committed case count: read from the ledger at most once a second per replica, one read at a time. */
  private committedCount(versionId: string): Promise<number> {
    const known = this.committed.get(versionId);
    if (known && Date.now() - known.readAt < COMMITTED_RECHECK_MS) return Promise.resolve(known.count);
    let read = this.reading.get(versionId);
    if (!read) {
      read = this.options.ledger
        .committedCaseCount(versionId)
        .then(
          (count) => this.remember(versionId, count ?? 0),
          (error: Error) => {
            // The database is unreachable: the last count read is still a committed state.
            if (known) return known.count;
            throw error;
          },
        )
        .finally(() => this.reading.delete(versionId));
      this.reading.set(versionId, read);
    }
    return read;
  }

  /** A version's case count only grows: a read that started before a local commit must not lower it. */
  private remember(versionId: string, count: number): number {
    const next = Math.max(count, this.committed.get(versionId)?.count ?? 0);
    this.committed.set(versionId, { count: next, readAt: Date.now() });
    return next;
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
      const committed = await this.committedCount(versionId);
      const response = await this.index(versionId).query({
        topK: Math.min(10_000, query.limit + excluded.size),
        vector: Array.from(query.dense, (v) => v * w),
        sparseVector: sparse && sparse.indices.length > 0 ? sparse : undefined,
        filter: toPineconeFilter(query.filter, committed),
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
    this.committed.delete(versionId);
    await this.client.index({ host: this.options.indexHost }).deleteNamespace(namespaceOf(versionId));
  }

  async close(): Promise<void> {}
}
