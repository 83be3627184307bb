import { describe, expect, it } from '@jest/globals';
import { fittedBm25 as fitted } from '../../../test/support/clinical-corpus.js';
import { AppendedBm25Index, rowsInVocabulary } from './bm25-delta.js';
import { Bm25Index } from './bm25-index.js';
import { exhaustiveTopK } from './bm25-topk.js';

function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/**
 * Case-like texts over a Zipf-distributed vocabulary (a few words in most documents, most words in few), of
 * 5 to 200 words, with every tenth document copied several times so that equal scores occur.
 */
function corpus(docs: number, seed: number, vocabulary = 400): string[] {
  const next = generator(seed);
  const words = Array.from({ length: vocabulary }, (_, i) => `w${i}`);
  const word = () => words[Math.min(vocabulary - 1, Math.floor(vocabulary ** next()) - 1)]!;
  const out: string[] = [];
  while (out.length < docs) {
    const text = Array.from({ length: 5 + Math.floor(next() * 195) }, word).join(' ');
    out.push(text);
    if (out.length % 10 === 0) for (let c = 0; c < 4 && out.length < docs; c++) out.push(text);
  }
  return out;
}

/** Queries as the search sends them: short ones, and long ones cut from a document (with repeated words). */
function queries(texts: string[], count: number, seed: number): string[] {
  const next = generator(seed);
  return Array.from({ length: count }, (_, i) => {
    const words = texts[Math.floor(next() * texts.length)]!.split(' ');
    const length = i % 3 === 0 ? 1 + Math.floor(next() * 3) : 10 + Math.floor(next() * 60);
    const from = Math.floor(next() * Math.max(1, words.length - length));
    return words.slice(from, from + length).join(' ');
  });
}

const FILTERS: [string, ((d: number) => boolean) | undefined][] = [
  ['no filter', undefined],
  ['a third of the documents', (d) => d % 3 === 0],
  ['one document in 40', (d) => d % 40 === 7],
];

describe('Bm25Index.search (pruned without a filter, every posting scored with one)', () => {
  const texts = corpus(3000, 5);
  const { model, index } = fitted(texts);
  const asked = queries(texts, 60, 9);

  it('returns the exhaustive top k exactly (without a filter it prunes): the same documents in the same order with the same scores', () => {
    let compared = 0;
    for (const query of asked) {
      const q = model.encodeQuery(query);
      for (const [, accept] of FILTERS) {
        for (const k of [1, 10, 100, 1000]) {
          const expected = exhaustiveTopK(index, q, k, accept);
          expect(index.search(q, k, accept)).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    // The comparison is not vacuous: the queries match many documents.
    expect(compared).toBeGreaterThan(60 * 3 * 500);
  });

  it('keeps the documents of equal score that the exhaustive order keeps (lower document number first)', () => {
    // Every copied text ties with its copies; a k that cuts through a group of copies must keep the first ones.
    const q = model.encodeQuery(texts[10]!);
    const all = exhaustiveTopK(index, q, 20);
    expect(all[0]!.score).toBe(all[1]!.score);
    for (let k = 1; k <= 6; k++) expect(index.search(q, k)).toEqual(all.slice(0, k));
  });

  it('answers the same search after other searches, pruned and filtered (its scratch is left clean)', () => {
    const q = model.encodeQuery(asked[1]!);
    const first = index.search(q, 50);
    for (const [i, other] of asked.slice(2, 12).entries())
      index.search(model.encodeQuery(other), 10, i % 2 ? (d) => d % 5 === 0 : undefined);
    expect(index.search(q, 50)).toEqual(first);
    expect(first).toEqual(exhaustiveTopK(index, q, 50));
  });

  it('returns every matching document when k exceeds them, and nothing for an empty query or k of 0', () => {
    const q = model.encodeQuery('w350 w399');
    const matching = exhaustiveTopK(index, q, texts.length);
    expect(matching.length).toBeGreaterThan(0);
    expect(index.search(q, texts.length + 10)).toEqual(matching);
    expect(index.search({ indices: [], values: [] }, 10)).toEqual([]);
    expect(index.search(model.encodeQuery('w1 w2'), 0)).toEqual([]);
  });
});

describe('AppendedBm25Index.search', () => {
  const base = corpus(2000, 21);
  const added = corpus(400, 23, 500);
  const { model, index } = fitted(base);
  const appended = new AppendedBm25Index(index, {
    params: { k1: 1.2, b: 0.75, avgDocLength: model.data.avgDocLength },
    keys: added.map((_, i) => `a${i}`),
    rows: rowsInVocabulary(model, fitted(added).matrix).rows,
  });

  it('returns the exhaustive top k over base and appended postings exactly', () => {
    for (const query of [...queries(base, 20, 3), ...queries(added, 20, 4)]) {
      const q = model.encodeQuery(query);
      for (const [, accept] of FILTERS) {
        for (const k of [10, 100]) expect(appended.search(q, k, accept)).toEqual(exhaustiveTopK(appended, q, k, accept));
      }
    }
  });
});
