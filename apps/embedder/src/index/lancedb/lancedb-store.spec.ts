import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TermMatrixBuilder } from '../../text/term-matrix.js';
import { rowsInVocabulary } from '../bm25/bm25-delta.js';
import { matrixRow } from '../bm25/bm25-index.js';
import { Bm25Model } from '../bm25/bm25-model.js';
import type { CandidateQuery, IndexedCase } from '../vector-store.port.js';
import { LanceDbStore, tableName } from './lancedb-store.js';

const DIM = 8;
const TEXTS = ['fever cough dyspnea', 'fever rash', 'chest pain troponin', 'fever fever seizure', 'cough wheeze', 'fever anemia biopsy'];

function unitVector(seed: number): Float32Array {
  const v = Float32Array.from({ length: DIM }, (_, i) => Math.sin(seed * 3.1 + i * 1.3));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** Cases 0..59: text TEXTS[i % 6], age i (none for every 10th), sex F for even i. */
function version() {
  const builder = new TermMatrixBuilder({ negation: true });
  const n = 60;
  for (let i = 0; i < n; i++) builder.addDocument(TEXTS[i % TEXTS.length]!);
  const matrix = builder.build();
  const bm25 = Bm25Model.fit(matrix, { k1: 1.2, b: 0.75, negation: true });
  const cases: IndexedCase[] = Array.from({ length: n }, (_, i) => ({
    caseId: `case-${i}`,
    pmid: String(1000 + i),
    title: `Article ${i}`,
    age: i % 10 === 0 ? null : i,
    sex: i % 2 === 0 ? 'F' : 'M',
    snippet: TEXTS[i % TEXTS.length]!,
    termCounts: matrixRow(matrix, i),
    dense: unitVector(i),
  }));
  return { bm25, cases };
}

describe('LanceDbStore (BM25 postings in memory, dense side in LanceDB)', () => {
  let dir: string;
  let store: LanceDbStore;
  const { bm25, cases } = version();
  const query = (extra: Partial<CandidateQuery> = {}): CandidateQuery => ({
    lexical: bm25.encodeQuery('fever'),
    dense: unitVector(3),
    filter: {},
    excludeIds: [],
    limit: 100,
    denseWeight: 0.6,
    ...extra,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lancedb-store-'));
    store = await LanceDbStore.open(dir);
    const writer = await store.beginVersion('v1', { dimension: DIM, bm25 });
    await writer.add(cases.slice(0, 25));
    await writer.add(cases.slice(25));
    await writer.finish();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers both sides with the stored result fields, the vector and both scores', async () => {
    const { candidates, failures } = await store.search('v1', query());
    expect(failures).toEqual([]);
    const fever = candidates.filter((c) => c.lexical !== undefined);
    // Every case whose text has "fever" (i % 6 in 0, 1, 3, 5), and no other.
    expect(fever.map((c) => c.caseId).sort()).toEqual(
      cases
        .filter((_, i) => [0, 1, 3, 5].includes(i % 6))
        .map((c) => c.caseId)
        .sort(),
    );
    const three = candidates.find((c) => c.caseId === 'case-3')!;
    expect(three).toMatchObject({ pmid: '1003', title: 'Article 3', age: 3, sex: 'M', snippet: 'fever fever seizure' });
    // Vectors are held in half precision: within 1e-3 of what was written.
    expect(three.dense).toBeCloseTo(1, 3);
    expect(Array.from(three.vector!)).toEqual(Array.from(unitVector(3), (x) => expect.closeTo(x, 3)));
    expect(candidates.find((c) => c.caseId === 'case-10')!.age).toBeNull();
  });

  it('applies the filters and exclusions on both sides alike; an unknown age never passes an age filter', async () => {
    const filter = { ageMin: 20, ageMax: 40, sex: 'F' as const };
    const { candidates } = await store.search('v1', query({ filter, excludeIds: ['case-22', 'case-24'] }));
    const allowed = cases
      .filter((c) => c.age !== null && c.age >= 20 && c.age <= 40 && c.sex === 'F' && !['case-22', 'case-24'].includes(c.caseId))
      .map((c) => c.caseId);
    expect(candidates.map((c) => c.caseId).sort()).toEqual([...allowed].sort());
    expect(candidates.some((c) => c.lexical !== undefined)).toBe(true);
    const { candidates: lexicalOnly } = await store.search('v1', query({ dense: undefined, filter: { ageMin: 0 } }));
    expect(lexicalOnly.some((c) => c.age === null)).toBe(false);
    expect(lexicalOnly.length).toBeGreaterThan(0);
  });

  it('serves a version without a postings file from its dense side and says why the lexical side failed', async () => {
    const writer = await store.beginVersion('v2', { dimension: DIM, bm25 });
    await writer.add(cases);
    await writer.finish();
    const postings = join(dir, `${tableName('v2')}.bm25`);
    expect(existsSync(postings)).toBe(true);
    rmSync(postings);
    const { candidates, failures } = await store.search('v2', query());
    expect(failures.map((f) => f.component)).toEqual(['lexical']);
    expect(failures[0]!.error.message).toMatch(/no readable BM25 postings.*rebuild it/);
    expect(candidates).toHaveLength(60);
    expect(candidates.every((c) => c.lexical === undefined && c.dense !== undefined && c.title.startsWith('Article'))).toBe(true);
  });

  it('drops a version with its postings file, and still serves the other after loading it again', async () => {
    await store.dropVersion('v2');
    expect(existsSync(join(dir, `${tableName('v2')}.bm25`))).toBe(false);
    expect((await store.search('v1', query())).candidates.length).toBeGreaterThan(0);
  });

  it('refuses a case without term counts instead of writing postings that would point at the wrong case', async () => {
    const writer = await store.beginVersion('v3', { dimension: DIM, bm25 });
    await expect(writer.add([{ ...cases[0]!, termCounts: undefined }])).rejects.toThrow(/case-0 has no term counts/);
    await store.dropVersion('v3');
  });

  describe('appending to a version', () => {
    /** Cases the fit never saw: "fever" (known) and "zoster" (unknown), each with the vector of query seed 100 + i. */
    const appended = (prefix: string, n: number): IndexedCase[] => {
      const builder = new TermMatrixBuilder({ negation: true });
      for (let i = 0; i < n; i++) builder.addDocument('fever zoster fever');
      const { rows } = rowsInVocabulary(bm25, builder.build());
      return rows.map((termCounts, i) => ({
        caseId: `${prefix}-${i}`,
        pmid: null,
        title: `Appended ${i}`,
        age: 50,
        sex: 'F',
        snippet: 'fever zoster',
        termCounts,
        dense: unitVector(100 + i),
      }));
    };
    const ids = (r: { candidates: { caseId: string }[] }) => r.candidates.map((c) => c.caseId);

    beforeAll(async () => {
      const writer = await store.beginVersion('v4', { dimension: DIM, bm25 });
      await writer.add(cases);
      await writer.finish();
    });

    it('shows appended cases only from the commit, to searches that start after it, on both sides', async () => {
      const before = await store.search('v4', query({ dense: unitVector(100) }));
      const prepared = await store.prepareAppend('v4', appended('new', 5), bm25);
      expect(prepared.caseCount).toBe(65);
      // Written to the table but not committed: the dense side's nearest rows are skipped, the postings do not have them.
      const during = await store.search('v4', query({ dense: unitVector(100) }));
      expect(ids(during).filter((id) => id.startsWith('new-'))).toEqual([]);
      expect(during.failures).toEqual([]);
      await prepared.commit();
      const after = await store.search('v4', query({ dense: unitVector(100) }));
      expect(after.failures).toEqual([]);
      expect(
        ids(after)
          .filter((id) => id.startsWith('new-'))
          .sort(),
      ).toEqual(['new-0', 'new-1', 'new-2', 'new-3', 'new-4']);
      const first = after.candidates.find((c) => c.caseId === 'new-0')!;
      expect(first).toMatchObject({ title: 'Appended 0', age: 50, sex: 'F', snippet: 'fever zoster' });
      expect(first.lexical).toBeGreaterThan(0);
      expect(first.dense).toBeCloseTo(1, 3);
      // The fitted cases' BM25 scores moved with the statistics (N and df of "fever" grew).
      const score = (r: typeof before, id: string) => r.candidates.find((c) => c.caseId === id)!.lexical!;
      expect(score(after, 'case-0')).not.toBeCloseTo(score(before, 'case-0'), 6);
      // Filters apply to appended cases too.
      expect(ids(await store.search('v4', query({ filter: { sex: 'M' } }))).some((id) => id.startsWith('new-'))).toBe(false);
    });

    it('refuses a case the version already has', async () => {
      await expect(store.prepareAppend('v4', appended('new', 1), bm25)).rejects.toThrow(/case new-0 is already in version v4/);
    });

    it('after a restart serves the committed appends and not an aborted one', async () => {
      const aborted = await store.prepareAppend('v4', appended('aborted', 3), bm25);
      await aborted.abort();
      const committed = await store.prepareAppend('v4', appended('later', 2), bm25);
      await committed.commit();
      const live = await store.search('v4', query({ dense: unitVector(100) }));
      const reopened = await LanceDbStore.open(dir);
      try {
        const loaded = await reopened.search('v4', query({ dense: unitVector(100) }));
        expect(loaded.failures).toEqual([]);
        const appendedIds = ids(loaded)
          .filter((id) => !id.startsWith('case-'))
          .sort();
        expect(appendedIds).toEqual(['later-0', 'later-1', 'new-0', 'new-1', 'new-2', 'new-3', 'new-4']);
        // The same statistics as the process that appended.
        for (const c of live.candidates.filter((x) => x.lexical !== undefined))
          expect(loaded.candidates.find((x) => x.caseId === c.caseId)!.lexical).toBeCloseTo(c.lexical!, 5);
      } finally {
        await reopened.close();
      }
    });
  });
});
