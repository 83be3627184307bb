import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TermMatrixBuilder } from '../../text/term-matrix.js';
import { rowsInVocabulary } from '../bm25/bm25-delta.js';
import { Bm25Model } from '../bm25/bm25-model.js';
import { type CandidateQuery, dot, type IndexedCase, sparseDot } from '../vector-store.port.js';
import { namespaceOf, type PineconeAppendLedger, PineconeStore } from './pinecone-store.js';
import {
  type FakePinecone,
  PINECONE_MAX_BYTES,
  PINECONE_MAX_DELETE_IDS,
  PINECONE_MAX_VECTORS,
  startFakePinecone,
} from '../../../test/support/fake-pinecone-server.js';

const DIM = 32;
/** The version's BM25 model (Pinecone takes the sparse vectors each case brings; the writer does not read it). */
const BM25 = Bm25Model.fit(new TermMatrixBuilder({ negation: false }).build(), { k1: 1.2, b: 0.75, negation: false });
function unitVector(seed: number): Float32Array {
  const v = Float32Array.from({ length: DIM }, (_, i) => Math.sin(seed * 7.3 + i * 1.7));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
function makeCase(i: number, extra: Partial<IndexedCase> = {}): IndexedCase {
  return {
    caseId: `case-${i}`,
    pmid: i % 7 === 0 ? null : String(30_000_000 + i),
    title: `Article ${Math.floor(i / 3)}`,
    age: i % 11 === 0 ? null : 20 + (i % 60),
    sex: i % 2 === 0 ? 'F' : 'M',
    snippet: `Case ${i} snippet `.repeat(10),
    sparse: { indices: [i % 50, 50 + (i % 30), 100], values: [1.5, 0.75, 0.2] },
    dense: unitVector(i),
    ...extra,
  };
}

/**
 * The database's part, in memory: `counts` is each version's committed case count (setting it plays the append's
 * transaction, the moment its records become visible) and `held` the append locks taken and not released.
 */
class MemoryLedger implements PineconeAppendLedger {
  readonly counts = new Map<string, number>();
  held = 0;
  async committedCaseCount(versionId: string): Promise<number | null> {
    return this.counts.get(versionId) ?? null;
  }
  async lockAppends(): Promise<{ release(): Promise<void> }> {
    this.held++;
    let released = false;
    return {
      release: async () => {
        if (!released) this.held--;
        released = true;
      },
    };
  }
}

describe('PineconeStore against a fake Pinecone data plane (real SDK)', () => {
  let fake: FakePinecone;
  let store: PineconeStore;
  const ledger = new MemoryLedger();
  beforeAll(async () => {
    fake = await startFakePinecone();
    store = new PineconeStore({
      apiKey: fake.apiKey,
      indexHost: fake.url,
      timeoutMs: 2000,
      maxRetries: 0,
      ledger,
      appendLockTimeoutMs: 1000,
    });
    const writer = await store.beginVersion('v1', { dimension: DIM, bm25: BM25 });
    const cases = Array.from({ length: 2500 }, (_, i) => makeCase(i));
    // One case whose snippet alone would break the 40 KB metadata limit.
    cases.push(makeCase(2500, { snippet: 'x'.repeat(100_000) }));
    await writer.add(cases.slice(0, 1200));
    await writer.add(cases.slice(1200));
    await writer.finish();
    ledger.counts.set('v1', cases.length);
  });
  afterAll(async () => {
    await fake.close();
  });

  it('writes every case into the version namespace in batches within 1000 vectors and 2 MB', () => {
    expect(fake.namespaces.get(namespaceOf('v1'))?.size).toBe(2501);
    expect(fake.upserts.length).toBeGreaterThanOrEqual(3);
    for (const u of fake.upserts) {
      expect(u.namespace).toBe(namespaceOf('v1'));
      expect(u.count).toBeLessThanOrEqual(1000);
      expect(u.bytes).toBeLessThanOrEqual(PINECONE_MAX_BYTES);
    }
    const big = fake.namespaces.get(namespaceOf('v1'))!.get('case-2500')!;
    expect(Buffer.byteLength(JSON.stringify(big.metadata))).toBeLessThanOrEqual(40 * 1024);
    expect(big.metadata).not.toHaveProperty('pmid', null);
    expect(big.metadata).toHaveProperty('seq', 0);
  });

  it('queries sparse-dense with the convex weights and returns each component score', async () => {
    const query = { indices: [3, 100], values: [1, 1] };
    const dense = unitVector(3);
    const result = await store.search('v1', { lexical: query, dense, filter: {}, excludeIds: [], limit: 20, denseWeight: 0.6 });
    expect(result.failures).toEqual([]);
    expect(result.candidates).toHaveLength(20);
    const sent = fake.queries.at(-1)!;
    expect(sent.namespace).toBe(namespaceOf('v1'));
    expect((sent.vector as number[])[0]).toBeCloseTo(dense[0]! * 0.6, 5);
    expect((sent.sparseVector as { values: number[] }).values).toEqual([0.4, 0.4].map((x) => expect.closeTo(x, 5)));
    const top = result.candidates[0]!;
    expect(top.caseId).toBe('case-3');
    const stored = fake.namespaces.get(namespaceOf('v1'))!.get('case-3')!;
    expect(top.dense).toBeCloseTo(dot(Float32Array.from(stored.values), dense), 5);
    expect(top.lexical).toBeCloseTo(sparseDot(stored.sparseValues!, query), 5);
  });

  it('pushes the age and sex filters down as $gte/$lte/$eq beside the committed-records condition, and drops excluded ids', async () => {
    const result = await store.search('v1', {
      dense: unitVector(9),
      filter: { ageMin: 30, ageMax: 40, sex: 'F' },
      excludeIds: ['case-10'],
      limit: 50,
      denseWeight: 1,
    });
    expect(fake.queries.at(-1)!.filter).toEqual({
      $and: [{ age: { $gte: 30, $lte: 40 } }, { sex: { $eq: 'F' } }, { $or: [{ seq: { $lte: 2501 } }, { seq: { $exists: false } }] }],
    });
    expect(result.candidates.length).toBe(50);
    for (const c of result.candidates) {
      expect(c.sex).toBe('F');
      expect(c.age).toBeGreaterThanOrEqual(30);
      expect(c.age).toBeLessThanOrEqual(40);
      expect(c.caseId).not.toBe('case-10');
    }
  });

  it('keeps versions apart and drops a version by deleting its namespace', async () => {
    const writer = await store.beginVersion('v2', { dimension: DIM, bm25: BM25 });
    await writer.add([makeCase(1)]);
    await writer.finish();
    ledger.counts.set('v2', 1);
    expect(
      (await store.search('v2', { dense: unitVector(1), filter: {}, excludeIds: [], limit: 10, denseWeight: 1 })).candidates.map(
        (c) => c.caseId,
      ),
    ).toEqual(['case-1']);
    await store.dropVersion('v2');
    expect(fake.namespaces.has(namespaceOf('v2'))).toBe(false);
    expect(fake.namespaces.get(namespaceOf('v1'))?.size).toBe(2501);
  });

  it('retries a 5xx through the SDK with backoff, then reports the outage as failed components', async () => {
    const retrying = new PineconeStore({
      apiKey: fake.apiKey,
      indexHost: fake.url,
      timeoutMs: 2000,
      maxRetries: 2,
      ledger,
      appendLockTimeoutMs: 1000,
    });
    const query = {
      lexical: { indices: [3, 100], values: [1, 1] },
      dense: unitVector(3),
      filter: {},
      excludeIds: [],
      limit: 5,
      denseWeight: 0.6,
    };
    const answered = fake.queries.length;
    // Two failures and the third attempt answers: the search succeeds.
    fake.failNext(2, 503);
    const recovered = await retrying.search('v1', query);
    expect(recovered.failures).toEqual([]);
    expect(recovered.candidates[0]?.caseId).toBe('case-3');
    expect(fake.queries.length).toBe(answered + 1);
    // Three failures exhaust one try and two retries: degraded, not thrown.
    fake.failNext(3, 503);
    const down = await retrying.search('v1', query);
    expect(down.candidates).toEqual([]);
    expect(down.failures.map((f) => f.component).sort()).toEqual(['dense', 'lexical']);
    fake.failNext(0);
  });

  it('reports an outage as failed components instead of throwing', async () => {
    fake.failNext(1, 503);
    const result = await store.search('v1', {
      lexical: { indices: [1], values: [1] },
      dense: unitVector(1),
      filter: {},
      excludeIds: [],
      limit: 5,
      denseWeight: 0.5,
    });
    expect(result.candidates).toEqual([]);
    expect(result.failures.map((f) => f.component).sort()).toEqual(['dense', 'lexical']);
  });
});

describe('PineconeStore: appending to a version without a refit', () => {
  const WORDS = ['fever', 'cough', 'rash', 'sepsis', 'anemia', 'stroke', 'asthma', 'lupus'];
  const textOf = (i: number) => `${WORDS[i % 8]} ${WORDS[(i * 3 + 1) % 8]} ${WORDS[(i * 5 + 2) % 8]} ${WORDS[i % 3]} patient`;
  const matrixOf = (texts: string[]) => {
    const builder = new TermMatrixBuilder({ negation: false });
    for (const t of texts) builder.addDocument(t);
    return builder.build();
  };
  const BASE = 30;
  const baseMatrix = matrixOf(Array.from({ length: BASE }, (_, i) => textOf(i)));
  const FITTED = Bm25Model.fit(baseMatrix, { k1: 1.2, b: 0.75, negation: false });
  /** Cases as the indexer appends them: term counts in the version's vocabulary, no sparse vector yet. */
  const appended = (ids: number[], prefix: string): IndexedCase[] => {
    const rows = rowsInVocabulary(FITTED, matrixOf(ids.map(textOf))).rows;
    return ids.map((i, k) => ({ ...makeCase(i), caseId: `${prefix}-${i}`, sparse: undefined, termCounts: rows[k] }));
  };
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  let fake: FakePinecone;
  let ledger: MemoryLedger;
  let store: PineconeStore;
  const replica = () =>
    new PineconeStore({ apiKey: fake.apiKey, indexHost: fake.url, timeoutMs: 2000, maxRetries: 0, ledger, appendLockTimeoutMs: 1000 });
  const visible = async (s: PineconeStore, filter: CandidateQuery['filter'] = {}) => {
    const result = await s.search('va', { dense: unitVector(0), filter, excludeIds: [], limit: 5000, denseWeight: 1 });
    expect(result.failures).toEqual([]);
    return new Set(result.candidates.map((c) => c.caseId));
  };
  const records = () => fake.namespaces.get(namespaceOf('va'))!;

  beforeAll(async () => {
    fake = await startFakePinecone();
    ledger = new MemoryLedger();
    store = replica();
    const writer = await store.beginVersion('va', { dimension: DIM, bm25: FITTED });
    await writer.add(Array.from({ length: BASE }, (_, i) => ({ ...makeCase(i), sparse: FITTED.encodeMatrixRow(baseMatrix, i) })));
    await writer.finish();
    ledger.counts.set('va', BASE);
  });
  afterAll(async () => {
    await fake.close();
  });

  it('an append is invisible until the database commits the case count, then every replica sees all of it', async () => {
    expect(store.canAppend).toBe(true);
    expect((await visible(store)).size).toBe(BASE);
    const cases = appended(range(BASE, BASE + 10), 'new');
    const prepared = await store.prepareAppend('va', cases, FITTED);
    expect(prepared.caseCount).toBe(BASE + 10);
    expect(ledger.held).toBe(1);
    expect(records().size).toBe(BASE + 10);
    expect(records().get('new-30')!.metadata).toMatchObject({ seq: BASE + 10, append: expect.any(String) });
    // Written, not committed: no search sees any of it, with or without the request's filters.
    expect((await visible(store)).size).toBe(BASE);
    expect((await visible(replica())).size).toBe(BASE);
    expect([...(await visible(replica(), { sex: 'F' }))].every((id) => id.startsWith('case-'))).toBe(true);
    // The append's transaction: from its commit another replica reads the new count and sees the whole append.
    ledger.counts.set('va', prepared.caseCount);
    const other = await visible(replica());
    expect(other.size).toBe(BASE + 10);
    for (const c of cases) expect(other.has(c.caseId)).toBe(true);
    await prepared.commit();
    expect(ledger.held).toBe(0);
    expect((await visible(store)).size).toBe(BASE + 10);
    const women = await visible(store, { sex: 'F' });
    expect(women.size).toBe([...range(0, BASE + 10)].filter((i) => i % 2 === 0).length);
    expect(fake.queries.at(-1)!.filter).toEqual({
      $and: [{ sex: { $eq: 'F' } }, { $or: [{ seq: { $lte: BASE + 10 } }, { seq: { $exists: false } }] }],
    });
  });

  it("weights an appended case's BM25 values with the version's fitted statistics", async () => {
    // Case 3's text appended under a new id weighs exactly as the fitted case 3 does: same idf, same average length.
    const prepared = await store.prepareAppend('va', appended([3], 'again'), FITTED);
    const fitted = FITTED.encodeMatrixRow(baseMatrix, 3);
    const sparse = records().get('again-3')!.sparseValues!;
    expect(sparse.indices).toEqual(fitted.indices);
    expect(sparse.values).toEqual(fitted.values.map((v) => expect.closeTo(v, 5)));
    await prepared.abort();
  });

  it('upserts within 1000 vectors and 2 MB per request; abort deletes the records by id, 1000 at a time', async () => {
    const before = await visible(store);
    const upserts = fake.upserts.length;
    const deletes = fake.deletes.length;
    const cases = appended(range(1000, 3500), 'bulk');
    const prepared = await store.prepareAppend('va', cases, FITTED);
    const sent = fake.upserts.slice(upserts);
    expect(sent.reduce((n, u) => n + u.count, 0)).toBe(2500);
    for (const u of sent) {
      expect(u.count).toBeLessThanOrEqual(PINECONE_MAX_VECTORS);
      expect(u.bytes).toBeLessThanOrEqual(PINECONE_MAX_BYTES);
    }
    expect(records().has('bulk-2000')).toBe(true);
    await prepared.abort();
    expect(ledger.held).toBe(0);
    const byIds = fake.deletes.slice(deletes).filter((d) => d.ids !== undefined);
    expect(byIds.map((d) => d.ids)).toEqual([1000, 1000, 500]);
    expect(byIds.every((d) => d.ids! <= PINECONE_MAX_DELETE_IDS)).toBe(true);
    expect(cases.some((c) => records().has(c.caseId))).toBe(false);
    expect(await visible(store)).toEqual(before);
  });

  it('an abort after the database committed keeps the records: they are the version now', async () => {
    const cases = appended([40, 41], 'kept');
    const prepared = await store.prepareAppend('va', cases, FITTED);
    ledger.counts.set('va', prepared.caseCount);
    await prepared.abort();
    expect(records().has('kept-40')).toBe(true);
    expect((await visible(replica())).has('kept-41')).toBe(true);
  });

  it('records of an append that never committed stay invisible, and the next append removes them before its count reaches theirs', async () => {
    const committed = ledger.counts.get('va')!;
    // Three cases written, then the process died: no commit, no abort; the database released its lock.
    await store.prepareAppend('va', appended([50, 51, 52], 'lost'), FITTED);
    ledger.held = 0;
    expect(records().get('lost-50')!.metadata!.seq).toBe(committed + 3);
    expect([...(await visible(replica()))].some((id) => id.startsWith('lost-'))).toBe(false);
    // The job is retried with one of those cases and four others: five cases, so its count passes the dead append's.
    const retry = [...appended([50], 'lost'), ...appended([60, 61, 62, 63], 'retry')];
    const prepared = await store.prepareAppend('va', retry, FITTED);
    expect(prepared.caseCount).toBe(committed + 5);
    ledger.counts.set('va', prepared.caseCount);
    await prepared.commit();
    const seen = await visible(replica());
    expect(seen.size).toBe(committed + 5);
    for (const c of retry) expect(seen.has(c.caseId)).toBe(true);
    expect(seen.has('lost-51') || seen.has('lost-52')).toBe(false);
    expect(records().has('lost-51') || records().has('lost-52')).toBe(false);
    expect(records().get('lost-50')!.metadata!.seq).toBe(committed + 5);
  });

  it('releases the append lock when Pinecone refuses the append, and searches keep the committed state', async () => {
    const before = await visible(store);
    fake.failNext(1, 503);
    await expect(store.prepareAppend('va', appended([70], 'refused'), FITTED)).rejects.toThrow();
    expect(ledger.held).toBe(0);
    expect(await visible(replica())).toEqual(before);
  });
});
