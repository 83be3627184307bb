import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import type { SearchResponse } from '@patientinsight/shared';
import { loadEmbedderConfig } from '../src/config/embedder.config.js';
import { ActiveCorpus } from '../src/corpus/active-corpus.js';
import type { CorpusAddResult } from '../src/corpus/corpus-indexer.js';
import { CorpusRepository } from '../src/corpus/corpus.repository.js';
import { CORPUS_SETTINGS, type CorpusSettings } from '../src/corpus/corpus.tokens.js';
import { TOKENIZER_VERSION, tokenize } from '../src/text/tokenizer.js';
import { caseDocument } from '../src/corpus/versioned-corpus-indexer.js';
import { RETRIEVAL_TOKEN, type RetrievalApp, type SampleCase, sampleCases, stageCases, startRetrievalApp } from './retrieval-helpers.js';

jest.setTimeout(300_000);

// 'quokkabite' is in the base corpus (five cases), so the fitted vocabulary knows it; 'wallabykick' is not.
const KNOWN_MARKER = 'quokkabite';
const UNKNOWN_MARKER = 'wallabykick';
const MARKED = 50;

describe.each(testDrivers())('adding cases to the active version on %s (issue 24)', (driver) => {
  let embedder: RetrievalApp;
  const sample = sampleCases();
  const base: SampleCase[] = [
    ...sample.slice(0, 600),
    ...sample.slice(600, 605).map((c) => ({ ...c, caseId: `base-marker-${c.caseId}`, text: `${c.text} ${KNOWN_MARKER}` })),
  ];
  // 1,000 cases: the rest of the sample and copies of the base under new ids; the first 50 carry both markers.
  const added: SampleCase[] = [
    ...sample.slice(605),
    ...sample.slice(0, 605).map((c) => ({ ...c, caseId: `copy-${c.caseId}`, text: `${c.text} (copy)` })),
  ]
    .slice(0, 1000)
    .map((c, i) => (i < MARKED ? { ...c, caseId: `marker-${c.caseId}`, text: `${c.text} ${KNOWN_MARKER} ${UNKNOWN_MARKER}` } : c));
  let fitted: string;

  beforeAll(async () => {
    embedder = await startRetrievalApp(driver, { CORPUS_REFIT_SHARE: '2' });
    await stageCases(embedder.database, base, 'job-base');
    fitted = (await embedder.indexer.addCases({ promoteJobIds: ['job-base'] })).versionId;
  });
  afterAll(async () => {
    await embedder?.close();
  });

  const search = async (query: string, extra: Record<string, unknown> = {}) => {
    const res = await embedder.call<SearchResponse>('POST', '/v1/search', { query, topK: 100, ...extra });
    expect(res.status).toBe(200);
    return res.body;
  };
  const markedIn = (body: SearchResponse) => body.results.filter((r) => r.caseId.startsWith('marker-')).length;

  it('appends 1,000 cases while searches run: every search sees none or all of them, then they are found', async () => {
    await stageCases(embedder.database, added, 'job-add');
    const seen: { version: string | undefined; marked: number; baseMarked: number }[] = [];
    let adding = true;
    const add = embedder.indexer.addCases({ promoteJobIds: ['job-add'] }).finally(() => {
      adding = false;
    });
    while (adding) {
      const body = await search(KNOWN_MARKER, { options: { mode: 'lexical' } });
      seen.push({
        version: body.corpusVersion,
        marked: markedIn(body),
        baseMarked: body.results.filter((r) => r.caseId.startsWith('base-marker-')).length,
      });
    }
    const result: CorpusAddResult = await add;
    expect(result).toMatchObject({ mode: 'append', versionId: fitted, indexed: 1605, indexedFromJobs: 1000 });
    expect(result.refitReason).toBeUndefined();
    expect(result.addedShare).toBeCloseTo(1000 / 605, 5);
    // 'wallabykick' and the words of the 395 sample cases the fit never saw are unknown to the version's vocabulary.
    expect(result.unknownTokenShare).toBeGreaterThan(0);
    expect(result.unknownTokenShare).toBeLessThan(0.1);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.version).toBe(fitted);
      expect(s.baseMarked).toBe(5);
      expect([0, MARKED]).toContain(s.marked);
    }
    const after = await search(KNOWN_MARKER, { options: { mode: 'lexical' } });
    expect(after.corpusVersion).toBe(fitted);
    expect(markedIn(after)).toBe(MARKED);
    // An appended case is found by its own text, on both sides of the hybrid search, and can be read.
    const probe = added[700]!;
    const hybrid = await search(`${probe.title}. ${probe.text.slice(0, 300)}`, { topK: 5 });
    expect(hybrid.degraded).toBeUndefined();
    const hit = hybrid.results.find((r) => r.caseId === probe.caseId);
    expect(hit).toBeDefined();
    expect(typeof hit!.scores.lexical).toBe('number');
    expect(typeof hit!.scores.dense).toBe('number');
    expect((await embedder.call('GET', `/v1/cases/${encodeURIComponent(probe.caseId)}`)).status).toBe(200);
    const states = await embedder.database.db.selectFrom('case_record').select(['state']).where('job_id', '=', 'job-add').execute();
    expect(states.every((s) => s.state === 'live')).toBe(true);
    const versions = (await embedder.call<{ versions: { id: string; state: string; caseCount: number }[] }>('GET', '/v1/corpus/versions'))
      .body.versions;
    expect(versions.filter((v) => v.state === 'active')).toEqual([expect.objectContaining({ id: fitted, caseCount: 1605 })]);
    // Terms first seen in appended cases are unknown until the next refit.
    expect((await search(UNKNOWN_MARKER)).results).toHaveLength(0);
  });

  it('a forced refit switches atomically while searches run, and learns the appended vocabulary', async () => {
    const seen: { version: string | undefined; marked: number }[] = [];
    let refitting = true;
    const refit = embedder.call<{ versionId: string; indexed: number }>('POST', '/v1/corpus/versions', {}).finally(() => {
      refitting = false;
    });
    while (refitting) {
      const body = await search(KNOWN_MARKER, { options: { mode: 'lexical' } });
      seen.push({ version: body.corpusVersion, marked: markedIn(body) });
    }
    const res = await refit;
    expect(res.status).toBe(201);
    expect(res.body.indexed).toBe(1605);
    const refitted = res.body.versionId;
    expect(refitted).not.toBe(fitted);
    for (const s of seen) {
      expect([fitted, refitted]).toContain(s.version);
      expect(s.marked).toBe(MARKED);
    }
    const after = await search(UNKNOWN_MARKER, { options: { mode: 'lexical' } });
    expect(after.corpusVersion).toBe(refitted);
    expect(after.results.map((r) => r.caseId).sort()).toEqual(
      added
        .slice(0, MARKED)
        .map((c) => c.caseId)
        .sort(),
    );
    const versions = (await embedder.call<{ versions: { id: string; state: string }[] }>('GET', '/v1/corpus/versions')).body.versions;
    expect(versions.find((v) => v.id === fitted)?.state).toBe('retired');
  });

  it('refits instead of appending once the cases added since the fit pass CORPUS_REFIT_SHARE', async () => {
    const settings = embedder.app.get<CorpusSettings>(CORPUS_SETTINGS);
    settings.refitShare = 0.1;
    const active = (await embedder.indexer.activeVersion())!;
    // 100 of 1,605 fitted (6%): appended.
    await stageCases(
      embedder.database,
      sample.slice(0, 100).map((c) => ({ ...c, caseId: `second-${c.caseId}`, text: `${c.text} (second)` })),
      'job-small',
    );
    expect(await embedder.indexer.addCases({ promoteJobIds: ['job-small'] })).toMatchObject({
      mode: 'append',
      versionId: active,
      indexed: 1705,
    });
    // 100 more: 200 of 1,605 (12.5%) passes 10%: a new version fitted on all 1,805.
    await stageCases(
      embedder.database,
      sample.slice(100, 200).map((c) => ({ ...c, caseId: `third-${c.caseId}`, text: `${c.text} (third)` })),
      'job-more',
    );
    const refit = await embedder.indexer.addCases({ promoteJobIds: ['job-more'] });
    expect(refit).toMatchObject({ mode: 'refit', indexed: 1805, indexedFromJobs: 100 });
    expect(refit.versionId).not.toBe(active);
    expect(refit.refitReason).toMatch(/12\.5% of the 1605 fitted \(CORPUS_REFIT_SHARE 0\.1\)/);
  });

  it('the scheduled refit fits a new version only when cases were appended since the fit', async () => {
    // The timer's callback (CORPUS_REFIT_INTERVAL_MINUTES), called directly.
    const scheduledRefit = () => (embedder.indexer as unknown as { scheduledRefit(): Promise<void> }).scheduledRefit();
    const fittedNow = (await embedder.indexer.activeVersion())!;
    await scheduledRefit();
    expect(await embedder.indexer.activeVersion()).toBe(fittedNow);
    await stageCases(
      embedder.database,
      sample.slice(200, 250).map((c) => ({ ...c, caseId: `fourth-${c.caseId}`, text: `${c.text} (fourth)` })),
      'job-fourth',
    );
    expect(await embedder.indexer.addCases({ promoteJobIds: ['job-fourth'] })).toMatchObject({
      mode: 'append',
      versionId: fittedNow,
      indexed: 1855,
    });
    await scheduledRefit();
    const scheduled = (await embedder.indexer.activeVersion())!;
    expect(scheduled).not.toBe(fittedNow);
    const versions = (await embedder.call<{ versions: { id: string; caseCount: number }[] }>('GET', '/v1/corpus/versions')).body.versions;
    expect(versions.find((v) => v.id === scheduled)?.caseCount).toBe(1855);
  });

  it('refits instead of appending once unknown terms pass CORPUS_REFIT_UNKNOWN_TOKEN_SHARE of the tokens appended since the fit', async () => {
    const settings = embedder.app.get<CorpusSettings>(CORPUS_SETTINGS);
    settings.refitShare = 2;
    settings.refitUnknownTokenShare = 0.05;
    const add = async (cases: SampleCase[], jobId: string) => {
      await stageCases(embedder.database, cases, jobId);
      return embedder.indexer.addCases({ promoteJobIds: [jobId] });
    };
    const caseCountOf = async (versionId: string) =>
      (await embedder.call<{ versions: { id: string; caseCount: number }[] }>('GET', '/v1/corpus/versions')).body.versions.find(
        (v) => v.id === versionId,
      )?.caseCount;
    // Two sample texts joined (the full stop closes any negation scope): every term is in the vocabulary.
    const known = (prefix: string, from: number): SampleCase[] =>
      sample
        .slice(from, from + 40)
        .map((c, i) => ({ ...c, caseId: `${prefix}-${c.caseId}`, text: `${c.text}. ${sample[from + 40 + i]!.text}` }));
    // Cases of invented words only, no title: each token is unknown, `words` of them per case.
    const invented = (prefix: string, cases: number, words: number): SampleCase[] =>
      Array.from({ length: cases }, (_, i) => ({
        ...sample[i]!,
        caseId: `${prefix}-${i}`,
        title: '',
        text: Array.from({ length: words }, (_, k) => `${prefix}${letters(i)}x${letters(k)}`).join(' '),
      }));
    // Their tokens as the index counts them: the document writes the opening sentence (here the whole text) twice.
    const unknownTokensOf = (cases: SampleCase[]) => cases.reduce((n, c) => n + tokenize(caseDocument('', c.text)).length, 0);
    const fittedNow = (await embedder.indexer.activeVersion())!;

    expect(await add(known('known', 300), 'job-known')).toMatchObject({ mode: 'append', versionId: fittedNow, unknownTokenShare: 0 });
    // Unknown tokens after known titles (a case with no known term would get no LSA vector): more than half of
    // this job's tokens, but cumulated since the fit they stay under 5%.
    const fewCases = invented('zorblax', 5, 20).map((c, i) => ({ ...c, title: sample[i]!.title }));
    const few = await add(fewCases, 'job-few-unknown');
    expect(few).toMatchObject({ mode: 'append', versionId: fittedNow });
    expect(few.unknownTokenShare).toBeGreaterThan(0);
    expect(few.unknownTokenShare).toBeLessThan(0.05);
    const appendedTokens = unknownTokensOf(fewCases) / few.unknownTokenShare!;
    const countBefore = await caseCountOf(fittedNow);

    // 40 cases of 100 unknown words each pass 5% of everything appended since the fit: a new version, nothing appended to the old one.
    const manyCases = invented('quibbleton', 40, 100);
    const many = await add(manyCases, 'job-many-unknown');
    expect(many).toMatchObject({ mode: 'refit', indexedFromJobs: 40 });
    expect(many.versionId).not.toBe(fittedNow);
    const expected = ((unknownTokensOf(fewCases) + unknownTokensOf(manyCases)) / (appendedTokens + unknownTokensOf(manyCases))) * 100;
    expect(many.refitReason).toBe(
      `unknown terms would be ${expected.toFixed(1)}% of the tokens appended since the fit (CORPUS_REFIT_UNKNOWN_TOKEN_SHARE 0.05)`,
    );
    expect(await caseCountOf(fittedNow)).toBe(countBefore);
    const found = await search(`quibbleton${letters(3)}x${letters(7)}`, { options: { mode: 'lexical' } });
    expect(found.corpusVersion).toBe(many.versionId);
    expect(found.results.map((r) => r.caseId)).toEqual(['quibbleton-3']);

    // The refit starts the count again: known cases append with nothing unknown since the new fit.
    expect(await add(known('known-again', 500), 'job-known-again')).toMatchObject({
      mode: 'append',
      versionId: many.versionId,
      unknownTokenShare: 0,
    });
  });

  it('builds again when cases were appended to its base while it built (by another replica), so none is left out', async () => {
    const repository = embedder.app.get(CorpusRepository);
    const base = (await repository.activeVersion())!;
    const late = sample.slice(600, 620).map((c) => ({ ...c, caseId: `late-${c.caseId}`, text: `${c.text} (late)` }));
    await stageCases(embedder.database, late, 'job-late');
    // Another replica's append commits after this build read the live cases, just before it activates.
    const activate = repository.activate.bind(repository);
    const activations = jest.spyOn(repository, 'activate').mockImplementationOnce(async (args) => {
      await repository.promoteAppended({
        versionId: base.id,
        promoteJobIds: ['job-late'],
        promotedCount: late.length,
        caseCount: base.caseCount! + late.length,
        tokens: 0,
        unknownTokens: 0,
      });
      return activate(args);
    });
    try {
      const rebuilt = await embedder.indexer.buildAndActivate({});
      expect(activations).toHaveBeenCalledTimes(2);
      expect(rebuilt.indexed).toBe(base.caseCount! + late.length);
    } finally {
      activations.mockRestore();
    }
  });

  it('refits instead of appending to a version whose vocabulary another tokenizer cut (a release that tokenizes differently)', async () => {
    const settings = embedder.app.get<CorpusSettings>(CORPUS_SETTINGS);
    settings.refitShare = 2;
    settings.refitUnknownTokenShare = 1;
    const active = (await embedder.app.get(ActiveCorpus).get())!;
    // As a version built by the release before the tokenizer changed would hold it.
    (active.bm25.data as { tokenizerVersion: number }).tokenizerVersion = TOKENIZER_VERSION - 1;
    const cases = sample.slice(700, 710).map((c) => ({ ...c, caseId: `retokenized-${c.caseId}`, text: `${c.text} (retokenized)` }));
    await stageCases(embedder.database, cases, 'job-retokenized');
    const result = await embedder.indexer.addCases({ promoteJobIds: ['job-retokenized'] });
    expect(result).toMatchObject({
      mode: 'refit',
      refitReason: `the active version was tokenized by tokenizer ${TOKENIZER_VERSION - 1}, this release uses ${TOKENIZER_VERSION}`,
    });
    expect(result.versionId).not.toBe(active.versionId);
    expect((await embedder.app.get(ActiveCorpus).get())!.bm25.data.tokenizerVersion).toBe(TOKENIZER_VERSION);
  });
});

/** A whole number as lowercase letters (0 → a, 26 → ab), so invented words stay single alphabetic tokens. */
const letters = (n: number): string => String.fromCharCode(97 + (n % 26)) + (n >= 26 ? letters(Math.floor(n / 26)) : '');

describe('refit settings', () => {
  it('are validated at boot, naming the setting', () => {
    const base = { SERVICE_TOKEN: RETRIEVAL_TOKEN, DATA_DIR: '/tmp/unused' };
    expect(() => loadEmbedderConfig({ ...base, CORPUS_REFIT_SHARE: '-0.5' })).toThrow(/CORPUS_REFIT_SHARE/);
    expect(() => loadEmbedderConfig({ ...base, CORPUS_REFIT_INTERVAL_MINUTES: 'hourly' })).toThrow(/CORPUS_REFIT_INTERVAL_MINUTES/);
    expect(() => loadEmbedderConfig({ ...base, CORPUS_REFIT_UNKNOWN_TOKEN_SHARE: '1.5' })).toThrow(/CORPUS_REFIT_UNKNOWN_TOKEN_SHARE/);
    expect(loadEmbedderConfig(base)).toMatchObject({ CORPUS_REFIT_UNKNOWN_TOKEN_SHARE: 0.05 });
    expect(
      loadEmbedderConfig({
        ...base,
        CORPUS_REFIT_SHARE: '0.25',
        CORPUS_REFIT_INTERVAL_MINUTES: '1440',
        CORPUS_REFIT_UNKNOWN_TOKEN_SHARE: '0.02',
      }),
    ).toMatchObject({
      CORPUS_REFIT_SHARE: 0.25,
      CORPUS_REFIT_INTERVAL_MINUTES: 1440,
      CORPUS_REFIT_UNKNOWN_TOKEN_SHARE: 0.02,
    });
  });
});
