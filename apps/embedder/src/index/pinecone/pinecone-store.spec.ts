import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TermMatrixBuilder } from '../../text/term-matrix.js';
import { Bm25Model } from '../bm25/bm25-model.js';
import { dot, type IndexedCase, sparseDot } from '../vector-store.port.js';
import { namespaceOf, PineconeStore } from './pinecone-store.js';
import { type FakePinecone, PINECONE_MAX_BYTES, startFakePinecone } from '../../../test/support/fake-pinecone-server.js';

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

describe('PineconeStore against a fake Pinecone data plane (real SDK)', () => {
  let fake: FakePinecone;
  let store: PineconeStore;
  beforeAll(async () => {
    fake = await startFakePinecone();
    store = new PineconeStore({ apiKey: fake.apiKey, indexHost: fake.url, timeoutMs: 2000, maxRetries: 0 });
    const writer = await store.beginVersion('v1', { dimension: DIM, bm25: BM25 });
    const cases = Array.from({ length: 2500 }, (_, i) => makeCase(i));
    // One case whose snippet alone would break the 40 KB metadata limit.
    cases.push(makeCase(2500, { snippet: 'x'.repeat(100_000) }));
    await writer.add(cases.slice(0, 1200));
    await writer.add(cases.slice(1200));
    await writer.finish();
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

  it('pushes the age and sex filters down as $gte/$lte/$eq and drops excluded ids', async () => {
    const result = await store.search('v1', {
      dense: unitVector(9),
      filter: { ageMin: 30, ageMax: 40, sex: 'F' },
      excludeIds: ['case-10'],
      limit: 50,
      denseWeight: 1,
    });
    expect(fake.queries.at(-1)!.filter).toEqual({ age: { $gte: 30, $lte: 40 }, sex: { $eq: 'F' } });
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
    const retrying = new PineconeStore({ apiKey: fake.apiKey, indexHost: fake.url, timeoutMs: 2000, maxRetries: 2 });
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
