import * as lancedb from '@lancedb/lancedb';
import { type Data, Field, FixedSizeList, Float32, Float64, makeData, RecordBatch, Schema, Struct, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { type Candidate, type CandidateQuery, type CandidateResult, type Component, dot, FILTERABLE_FIELDS, type IndexedCase, type StoreFilter, VectorStore, type VersionWriter } from '../vector-store.port.js';

const WRITE_BATCH = 10_000;

/**
 * A batch of cases as an Arrow table in the version's schema, the vectors copied into one Float32Array:
 * building it from row objects (number[] per vector) took 13 s of a 167k-case build, this about 1 s.
 */
export function toArrowBatch(schema: Schema, cases: IndexedCase[], dimension: number | null): Table {
  const n = cases.length;
  const strings = (values: (string | null)[]): Data => vectorFromArray(values, new Utf8()).data[0]!;
  const children: Data[] = [
    strings(cases.map((c) => c.caseId)),
    strings(cases.map((c) => c.pmid)),
    strings(cases.map((c) => c.title)),
    vectorFromArray(cases.map((c) => c.age), new Float64()).data[0]!,
    strings(cases.map((c) => c.sex)),
    strings(cases.map((c) => c.snippet)),
    strings(cases.map((c) => c.terms ?? '')),
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
 * inside the probed ones): a flat scan of 167k × 256 floats took 105–159 ms p50 per query. On 167k
 * clustered 256-d vectors (`pnpm bench:ann`) IVF_FLAT with 256 partitions built in 5.3 s, answered
 * top-100 in 4.5 ms p50 with recall@100 1.000 against the exact scan; IVF_PQ (32 sub-vectors) took
 * 34.9 s to build for 4.7 ms p50 and recall@100 0.613 (product quantisation loses near neighbours).
 * Below this size the scan is exact and fast.
 */
export const ANN_MIN_ROWS = 20_000;

const RESULT_COLUMNS = ['case_id', 'pmid', 'title', 'age', 'sex', 'snippet'];

/** Table of a corpus version; versions sit side by side in one LanceDB folder. */
export const tableName = (versionId: string): string => `cases_${versionId.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** SQL predicate for LanceDB's prefilter; values are validated numbers/enums and quoted ids. */
export function toSqlPredicate(filter: StoreFilter, excludeIds: string[]): string | undefined {
  const parts: string[] = [];
  if (filter.ageMin !== undefined) parts.push(`age >= ${Number(filter.ageMin)}`);
  if (filter.ageMax !== undefined) parts.push(`age <= ${Number(filter.ageMax)}`);
  if (filter.sex !== undefined) parts.push(`sex = '${filter.sex === 'F' ? 'F' : 'M'}'`);
  if (excludeIds.length > 0) parts.push(`case_id NOT IN (${excludeIds.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ')})`);
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

/**
 * The embedded default store: one LanceDB table per corpus version with the dense vector and a
 * full-text (BM25) index over the case's tokens. The tokens are ours (whitespace-joined, negation
 * marks included), so LanceDB's BM25 sees exactly what the sparse encoder sees; filters run as SQL
 * prefilters inside LanceDB for both components.
 */
export class LanceDbStore extends VectorStore {
  readonly kind = 'lancedb' as const;
  readonly filterableFields = FILTERABLE_FIELDS;
  readonly lexicalInput = 'terms' as const;
  private readonly tables = new Map<string, Promise<lancedb.Table>>();

  private constructor(private readonly db: lancedb.Connection) {
    super();
  }

  static async open(dir: string): Promise<LanceDbStore> {
    return new LanceDbStore(await lancedb.connect(dir));
  }

  async beginVersion(versionId: string, options: { dimension: number | null }): Promise<VersionWriter> {
    const name = tableName(versionId);
    const fields: Field[] = [
      new Field('case_id', new Utf8(), false),
      new Field('pmid', new Utf8(), true),
      new Field('title', new Utf8(), false),
      new Field('age', new Float64(), true),
      new Field('sex', new Utf8(), true),
      new Field('snippet', new Utf8(), false),
      new Field('terms', new Utf8(), false),
    ];
    if (options.dimension) fields.push(new Field('vector', new FixedSizeList(options.dimension, new Field('item', new Float32(), true)), true));
    const schema = new Schema(fields);
    const table = await this.db.createEmptyTable(name, schema, { mode: 'overwrite' });
    let pending: IndexedCase[] = [];
    let rows = 0;
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
          pending.push(c);
          rows++;
          if (pending.length >= WRITE_BATCH) await flush();
        }
      },
      finish: async () => {
        await flush();
        await inflight;
        // Our tokens are already lowercased, stop-listed and unstemmed: split on whitespace only.
        await table.createIndex('terms', {
          config: lancedb.Index.fts({ baseTokenizer: 'whitespace', lowercase: false, stem: false, removeStopWords: false, asciiFolding: false, withPosition: false }),
        });
        // One after the other: built side by side (pnpm bench:ingest, 167k cases) they saved 1-3 s
        // and raised the embedder's peak RSS from about 1.4 to 1.8 GB.
        if (options.dimension && rows >= ANN_MIN_ROWS) {
          const numPartitions = Math.min(256, Math.round(Math.sqrt(rows)));
          await table.createIndex('vector', { config: lancedb.Index.ivfFlat({ numPartitions, distanceType: 'dot' }) });
        }
        // Scalar indexes for the filters' prefilter: at 167k cases an age/sex-filtered FTS top 100 went from
        // 24.9 to 17.6 ms p50 and the filtered vector query from 25.3 to 10.2 ms (in process, one run).
        await table.createIndex('age', { config: lancedb.Index.btree() });
        await table.createIndex('sex', { config: lancedb.Index.bitmap() });
        this.tables.set(versionId, Promise.resolve(table));
      },
    };
  }

  private table(versionId: string): Promise<lancedb.Table> {
    let table = this.tables.get(versionId);
    if (!table) {
      table = this.db.openTable(tableName(versionId));
      table.catch(() => this.tables.delete(versionId));
      this.tables.set(versionId, table);
    }
    return table;
  }

  async search(versionId: string, query: CandidateQuery): Promise<CandidateResult> {
    const table = await this.table(versionId);
    const where = toSqlPredicate(query.filter, query.excludeIds);
    const columns = query.dense ? [...RESULT_COLUMNS, 'vector'] : RESULT_COLUMNS;
    const failures: CandidateResult['failures'] = [];
    const run = async (component: Component, rows: () => Promise<Record<string, unknown>[]>) => {
      try {
        return await rows();
      } catch (error) {
        failures.push({ component, error: error as Error });
        return [];
      }
    };
    const [lexicalRows, denseRows] = await Promise.all([
      query.lexical
        ? run('lexical', () => {
            let q = table.query().fullTextSearch(new lancedb.MatchQuery(query.lexical!.terms, 'terms'));
            if (where) q = q.where(where);
            return q.select([...columns, '_score']).limit(query.limit).toArray();
          })
        : [],
      query.dense
        ? run('dense', () => {
            let q = table.query().nearestTo(query.dense!).distanceType('dot');
            if (where) q = q.where(where);
            // `_distance` named explicitly: LanceDB warns on every query that leaves it out (we recompute the cosine).
            return q.select([...columns, '_distance']).limit(query.limit).toArray();
          })
        : [],
    ]);
    const byId = new Map<string, Candidate>();
    const take = (row: Record<string, unknown>): Candidate => {
      const id = String(row.case_id);
      let c = byId.get(id);
      if (!c) {
        const vector = row.vector ? toFloat32(row.vector) : undefined;
        c = {
          caseId: id,
          pmid: (row.pmid as string | null) ?? null,
          title: String(row.title),
          age: (row.age as number | null) ?? null,
          sex: (row.sex as 'F' | 'M' | null) ?? null,
          snippet: String(row.snippet),
          vector,
          dense: vector && query.dense ? dot(vector, query.dense) : undefined,
        };
        byId.set(id, c);
      }
      return c;
    };
    for (const row of lexicalRows) take(row).lexical = Number(row._score);
    for (const row of denseRows) take(row);
    return { candidates: [...byId.values()], failures };
  }

  async dropVersion(versionId: string): Promise<void> {
    this.tables.delete(versionId);
    const names = await this.db.tableNames();
    if (names.includes(tableName(versionId))) await this.db.dropTable(tableName(versionId));
  }

  async close(): Promise<void> {
    for (const table of this.tables.values()) (await table.catch(() => null))?.close();
    this.tables.clear();
    this.db.close();
  }
}

function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  const v = value as { toArray?: () => ArrayLike<number> } & ArrayLike<number>;
  return Float32Array.from(typeof v.toArray === 'function' ? v.toArray() : v);
}
