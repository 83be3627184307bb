import { readFile } from 'node:fs/promises';
import type * as lancedb from '@lancedb/lancedb';
import type { SearchFilters, Sex } from '@patientinsight/shared';
import { AppendedBm25Index, type Bm25Delta, deserializeDelta } from '../bm25/bm25-delta.js';
import { Bm25Index } from '../bm25/bm25-index.js';
import { type Candidate, dot, type IndexedCase } from '../vector-store.port.js';

const SEX_CODE = { F: 1, M: 2 } as const;
const SEX_OF = [null, 'F', 'M'] as const;

/** Every half-precision bit pattern as the float32 it stands for (256 kB, built once). */
const HALF_TO_FLOAT = new Float32Array(new Float16Array(Uint16Array.from({ length: 65_536 }, (_, i) => i).buffer));

/**
 * What a search needs of every case of one version, in memory and in document order (the order of the
 * BM25 postings): id, result fields, age and sex for the filters, and the dense vector (fusion re-scores
 * candidates with it). Reading these from LanceDB per query (a take of the result rows) cost as much as
 * the dense query itself; from here it costs nothing. Memory: docs/benchmarks.md ("Search latency").
 */
export class CaseColumns {
  /** Shared by the snapshots of one version (appends only add entries): a document at or past `ids.length` is not in this snapshot. */
  readonly docOf: Map<string, number>;
  /**
   * LanceDB row id → document. The dense query asks for row ids only: reading `case_id` for its rows
   * (random reads) about doubled its time. The ids are stable because a version's table is only appended
   * to, never updated, deleted from or compacted. Shared as docOf is.
   */
  readonly docOfRow: Map<number, number>;
  /** Entries of an append, added to the shared maps when it is committed. */
  private unpublished: { id: string; rowId: number; d: number }[] = [];
  readonly pmid: (string | null)[];
  readonly title: string[];
  readonly snippet: string[];
  /** NaN where the age is unknown (a filter on age never accepts it, as SQL's NULL). */
  readonly age: Float64Array;
  readonly sex: Uint8Array;
  /**
   * Half precision: half the memory of float32 for cosines that move by about 1e-3;
   * LanceDB keeps its own full-precision copy in the dense index. A candidate gets a float32 copy of its vector.
   */
  readonly vectors: Float16Array | null;

  constructor(
    readonly ids: string[],
    readonly dimension: number | null,
    shared?: { docOf: Map<string, number>; docOfRow: Map<number, number> },
  ) {
    this.docOf = shared?.docOf ?? new Map();
    this.docOfRow = shared?.docOfRow ?? new Map();
    if (!shared) for (const [d, id] of ids.entries()) this.docOf.set(id, d);
    const n = ids.length;
    this.pmid = new Array<string | null>(n).fill(null);
    this.title = new Array<string>(n).fill('');
    this.snippet = new Array<string>(n).fill('');
    this.age = new Float64Array(n).fill(Number.NaN);
    this.sex = new Uint8Array(n);
    this.vectors = dimension ? new Float16Array(n * dimension) : null;
  }

  /** Whether document d belongs to this snapshot. */
  has(d: number | undefined): d is number {
    return d !== undefined && d < this.ids.length;
  }

  /**
   * This snapshot plus appended cases (rowIds: their LanceDB row ids), as a new snapshot; this one is not
   * changed. The new documents become findable by id or row once `publish()` runs (at the append's commit).
   */
  extend(added: IndexedCase[], rowIds: number[]): CaseColumns {
    const n0 = this.ids.length;
    const next = new CaseColumns([...this.ids, ...added.map((c) => c.caseId)], this.dimension, {
      docOf: this.docOf,
      docOfRow: this.docOfRow,
    });
    for (let d = 0; d < n0; d++) {
      next.pmid[d] = this.pmid[d]!;
      next.title[d] = this.title[d]!;
      next.snippet[d] = this.snippet[d]!;
    }
    next.age.set(this.age);
    next.sex.set(this.sex);
    if (next.vectors && this.vectors) next.vectors.set(this.vectors);
    added.forEach((c, i) => {
      const d = n0 + i;
      next.pmid[d] = c.pmid;
      next.title[d] = c.title;
      next.snippet[d] = c.snippet;
      next.age[d] = c.age ?? Number.NaN;
      next.sex[d] = c.sex === 'F' || c.sex === 'M' ? SEX_CODE[c.sex] : 0;
      if (next.vectors && c.dense) next.vectors.set(c.dense, d * this.dimension!);
      next.unpublished.push({ id: c.caseId, rowId: rowIds[i]!, d });
    });
    return next;
  }

  publish(): void {
    for (const { id, rowId, d } of this.unpublished) {
      this.docOf.set(id, d);
      this.docOfRow.set(rowId, d);
    }
    this.unpublished = [];
  }

  /** Whether document d passes the filter (the same rules as the SQL prefilter of the dense side). */
  accepts(d: number, filter: SearchFilters): boolean {
    const age = this.age[d]!;
    if (filter.ageMin !== undefined && !(age >= filter.ageMin)) return false;
    if (filter.ageMax !== undefined && !(age <= filter.ageMax)) return false;
    if (filter.sex !== undefined && this.sex[d] !== SEX_CODE[filter.sex]) return false;
    return true;
  }

  /**
   * The lexical side's filter: documents outside the filter or excluded by id are refused; undefined when
   * nothing is refused (the postings then skip the check).
   */
  admits(filter: SearchFilters, excludeIds: string[]): ((d: number) => boolean) | undefined {
    const excluded = new Set<number>();
    for (const id of excludeIds) {
      const d = this.docOf.get(id);
      if (this.has(d)) excluded.add(d);
    }
    const filtered = filter.ageMin !== undefined || filter.ageMax !== undefined || filter.sex !== undefined;
    if (!filtered && excluded.size === 0) return undefined;
    return (d) => !excluded.has(d) && (!filtered || this.accepts(d, filter));
  }

  /**
   * The candidates for documents `docs` (in that order), their vectors decoded from half precision into one block:
   * an allocation per 256-d vector cost more than decoding it.
   */
  candidates(docs: readonly number[], queryVector: Float32Array | undefined): Candidate[] {
    const dimension = this.dimension ?? 0;
    const bits = this.vectors && dimension ? new Uint16Array(this.vectors.buffer, this.vectors.byteOffset, this.vectors.length) : null;
    const block = bits ? new Float32Array(docs.length * dimension) : null;
    return docs.map((d, i) => {
      let vector: Float32Array | undefined;
      if (bits && block) {
        vector = block.subarray(i * dimension, (i + 1) * dimension);
        // A table lookup per value: V8 converts Float16Array elements one by one several times slower.
        for (let k = 0, at = d * dimension; k < dimension; k++, at++) vector[k] = HALF_TO_FLOAT[bits[at]!]!;
      }
      const age = this.age[d]!;
      return {
        caseId: this.ids[d]!,
        pmid: this.pmid[d]!,
        title: this.title[d]!,
        age: Number.isNaN(age) ? null : age,
        sex: SEX_OF[this.sex[d]!] as Sex | null,
        snippet: this.snippet[d]!,
        vector,
        dense: vector && queryVector ? dot(vector, queryVector) : undefined,
      };
    });
  }
}

/**
 * One version ready to search, as of one committed append (or none): its table (dense ANN), its BM25
 * postings and its case columns. Immutable; an append makes the next one.
 */
export interface LoadedVersion {
  table: lancedb.Table;
  /** Null when the version has no postings file (built before the store kept one): the lexical side then fails, the dense side serves. */
  lexical: Bm25Index | AppendedBm25Index | null;
  /** The fitted postings alone (appends are scored on top of them). */
  base: Bm25Index | null;
  /** The appends committed so far (null: none). */
  delta: Bm25Delta | null;
  lexicalError: string | null;
  cases: CaseColumns;
}

/**
 * Reads a version into memory: the postings file, then one scan of the table's result columns and
 * vectors, each row placed by its case id (whatever order the scan returns). Searches wait for it, so it
 * runs once per version (load time: docs/benchmarks.md).
 */
export async function loadVersion(table: lancedb.Table, postingsFile: string, deltaFile: string): Promise<LoadedVersion> {
  let lexical: Bm25Index | AppendedBm25Index | null = null;
  let base: Bm25Index | null = null;
  let lexicalError: string | null = null;
  let ids: string[] | null = null;
  try {
    const read = Bm25Index.deserialize(await readFile(postingsFile));
    lexical = base = read.index;
    ids = read.keys;
    // The committed appends (the file is renamed into place at each commit); rows of an append that never committed are skipped below.
    const delta = await readFile(deltaFile).then(deserializeDelta, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (delta) {
      lexical = new AppendedBm25Index(base, delta);
      ids = [...ids, ...delta.keys];
    }
  } catch (error) {
    lexicalError = `the version has no readable BM25 postings (${(error as Error).message}); rebuild it with POST /v1/corpus/versions`;
    lexical = base = null;
  }
  const schema = await table.schema();
  const vectorField = schema.fields.find((f) => f.name === 'vector');
  const dimension = vectorField ? (vectorField.type as { listSize: number }).listSize : null;
  const columns = ['case_id', 'pmid', 'title', 'age', 'sex', 'snippet', ...(dimension ? ['vector'] : [])];
  if (!ids) {
    ids = [];
    for await (const batch of table.query().select(['case_id']))
      for (let i = 0; i < batch.numRows; i++) ids.push(String(batch.getChild('case_id')!.get(i)));
  }
  const cases = new CaseColumns(ids, dimension);
  const seen = new Uint8Array(ids.length);
  let filled = 0;
  for await (const batch of table.query().withRowId().select(columns)) {
    const col = (name: string) => batch.getChild(name)!;
    const [caseId, pmid, title, age, sex, snippet] = ['case_id', 'pmid', 'title', 'age', 'sex', 'snippet'].map(col);
    const vector = dimension ? col('vector') : null;
    const rowId = col('_rowid');
    for (let i = 0; i < batch.numRows; i++) {
      const id = String(caseId!.get(i));
      const d = cases.docOf.get(id);
      // Written by an append that did not commit (the process stopped in between): not part of the version.
      if (d === undefined) continue;
      cases.docOfRow.set(Number(rowId!.get(i)), d);
      cases.pmid[d] = (pmid!.get(i) as string | null) ?? null;
      cases.title[d] = String(title!.get(i));
      cases.snippet[d] = String(snippet!.get(i));
      const a = age!.get(i) as number | null;
      cases.age[d] = a ?? Number.NaN;
      const s = sex!.get(i) as string | null;
      cases.sex[d] = s === 'F' || s === 'M' ? SEX_CODE[s] : 0;
      if (vector && cases.vectors) cases.vectors.set((vector.get(i) as { toArray(): Float32Array }).toArray(), d * dimension!);
      if (!seen[d]) filled++;
      seen[d] = 1;
    }
  }
  if (filled !== ids.length) throw new Error(`the table holds ${filled} cases, the version's postings ${ids.length}`);
  const delta = lexical instanceof AppendedBm25Index ? lexical.delta : null;
  return { table, lexical, base, delta, lexicalError, cases };
}
