// node apps/embedder/bench/retrieval-probe.ts [--first-sentence] [--variants FAMILY|NAME,...] [--seeds 42,1] [--per-fold]
//   [--select] [--folds 1,2]
// The fold protocol of bench:retrieval in one process, without HTTP: for each fold the corpus without the fold's
// query cases is cleaned and de-duplicated as ingestion does, tokenized in case-id order (the order a build reads),
// fitted (BM25, LSA) and searched with the store's candidate rules (lexical top 100, then the dense top 100 it does
// not hold; every candidate's vector as float16, its cosine from that) and the product's fusion (dist modules).
// It reproduces the rows of bench:retrieval (without --variants) and compares ranking variants on the same fits, paired
// per query (--variants: the default plus each family or name given; the families are listed in FAMILIES).
// --select: for each variant family, the member chosen on the other folds (nDCG@10) scored on the held fold.
import { parseArgs } from 'node:util';
import { LsaModel, embedMatrixRows } from '../dist/encoders/lsa/lsa-model.js';
import { Bm25Index, matrixRows } from '../dist/index/bm25/bm25-index.js';
import { Bm25Model, bm25Idf } from '../dist/index/bm25/bm25-model.js';
import { parseAge, normaliseText, textHash } from '../dist/ingestion/stages/clean.js';
import { type FusionSettings, fuseCandidates } from '../dist/search/fusion.js';
import { openingSentence } from '../dist/text/sentences.js';
import { TermMatrixBuilder, type TermMatrix } from '../dist/text/term-matrix.js';
import { tokenize } from '../dist/text/tokenizer.js';
import { DEFAULT_CORPUS, DEFAULT_QUERIES, firstSentence, idOf, type Query, readCorpus, readJsonl } from './fold-protocol.ts';
import { METRIC_LABELS, METRIC_NAMES, type Metrics, mean, scoreRanking } from './ir-metrics.ts';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: DEFAULT_CORPUS },
    queries: { type: 'string', default: DEFAULT_QUERIES },
    'first-sentence': { type: 'boolean', default: false },
    variants: { type: 'string' },
    'per-fold': { type: 'boolean', default: false },
    select: { type: 'boolean', default: false },
    // LSA's randomized SVD depends on its draw: each variant is run with every seed and the figures are their mean.
    seeds: { type: 'string', default: '42' },
    folds: { type: 'string' },
  },
});

/**
 * The probe's baseline: the embedder's defaults when the variant families were measured (b 0.75, dense weight 0.6).
 * Today's defaults (b 1, dense weight 0.5, af7ab07) are the `b1 base` variant (B1 below).
 */
const DEFAULT_SETTINGS: FusionSettings = {
  fusion: 'weighted',
  denseWeight: 0.6,
  rrfK: 60,
  feedbackDocs: 2,
  feedbackWeight: 2,
  demographicPrior: 0,
  normalization: 'minmax',
  regularization: 0.5,
  regularizationNeighbours: 5,
  regularizationCandidates: 50,
};
const CANDIDATES = 100;

interface Fit {
  k1: number;
  b: number;
  lsa: { powerIterations?: number; oversample?: number; dimension?: number; seed?: number };
}
interface Variant {
  name: string;
  /** Variants of one family compete in --select (chosen on the other folds). */
  family?: string;
  mode?: 'hybrid' | 'lexical' | 'dense';
  fit?: Partial<Fit>;
  settings?: Partial<FusionSettings>;
  /**
   * Lexical pseudo-relevance feedback (RM3, Abdul-Jaleel et al., TREC 2004): the `docs` best fused cases' term
   * distributions, weighted by their fused scores, give the `terms` likeliest terms; the query becomes
   * (1 − weight)·P(t|q) + weight·P(t|R), BM25 is asked again and the fusion redone on the new lexical candidates.
   */
  lexicalFeedback?: { docs: number; terms: number; weight: number; idfSelect?: boolean };
  /** Score regularisation's similarity: TF-IDF cosine over the whole vocabulary instead of the LSA cosine. */
  similarity?: 'tfidf';
  /** BM25 alone, as the index ranks (no fusion, no regularisation): the issue's plain BM25 reference. */
  plain?: boolean;
  /** A third component after the fusion: fused += weight · TF-IDF cosine of query and case over the whole vocabulary. */
  tfidfComponent?: number;
  /** How a case is written into the index (title + text by default); BM25 and LSA are fitted on it. */
  document?: DocumentKind;
  /**
   * Phrases (the sequential dependence idea, Metzler & Croft 2005): adjacent token pairs as a second BM25 over the
   * same cases, lexical = BM25(words) + weight · BM25(pairs), the lexical top 100 taken on the sum.
   */
  phrase?: { weight: number; k1?: number; b?: number };
}
type DocumentKind = 'base' | 'title2' | 'lead2' | 'lead1';

const DEFAULT_FIT: Fit = { k1: 1.2, b: 0.75, lsa: {} };

const BASE_VARIANTS: Variant[] = [
  { name: 'default' },
  { name: 'default, no score regularisation', settings: { regularization: 0 } },
  { name: 'previous default (weighted /max + PRF)', settings: { normalization: 'max', regularization: 0 } },
  { name: 'default, no PRF', settings: { feedbackDocs: 0 } },
  { name: 'hybrid RRF + PRF', settings: { fusion: 'rrf' } },
  { name: 'hybrid RRF, no PRF', settings: { fusion: 'rrf', feedbackDocs: 0 } },
  { name: 'default + demographic prior 0.1', settings: { demographicPrior: 0.1 } },
  { name: 'lexical only (BM25 k1 1.2 b 0.75)', mode: 'lexical' },
  { name: 'dense only (LSA)', mode: 'dense', settings: { feedbackDocs: 0, regularization: 0 } },
];

/** What the 2026-12-07 11:00 entry of docs/retrieval.md measured, by family (`--variants FAMILY,...`). */
const B1: Pick<Variant, 'fit' | 'settings'> = { fit: { k1: 1.2, b: 1 }, settings: { denseWeight: 0.5 } };
const FAMILIES: Variant[] = [
  // BM25 parameters (the index's; BM25_K1 / BM25_B).
  ...[1.2, 1.6, 2].flatMap((k1) =>
    (k1 === 2 ? [0.6, 0.75, 0.9, 1] : [0.6, 0.75, 0.85, 0.9, 0.95, 1]).map(
      (b) => ({ name: `bm25 k1 ${k1} b ${b}`, family: 'bm25', fit: { k1, b } }) as Variant,
    ),
  ),
  // The product's lexical mode follows the index's parameters.
  ...[0.9, 1].map((b) => ({ name: `lexical only (BM25 k1 1.2 b ${b})`, family: 'lexical-only', mode: 'lexical', fit: { b } }) as Variant),
  { name: 'lexical only (BM25 k1 1.6 b 1)', family: 'lexical-only', mode: 'lexical', fit: { k1: 1.6, b: 1 } },
  ...[0.75, 1].map((b) => ({ name: `plain BM25 k1 1.2 b ${b}`, family: 'plain', mode: 'lexical', plain: true, fit: { b } }) as Variant),
  // A better-converged LSA.
  ...[2, 4, 8].map((powerIterations) => ({
    name: `lsa power iterations ${powerIterations}`,
    family: 'lsa-iterations',
    fit: { lsa: { powerIterations } },
  })),
  ...[40, 100].map((oversample) => ({ name: `lsa oversample ${oversample}`, family: 'lsa-oversample', fit: { lsa: { oversample } } })),
  { name: 'lsa power iterations 4, oversample 40', family: 'lsa-oversample', fit: { lsa: { powerIterations: 4, oversample: 40 } } },
  ...[0.5, 0.6, 0.7].map((denseWeight) => ({ name: `dense weight ${denseWeight}`, family: 'dense-weight', settings: { denseWeight } })),
  // Lexical pseudo-relevance feedback.
  ...[
    [2, 10, 0.5],
    [3, 20, 0.5],
    [3, 20, 0.3],
    [5, 30, 0.5],
    [3, 50, 0.5],
  ].map(([docs, terms, weight]) => ({
    name: `lexical RM3 ${docs} docs ${terms} terms λ ${weight}`,
    family: 'rm3',
    lexicalFeedback: { docs: docs!, terms: terms!, weight: weight! },
  })),
  {
    name: 'lexical RM3 3 docs 20 terms λ 0.5, terms by P·idf',
    family: 'rm3',
    lexicalFeedback: { docs: 3, terms: 20, weight: 0.5, idfSelect: true },
  },
  // TF-IDF over the whole vocabulary: a third component, or the similarity of score regularisation.
  ...[0.1, 0.2, 0.4].map((w) => ({ name: `TF-IDF cosine component ${w}`, family: 'tfidf-component', tfidfComponent: w })),
  { name: 'regularisation on TF-IDF cosine', family: 'tfidf-sim', similarity: 'tfidf' },
  {
    name: 'regularisation on TF-IDF cosine, 10 neighbours',
    family: 'tfidf-sim',
    similarity: 'tfidf',
    settings: { regularizationNeighbours: 10 },
  },
  { name: 'regularisation on TF-IDF cosine, α 0.3', family: 'tfidf-sim', similarity: 'tfidf', settings: { regularization: 0.3 } },
  // Fusion settings on a fully length-normalised BM25 (b 1), the winner of the bm25 family.
  ...[1.2, 1.6].flatMap((k1) =>
    [0.5, 0.6].flatMap((denseWeight) =>
      [0, 0.3, 0.5].map(
        (regularization) =>
          ({
            name: `b1: k1 ${k1}, dense weight ${denseWeight}, regularisation ${regularization}`,
            family: 'b1',
            fit: { k1, b: 1 },
            settings: { denseWeight, regularization },
          }) as Variant,
      ),
    ),
  ),
  // One change at a time from the proposal (k1 1.2, b 1, dense weight 0.5).
  { name: 'b1 base (k1 1.2, b 1, dense weight 0.5)', family: 'b1-tune', ...B1 },
  ...(
    [
      ['feedback docs 3', { feedbackDocs: 3 }],
      ['feedback weight 1', { feedbackWeight: 1 }],
      ['feedback weight 3', { feedbackWeight: 3 }],
      ['regularisation neighbours 3', { regularizationNeighbours: 3 }],
      ['regularisation neighbours 10', { regularizationNeighbours: 10 }],
      ['regularisation candidates 30', { regularizationCandidates: 30 }],
      ['regularisation candidates 100', { regularizationCandidates: 100 }],
      ['dense weight 0.4', { denseWeight: 0.4 }],
    ] as [string, Partial<FusionSettings>][]
  ).map(([name, settings]) => ({ name: `b1 base, ${name}`, family: 'b1-tune', fit: B1.fit, settings: { ...B1.settings, ...settings } })),
  { name: 'b1 base, regularisation on TF-IDF cosine', family: 'b1-tune', ...B1, similarity: 'tfidf' },
  { name: 'b1 base, LSA power iterations 2', family: 'b1-tune', fit: { ...B1.fit, lsa: { powerIterations: 2 } }, settings: B1.settings },
  // Fields: the article title twice, or the case's opening sentences (its presentation) twice.
  ...(['title2', 'lead1', 'lead2'] as const).map((document) => ({
    name: `b1 base, document ${document}`,
    family: 'fields',
    ...B1,
    document,
  })),
  // Fusion settings with the opening sentence written twice (lead1, the product's document since TOKENIZER_VERSION 4).
  { name: 'lead1: lexical only (BM25 k1 1.2 b 1)', family: 'lead1-lexical', mode: 'lexical', fit: B1.fit, document: 'lead1' },
  ...(
    [
      [0.5, 0.5, 2],
      [0.4, 0.5, 2],
      [0.3, 0.5, 2],
      [0.5, 0.3, 2],
      [0.4, 0.3, 2],
      [0.5, 0, 2],
      [0.5, 0.5, 1],
      [0.4, 0.5, 1],
    ] as const
  ).map(
    ([denseWeight, regularization, feedbackWeight]) =>
      ({
        name: `lead1: dense weight ${denseWeight}, regularisation ${regularization}, feedback weight ${feedbackWeight}`,
        family: 'lead1-tune',
        fit: B1.fit,
        document: 'lead1',
        settings: { denseWeight, regularization, feedbackWeight },
      }) as Variant,
  ),
  // Phrases.
  ...[0.1, 0.25, 0.5, 1, 1.5].map((weight) => ({ name: `b1 base, phrases ${weight}`, family: 'phrases', ...B1, phrase: { weight } })),
  ...[0.5, 1].map(
    (weight) =>
      ({
        name: `lead1: lexical only with phrases ${weight}`,
        family: 'lead1-lexical-phrases',
        mode: 'lexical',
        fit: B1.fit,
        document: 'lead1',
        phrase: { weight },
      }) as Variant,
  ),
  ...[0.5, 1].map((weight) => ({
    name: `b1 base, document lead1, phrases ${weight}`,
    family: 'lead-phrases',
    ...B1,
    document: 'lead1' as const,
    phrase: { weight },
  })),
];

const ALL_VARIANTS = [...BASE_VARIANTS, ...FAMILIES];
const chosen = args.variants
  ? ALL_VARIANTS.filter((v) => v.name === 'default' || args.variants!.split(',').some((p) => v.name.includes(p) || v.family === p))
  : BASE_VARIANTS;

const corpus = readCorpus(args.corpus!);
const written = readJsonl<Query>(args.queries!);
const queries = args['first-sentence'] ? written.map((q) => ({ ...q, query: firstSentence(q.query) })) : written;

interface Case {
  id: string;
  text: string;
  age: number | null;
  sex: 'F' | 'M' | null;
  title: string;
}
// Ingestion's cleaning (whitespace, control characters) and its dedupe by id and by normalised text, first kept.
const allCases: Case[] = [];
{
  const ids = new Set<string>();
  const hashes = new Set<string>();
  for (const { record: r } of corpus.records) {
    const id = idOf(r);
    const text = normaliseText(r.patient ?? r.text);
    if (!id || text === null || ids.has(id)) continue;
    const hash = textHash(text);
    if (hashes.has(hash)) continue;
    ids.add(id);
    hashes.add(hash);
    const years = parseAge(r.age).years;
    const title = normaliseText(r.title) ?? '';
    allCases.push({
      id,
      title,
      text,
      age: years !== null && Number.isFinite(years) ? years : null,
      sex: r.gender === 'F' || r.gender === 'M' ? r.gender : null,
    });
  }
  // A build reads cases by primary key.
  allCases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
const caseById = new Map(allCases.map((c) => [c.id, c]));

/** The first `count` sentences (uncapped). */
function openingSentences(text: string, count: number): string {
  let rest = text;
  let out = '';
  for (let i = 0; i < count && rest; i++) {
    const sentence = firstSentence(rest);
    out += `${sentence} `;
    rest = rest.slice(sentence.length).trimStart();
  }
  return out;
}

function documentOf(c: Case, kind: DocumentKind): string {
  if (kind === 'title2') return `${c.title}\n${c.title}\n${c.text}`;
  // The product's document since TOKENIZER_VERSION 4 (caseDocument).
  if (kind === 'lead1') return `${c.title}\n${openingSentence(c.text)}\n${c.text}`;
  if (kind === 'lead2') return `${c.title}\n${openingSentences(c.text, 2)}\n${c.text}`;
  return `${c.title}\n${c.text}`;
}

interface FoldIndex {
  cases: Case[];
  docOf: Map<string, number>;
  matrix: TermMatrix;
  /** Each case's unit TF-IDF vector (sublinear tf, log N/df) over the whole vocabulary, term ids ascending. */
  tfidf?: { ids: Int32Array; weights: Float64Array }[];
  bm25: Map<string, { model: Bm25Model; index: Bm25Index }>;
  lsa: Map<string, { model: LsaModel; vectors: Float32Array; halves: Float32Array }>;
  pairs?: PairIndex;
  kind: DocumentKind;
}
interface PairIndex {
  vocabulary: Map<string, number>;
  rows: Map<number, number>[];
  df: Int32Array;
  lengths: Int32Array;
  avgLength: number;
}

const pairsOfText = (text: string) => {
  const tokens = tokenize(text, { negation: true });
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
};

function pairsOf(fold: FoldIndex): PairIndex {
  if (fold.pairs) return fold.pairs;
  const vocabulary = new Map<string, number>();
  const dfs: number[] = [];
  const rows = fold.cases.map((c) => {
    const row = new Map<number, number>();
    for (const pair of pairsOfText(documentOf(c, fold.kind))) {
      let id = vocabulary.get(pair);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(pair, id);
        dfs.push(0);
      }
      if (!row.has(id)) dfs[id]!++;
      row.set(id, (row.get(id) ?? 0) + 1);
    }
    return row;
  });
  const lengths = Int32Array.from(rows, (r) => [...r.values()].reduce((a, b) => a + b, 0));
  fold.pairs = {
    vocabulary,
    rows,
    df: Int32Array.from(dfs),
    lengths,
    avgLength: lengths.reduce((a, b) => a + b, 0) / (lengths.length || 1),
  };
  return fold.pairs;
}

/** Every case's BM25 over the query's word pairs (0 where none matches). */
function pairScores(fold: FoldIndex, query: string, k1: number, b: number): Float64Array {
  const pairs = pairsOf(fold);
  const counts = new Map<number, number>();
  for (const p of pairsOfText(query)) {
    const id = pairs.vocabulary.get(p);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const out = new Float64Array(fold.cases.length);
  if (counts.size === 0) return out;
  const n = fold.cases.length;
  for (let d = 0; d < n; d++) {
    const row = pairs.rows[d]!;
    const norm = k1 * (1 - b + (b * pairs.lengths[d]!) / (pairs.avgLength || 1));
    for (const [id, qtf] of counts) {
      const tf = row.get(id);
      if (tf) out[d]! += qtf * bm25Idf(n, pairs.df[id]!) * (k1 + 1) * (tf / (tf + norm));
    }
  }
  return out;
}

async function lsaOf(fold: FoldIndex, params: Fit['lsa']) {
  const key = JSON.stringify(params);
  let fit = fold.lsa.get(key);
  if (!fit) {
    const model = await LsaModel.fit(fold.matrix, { ...params, negation: true });
    const vectors = embedMatrixRows(
      {
        matrix: fold.matrix,
        projection: model.projection,
        idf: model.header.idf,
        dimension: model.dimension,
        termColumn: model.columnsFor(fold.matrix),
      },
      0,
      fold.matrix.docCount,
    );
    fit = { model, vectors, halves: Float32Array.from(vectors, Math.f16round) };
    fold.lsa.set(key, fit);
  }
  return fit;
}

function bm25Of(fold: FoldIndex, k1: number, b: number) {
  const key = `${k1}/${b}`;
  let fit = fold.bm25.get(key);
  if (!fit) {
    const model = Bm25Model.fit(fold.matrix, { k1, b, negation: true });
    fit = { model, index: Bm25Index.build(model, matrixRows(fold.matrix)) };
    fold.bm25.set(key, fit);
  }
  return fit;
}

function tfidfOf(fold: FoldIndex) {
  if (fold.tfidf) return fold.tfidf;
  const { matrix } = fold;
  fold.tfidf = Array.from({ length: matrix.docCount }, (_, d) => {
    const entries: [number, number][] = [];
    for (let p = matrix.rowPtr[d]!; p < matrix.rowPtr[d + 1]!; p++) {
      const t = matrix.termIds[p]!;
      entries.push([t, (1 + Math.log(matrix.counts[p]!)) * Math.log(matrix.docCount / matrix.df[t]!)]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1] / norm) };
  });
  return fold.tfidf;
}

function tfidfSimilarity(fold: FoldIndex) {
  const vectors = tfidfOf(fold);
  return {
    between(cs: { caseId: string }[]): Float64Array {
      const n = cs.length;
      const out = new Float64Array(n * n);
      const vs = cs.map((c) => vectors[fold.docOf.get(c.caseId)!]!);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const a = vs[i]!;
          const b = vs[j]!;
          let s = 0;
          for (let x = 0, y = 0; x < a.ids.length && y < b.ids.length; ) {
            if (a.ids[x]! < b.ids[y]!) x++;
            else if (a.ids[x]! > b.ids[y]!) y++;
            else s += a.weights[x++]! * b.weights[y++]!;
          }
          out[i * n + j] = s;
          out[j * n + i] = s;
        }
      return out;
    },
  };
}

/** RM3's expanded query from the feedback cases (term counts of the matrix, weighted by their fused scores). */
function rm3Query(
  fold: FoldIndex,
  query: { indices: number[]; values: number[] },
  feedback: { doc: number; score: number }[],
  { terms, weight, idfSelect }: NonNullable<Variant['lexicalFeedback']>,
) {
  const { matrix } = fold;
  const relevance = new Map<number, number>();
  const total = feedback.reduce((s, f) => s + Math.max(f.score, 0), 0) || 1;
  for (const { doc, score } of feedback) {
    const w = Math.max(score, 0) / total;
    for (let p = matrix.rowPtr[doc]!; p < matrix.rowPtr[doc + 1]!; p++) {
      const t = matrix.termIds[p]!;
      relevance.set(t, (relevance.get(t) ?? 0) + (w * matrix.counts[p]!) / matrix.docLength[doc]!);
    }
  }
  const rankBy = (t: number, p: number) => (idfSelect ? p * Math.log(matrix.docCount / matrix.df[t]!) : p);
  const top = [...relevance].sort((a, b) => rankBy(b[0], b[1]) - rankBy(a[0], a[1])).slice(0, terms);
  const topMass = top.reduce((s, [, p]) => s + p, 0) || 1;
  const qMass = query.values.reduce((s, v) => s + v, 0) || 1;
  const out = new Map<number, number>();
  for (const [i, t] of query.indices.entries()) out.set(t, ((1 - weight) * query.values[i]!) / qMass);
  for (const [t, p] of top) out.set(t, (out.get(t) ?? 0) + (weight * p) / topMass);
  // Back on the scale of term counts (the scale BM25's candidates are normalised from does not matter).
  const indices = [...out.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((t) => out.get(t)! * qMass) };
}

const dotAt = (a: Float32Array, at: number, q: Float32Array) => {
  let s = 0;
  for (let k = 0; k < q.length; k++) s += a[at + k]! * q[k]!;
  return s;
};

/** One query's ranking under one variant, as the LanceDB store and the search service would answer it. */
async function rank(folds: (kind: DocumentKind) => FoldIndex, q: Query, v: Variant, seed: number): Promise<string[]> {
  const fold = folds(v.document ?? 'base');
  const fit = { ...DEFAULT_FIT, ...v.fit, lsa: { seed, ...DEFAULT_FIT.lsa, ...v.fit?.lsa } };
  const mode = v.mode ?? 'hybrid';
  const { model: bm25, index } = bm25Of(fold, fit.k1, fit.b);
  const lsa = await lsaOf(fold, fit.lsa);
  const dim = lsa.model.dimension;
  const sparse = mode === 'dense' ? undefined : bm25.encodeQuery(q.query);
  const lexical = sparse && sparse.indices.length > 0 ? sparse : undefined;
  let dense: Float32Array | undefined = mode === 'lexical' ? undefined : lsa.model.embedText(q.query);
  if (dense?.every((x) => x === 0)) dense = undefined;
  if (!lexical && !dense) return [];
  const denseTop: number[] = [];
  if (dense) {
    const scored = Array.from({ length: fold.cases.length }, (_, d) => ({ d, s: dotAt(lsa.vectors, d * dim, dense!) }));
    scored.sort((x, y) => y.s - x.s);
    for (const { d } of scored.slice(0, CANDIDATES)) denseTop.push(d);
  }
  const candidatesOf = (hits: { doc: number; score: number }[]) => {
    const docs = hits.map((h) => h.doc);
    const seen = new Set(docs);
    for (const d of denseTop)
      if (!seen.has(d)) {
        seen.add(d);
        docs.push(d);
      }
    return docs.map((d, i) => {
      const c = fold.cases[d]!;
      const vector = lsa.halves.subarray(d * dim, (d + 1) * dim);
      return {
        caseId: c.id,
        pmid: null,
        title: c.title,
        age: c.age,
        sex: c.sex,
        snippet: '',
        vector,
        dense: dense ? dotAt(vector, 0, dense) : undefined,
        lexical: i < hits.length ? hits[i]!.score : undefined,
      };
    });
  };
  const own = caseById.get(q.id);
  const settings = { ...DEFAULT_SETTINGS, ...v.settings };
  const fuse = (hits: { doc: number; score: number }[]) =>
    fuseCandidates(
      candidatesOf(hits),
      dense ?? null,
      { age: own?.age ?? null, sex: own?.sex ?? null },
      settings,
      v.similarity === 'tfidf' ? tfidfSimilarity(fold) : undefined,
    ).sort((a, b) => b.fused - a.fused || a.candidate.caseId.localeCompare(b.candidate.caseId));
  let hits = lexical ? index.search(lexical, CANDIDATES) : [];
  if (v.phrase && lexical) {
    const pairs = pairScores(fold, q.query, v.phrase.k1 ?? fit.k1, v.phrase.b ?? fit.b);
    const all = index.search(lexical, fold.cases.length);
    const combined = new Map(all.map((h) => [h.doc, h.score]));
    pairs.forEach((s, d) => {
      if (s > 0) combined.set(d, (combined.get(d) ?? 0) + v.phrase!.weight * s);
    });
    hits = [...combined]
      .map(([doc, score]) => ({ doc, score }))
      .sort((x, y) => y.score - x.score || x.doc - y.doc)
      .slice(0, CANDIDATES);
  }
  if (v.plain) return hits.map((h) => fold.cases[h.doc]!.id);
  let fused = fuse(hits);
  if (v.lexicalFeedback && lexical && fused.length > 0) {
    const feedback = fused.slice(0, v.lexicalFeedback.docs).map((f) => ({ doc: fold.docOf.get(f.candidate.caseId)!, score: f.fused }));
    fused = fuse(index.search(rm3Query(fold, lexical, feedback, v.lexicalFeedback), CANDIDATES));
  }
  if (v.tfidfComponent && lexical) {
    const vectors = tfidfOf(fold);
    const n = fold.matrix.docCount;
    const weights = lexical.indices.map((t, i) => (1 + Math.log(lexical.values[i]!)) * Math.log(n / fold.matrix.df[t]!));
    const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0)) || 1;
    const cosine = (doc: number) => {
      const d = vectors[doc]!;
      let s = 0;
      lexical.indices.forEach((t, i) => {
        let lo = 0;
        let hi = d.ids.length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (d.ids[mid]! < t) lo = mid + 1;
          else if (d.ids[mid]! > t) hi = mid - 1;
          else {
            s += (weights[i]! / norm) * d.weights[mid]!;
            break;
          }
        }
      });
      return s;
    };
    for (const f of fused) f.fused += v.tfidfComponent * cosine(fold.docOf.get(f.candidate.caseId)!);
    fused.sort((a, b) => b.fused - a.fused || a.candidate.caseId.localeCompare(b.candidate.caseId));
  }
  return fused.slice(0, CANDIDATES).map((f) => f.candidate.caseId);
}

const folds = [...new Set(queries.map((q) => q.fold ?? 1))]
  .sort((a, b) => a - b)
  .filter((f) => !args.folds || args.folds.split(',').map(Number).includes(f));
const seeds = args.seeds!.split(',').map(Number);
/** variant → fold → per-query metrics (each seed's in turn) */
const results = new Map<string, Map<number, Metrics[]>>(chosen.map((v) => [v.name, new Map()]));
const started = performance.now();
for (const fold of folds) {
  const foldQueries = queries.filter((q) => (q.fold ?? 1) === fold);
  const held = new Set(foldQueries.map((q) => q.id));
  const cases = allCases.filter((c) => !held.has(c.id));
  const indexes = new Map<DocumentKind, FoldIndex>();
  const indexOf = (kind: DocumentKind) => {
    let index = indexes.get(kind);
    if (!index) {
      const builder = new TermMatrixBuilder({ negation: true });
      for (const c of cases) builder.addDocument(documentOf(c, kind));
      index = { cases, docOf: new Map(cases.map((c, d) => [c.id, d])), matrix: builder.build(), bm25: new Map(), lsa: new Map(), kind };
      indexes.set(kind, index);
    }
    return index;
  };
  for (const v of chosen) {
    const list: Metrics[] = [];
    for (const seed of seeds) for (const q of foldQueries) list.push(scoreRanking(await rank(indexOf, q, v, seed), q.relevant));
    results.get(v.name)!.set(fold, list);
  }
  process.stderr.write(`fold ${fold}: ${cases.length} cases, ${foldQueries.length} queries\n`);
}

const all = (name: string) => [...results.get(name)!.values()].flat();
const width = Math.max(...chosen.map((v) => v.name.length));
console.log(
  `\n${queries.filter((q) => folds.includes(q.fold ?? 1)).length} queries${args['first-sentence'] ? ' (first sentence)' : ''}, ${folds.length} folds, LSA seeds ${seeds.join(', ')} — ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(
  `${'variant'.padEnd(width)}  ${METRIC_NAMES.map((k) => METRIC_LABELS[k].padStart(8)).join('')}  Δ nDCG vs default (better/worse queries)`,
);
const base = all('default');
for (const v of chosen) {
  const ms = all(v.name);
  const m = mean(ms);
  const better = ms.filter((x, i) => x.ndcg10 > base[i]!.ndcg10 + 1e-9).length;
  const worse = ms.filter((x, i) => x.ndcg10 < base[i]!.ndcg10 - 1e-9).length;
  console.log(
    `${v.name.padEnd(width)}  ${METRIC_NAMES.map((k) => m[k].toFixed(3).padStart(8)).join('')}  ${(m.ndcg10 - mean(base).ndcg10).toFixed(3).padStart(7)} (${better}/${worse})`,
  );
}
if (args['per-fold']) {
  console.log(`\nnDCG@10 per fold\n${'variant'.padEnd(width)}  ${folds.map((f) => String(f).padStart(6)).join('')}`);
  for (const v of chosen)
    console.log(`${v.name.padEnd(width)}  ${folds.map((f) => mean(results.get(v.name)!.get(f)!).ndcg10.toFixed(3).padStart(6)).join('')}`);
}
if (args.select) {
  // Cross-fold selection: each held fold scored with the family member that is best on the other folds.
  const families = [...new Set(chosen.flatMap((v) => (v.family ? [v.family] : [])))];
  for (const family of families) {
    const members = chosen.filter((v) => v.family === family);
    const held: Metrics[] = [];
    const picks: string[] = [];
    for (const fold of folds) {
      const others = (name: string) => folds.filter((f) => f !== fold).flatMap((f) => results.get(name)!.get(f)!);
      const best = members.reduce((a, b) => (mean(others(b.name)).ndcg10 > mean(others(a.name)).ndcg10 ? b : a));
      picks.push(best.name);
      held.push(...results.get(best.name)!.get(fold)!);
    }
    const m = mean(held);
    console.log(
      `\nselected on the other folds, family ${family}: ${METRIC_NAMES.map((k) => `${METRIC_LABELS[k]} ${m[k].toFixed(3)}`).join(', ')}`,
    );
    console.log(`  picks per fold: ${picks.map((p, i) => `${folds[i]}: ${p}`).join('; ')}`);
  }
}
