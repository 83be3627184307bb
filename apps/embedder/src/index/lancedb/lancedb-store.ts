import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import {
  type Data,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import type { SearchFilters } from '@patientinsight/shared';
import { AppendedBm25Index, serializeDelta } from '../bm25/bm25-delta.js';
import { type ScoredDoc, writeBm25Index } from '../bm25/bm25-index.js';
import type { Bm25Model } from '../bm25/bm25-model.js';
import {
  type Candidate,
  type CandidateQuery,
  type CandidateResult,
  FILTERABLE_FIELDS,
  type IndexedCase,
  type PreparedAppend,
  type TermCountRow,
  VectorStore,
  type VersionWriter,
} from '../vector-store.port.js';
import { type LoadedVersion, loadVersion } from './loaded-version.js';

const WRITE_BATCH = 10_000;

/**
 * A batch of cases as an Arrow table in the version's schema, the vectors copied into one Float32Array:
 * building it from row objects (number[] per vector) was a large part of a corpus build.
 */
export function toArrowBatch(schema: Schema, cases: IndexedCase[], dimension: number | null): Table {
  const n = cases.length;
  const strings = (values: (string | null)[]): Data => vectorFromArray(values, new Utf8()).data[0]!;
  const children: Data[] = [
    strings(cases.map((c) => c.caseId)),
    strings(cases.map((c) => c.pmid)),
    strings(cases.map((c) => c.title)),
    vectorFromArray(
      cases.map((c) => c.age),
      new Float64(),
    ).data[0]!,
    strings(cases.map((c) => c.sex)),
    strings(cases.map((c) => c.snippet)),
  ];
  if (dimension) {
    const flat = new Float32Array(n * dimension);
    cases.forEach((c, i) => {
      if (!c.dense || c.dense.length !== dimension) throw new Error(`case ${c.caseId} has no ${dimension}-dimensional vector`);
      flat.set(c.dense, i * dimension);
    });
    const listType = schema.fields.find((f) => f.name === 'vector')!.type as FixedSizeList<Float32>;
    const child = makeData({ type: new Float32(), length: flat.length, nullCount: 0, data: flat });
    children.push(makeData({ type: listType, length: n, nullCount: 0, child }));
  }
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
  return new Table(schema, [batch]);
}
/**
 * From this many cases the dense column gets an IVF_FLAT index (k-means partitions, exact dot products
 * inside the probed ones): a flat scan is too slow for a search at corpus size. IVF_FLAT rather than
 * IVF_PQ: it builds faster and keeps the exact scan's neighbours, where product quantisation loses near
 * neighbours (`pnpm bench:ann`, docs/benchmarks.md). Below this size the scan is exact and fast.
 */
export const ANN_MIN_ROWS = 20_000;

/** The columns of a version's table. */
function versionSchema(dimension: number | null): Schema {
  const fields: Field[] = [
    new Field('case_id', new Utf8(), false),
    new Field('pmid', new Utf8(), true),
    new Field('title', new Utf8(), false),
    new Field('age', new Float64(), true),
    new Field('sex', new Utf8(), true),
    new Field('snippet', new Utf8(), false),
  ];
  if (dimension) fields.push(new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), true));
  return new Schema(fields);
}

/** Table of a corpus version; versions sit side by side in one LanceDB folder. */
export const tableName = (versionId: string): string => `cases_${versionId.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** SQL predicate for LanceDB's prefilter; values are validated numbers/enums and quoted ids. */
export function toSqlPredicate(filter: SearchFilters, excludeIds: string[]): string | undefined {
  const parts: string[] = [];
  if (filter.ageMin !== undefined) parts.push(`age >= ${Number(filter.ageMin)}`);
  if (filter.ageMax !== undefined) parts.push(`age <= ${Number(filter.ageMax)}`);
  if (filter.sex !== undefined) parts.push(`sex = '${filter.sex === 'F' ? 'F' : 'M'}'`);
  if (excludeIds.length > 0) parts.push(`case_id NOT IN (${excludeIds.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ')})`);
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

/**
 * The embedded default store: one LanceDB table per corpus version holding each case's result fields and
 * dense vector (IVF_FLAT index from 20k cases, scalar indexes on age and sex for the prefilter), and beside
 * it the version's BM25 postings (`<table>.bm25`). A search scores the lexical side in memory while
 * LanceDB answers the dense side on its own threads; result fields and vectors come from memory
 * (`CaseColumns`), so LanceDB is asked one question per search. Filters: SQL prefilter for the dense
 * side, the same rules over the in-memory age/sex columns for the lexical side.
 * Why not LanceDB's own full-text index: at corpus size its top 100 alone took most of the whole
 * search's latency budget (`pnpm bench:search`, docs/benchmarks.md).
 */
export class LanceDbStore extends VectorStore {
  readonly kind = 'lancedb' as const;
  readonly filterableFields = FILTERABLE_FIELDS;
  readonly lexicalInput = 'counts' as const;
  override get canAppend(): boolean {
    return true;
  }
  /** Versions loaded into memory; loading one evicts the others (in-flight searches keep theirs until they end). */
  private readonly loaded = new Map<string, Promise<LoadedVersion>>();

  private constructor(
    private readonly db: lancedb.Connection,
    private readonly dir: string,
  ) {
    super();
  }

  static async open(dir: string): Promise<LanceDbStore> {
    return new LanceDbStore(await lancedb.connect(dir), dir);
  }

  private postingsFile(versionId: string): string {
    return join(this.dir, `${tableName(versionId)}.bm25`);
  }

  /** The term counts of the cases appended since the fit (`bm25-delta.ts`), rewritten whole at each append. */
  private deltaFile(versionId: string): string {
    return join(this.dir, `${tableName(versionId)}.bm25-delta`);
  }

  /**
   * Appends to the loaded version: the rows go into its table (invisible to searches until committed: every
   * snapshot answers only its own documents), the next snapshot (columns and BM25 postings with the
   * statistics recomputed over base + appends) is built beside the current one and its delta file written
   * as `.partial`. Commit renames the file into place and swaps the snapshot; searches in flight keep theirs.
   * Appends to one version must not overlap (the indexer runs them one at a time).
   */
  override prepareAppend(versionId: string, cases: IndexedCase[], bm25: Bm25Model): Promise<PreparedAppend> {
    return (async () => {
      const current = await this.version(versionId);
      if (!current.base)
        throw new Error(`version ${versionId} has no BM25 postings to append to (${current.lexicalError ?? 'unknown'}); rebuild it`);
      const known = cases.find((c) => current.cases.has(current.cases.docOf.get(c.caseId)));
      if (known) throw new Error(`case ${known.caseId} is already in version ${versionId}`);
      const rows: TermCountRow[] = cases.map((c) => {
        if (!c.termCounts) throw new Error(`case ${c.caseId} has no term counts for the BM25 postings`);
        return c.termCounts;
      });
      // This module's Arrow classes, not the table's (LanceDB bundles its own copy of the library).
      const schema = versionSchema(current.cases.dimension);
      for (let i = 0; i < cases.length; i += WRITE_BATCH)
        await current.table.add(toArrowBatch(schema, cases.slice(i, i + WRITE_BATCH), current.cases.dimension));
      const rowIds = await this.rowIdsOf(
        current.table,
        cases.map((c) => c.caseId),
      );
      const delta = {
        params: current.delta?.params ?? { k1: bm25.data.k1, b: bm25.data.b, avgDocLength: bm25.data.avgDocLength },
        keys: [...(current.delta?.keys ?? []), ...cases.map((c) => c.caseId)],
        rows: [...(current.delta?.rows ?? []), ...rows],
      };
      const next = { ...current, cases: current.cases.extend(cases, rowIds), lexical: new AppendedBm25Index(current.base, delta), delta };
      const file = this.deltaFile(versionId);
      await writeFile(`${file}.partial`, serializeDelta(delta));
      return {
        caseCount: next.cases.ids.length,
        commit: async () => {
          await rename(`${file}.partial`, file);
          next.cases.publish();
          if (this.loaded.has(versionId)) this.loaded.set(versionId, Promise.resolve(next));
        },
        // The table rows stay, unreferenced: no snapshot and no later load counts them.
        abort: () => rm(`${file}.partial`, { force: true }),
      };
    })();
  }

  /** LanceDB row ids of just-appended cases, in the order given (the newest row when an aborted append left an older one). */
  private async rowIdsOf(table: lancedb.Table, caseIds: string[]): Promise<number[]> {
    const rowOf = new Map<string, number>();
    for (let i = 0; i < caseIds.length; i += 500) {
      const list = caseIds.slice(i, i + 500).map((id) => `'${id.replaceAll("'", "''")}'`);
      for await (const batch of table
        .query()
        .withRowId()
        .where(`case_id IN (${list.join(', ')})`)
        .select(['case_id'])) {
        const ids = batch.getChild('case_id')!;
        const rows = batch.getChild('_rowid')!;
        for (let r = 0; r < batch.numRows; r++) {
          const id = String(ids.get(r));
          const row = Number(rows.get(r));
          if (row > (rowOf.get(id) ?? -1)) rowOf.set(id, row);
        }
      }
    }
    return caseIds.map((id) => {
      const row = rowOf.get(id);
      if (row === undefined) throw new Error(`case ${id} was appended but LanceDB does not return it`);
      return row;
    });
  }

  async beginVersion(versionId: string, options: { dimension: number | null; bm25: Bm25Model }): Promise<VersionWriter> {
    const name = tableName(versionId);
    const schema = versionSchema(options.dimension);
    const table = await this.db.createEmptyTable(name, schema, { mode: 'overwrite' });
    // Each case's term counts (views into the build's count matrix, no copy) until finish() writes the postings.
    let termCounts: TermCountRow[] = [];
    const ids: string[] = [];
    let pending: IndexedCase[] = [];
    // One write in flight: LanceDB writes on its own threads while the caller embeds the next cases.
    // A failed write is reported by the next flush or by finish().
    let inflight: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = toArrowBatch(schema, pending, options.dimension);
      pending = [];
      await inflight;
      inflight = table.add(batch).then(() => undefined);
      inflight.catch(() => undefined);
    };
    return {
      add: async (cases: IndexedCase[]) => {
        for (const c of cases) {
          if (!c.termCounts) throw new Error(`case ${c.caseId} has no term counts for the BM25 postings`);
          termCounts.push(c.termCounts);
          ids.push(c.caseId);
          pending.push(c);
          if (pending.length >= WRITE_BATCH) await flush();
        }
      },
      finish: async () => {
        await flush();
        await inflight;
        await writeBm25Index(this.postingsFile(versionId), options.bm25, termCounts, ids);
        // The views were the last hold on the build's count matrix: released before the dense index is built.
        termCounts = [];
        if (options.dimension && ids.length >= ANN_MIN_ROWS) {
          const numPartitions = Math.min(256, Math.round(Math.sqrt(ids.length)));
          // k-means trained on 128 vectors per partition instead of LanceDB's 256: a second or two less of the build
          // at corpus size, with the same recall in `pnpm bench:ann` (FAISS asks for at least 39 per centroid).
          await table.createIndex('vector', { config: lancedb.Index.ivfFlat({ numPartitions, distanceType: 'dot', sampleRate: 128 }) });
        }
        // Scalar indexes for the dense side's prefilter: without them the age/sex-filtered vector query
        // was several times slower at corpus size.
        await table.createIndex('age', { config: lancedb.Index.btree() });
        await table.createIndex('sex', { config: lancedb.Index.bitmap() });
        table.close();
      },
    };
  }

  override async warm(versionId: string): Promise<void> {
    await this.version(versionId);
  }

  private version(versionId: string): Promise<LoadedVersion> {
    let version = this.loaded.get(versionId);
    if (!version) {
      // Not closed: a search that started on the other version may still be using its table.
      this.loaded.clear();
      version = this.db
        .openTable(tableName(versionId))
        .then((table) => loadVersion(table, this.postingsFile(versionId), this.deltaFile(versionId)));
      version.catch(() => this.loaded.delete(versionId));
      this.loaded.set(versionId, version);
    }
    return version;
  }

  async search(versionId: string, query: CandidateQuery): Promise<CandidateResult> {
    const { table, lexical, lexicalError, cases } = await this.version(versionId);
    const failures: CandidateResult['failures'] = [];
    // The dense query is asked first. LanceDB's toArrow() awaits twice before it starts its native query: the
    // microtask turns below let it start, so its threads plan and search while the postings loop runs here.
    const denseRows = query.dense
      ? (() => {
          let q = table.query().withRowId().nearestTo(query.dense).distanceType('dot');
          const where = toSqlPredicate(query.filter, query.excludeIds);
          if (where) q = q.where(where);
          // Row ids only (see CaseColumns.docOfRow); `_distance` named explicitly: LanceDB warns on every
          // query that leaves it out (the cosine is recomputed from the vector in memory).
          return q.select(['_distance']).limit(query.limit).toArrow();
        })()
      : Promise.resolve(null);
    denseRows.catch(() => undefined);
    if (query.dense) for (let turn = 0; turn < 4; turn++) await null;
    let lexicalHits: ScoredDoc[] = [];
    if (query.lexical) {
      if (!lexical) failures.push({ component: 'lexical', error: new Error(lexicalError ?? 'no BM25 postings') });
      else lexicalHits = lexical.search(query.lexical, query.limit, cases.admits(query.filter, query.excludeIds));
    }
    // The lexical hits first, then the dense rows they do not hold, made into candidates in one batch.
    const lexicalScore = new Map<number, number>();
    for (const hit of lexicalHits) lexicalScore.set(hit.doc, hit.score);
    const docs = [...lexicalScore.keys()];
    const seen = new Set(docs);
    try {
      const rows = (await denseRows)?.getChild('_rowid');
      for (let i = 0; rows && i < rows.length; i++) {
        // A row of an append this snapshot predates (or that never committed) is not part of its answer.
        const d = cases.docOfRow.get(Number(rows.get(i)));
        if (cases.has(d) && !seen.has(d)) {
          seen.add(d);
          docs.push(d);
        }
      }
    } catch (error) {
      failures.push({ component: 'dense', error: error as Error });
    }
    const candidates = cases.candidates(docs, query.dense);
    for (let i = 0; i < lexicalScore.size; i++) candidates[i]!.lexical = lexicalScore.get(docs[i]!);
    return { candidates, failures };
  }

  async dropVersion(versionId: string): Promise<void> {
    this.loaded.delete(versionId);
    const names = await this.db.tableNames();
    if (names.includes(tableName(versionId))) await this.db.dropTable(tableName(versionId));
    await rm(this.postingsFile(versionId), { force: true });
    await rm(this.deltaFile(versionId), { force: true });
  }

  async close(): Promise<void> {
    for (const version of this.loaded.values()) (await version.catch(() => null))?.table.close();
    this.loaded.clear();
    this.db.close();
  }
}
