import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { type SearchResponse, searchResponseSchema } from '@patientinsight/shared';
import { CorpusConflictError, CorpusRepository } from '../src/corpus/corpus.repository.js';
import { type RetrievalApp, sampleCases, stageCases, startRetrievalApp } from './retrieval-helpers.js';

jest.setTimeout(180_000);

const COVID_QUERY = 'A 60-year-old man hospitalized with moderate ARDS from COVID-19, fever, dry cough and dyspnea.';

describe.each(testDrivers())('POST /v1/search and GET /v1/cases/:id on %s', (driver) => {
  let embedder: RetrievalApp;
  const cases = sampleCases().slice(0, 300);
  let firstVersion: string;

  beforeAll(async () => {
    embedder = await startRetrievalApp(driver);
    await stageCases(embedder.database, cases, 'job-1');
    const result = await embedder.indexer.buildAndActivate({ promoteJobIds: ['job-1'] });
    firstVersion = result.versionId;
    expect(result).toMatchObject({ indexed: 300, indexedFromJobs: 300 });
  });
  afterAll(async () => {
    await embedder?.close();
  });

  const search = (body: unknown) => embedder.call<SearchResponse>('POST', '/v1/search', body);

  it('answers with ranked, explained results from the active version', async () => {
    const res = await search({ query: COVID_QUERY, topK: 5 });
    expect(res.status).toBe(200);
    const body = searchResponseSchema.parse(res.body);
    expect(body.corpusVersion).toBe(firstVersion);
    expect(body.degraded).toBeUndefined();
    expect(body.results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    // The COVID physiotherapy series is the sample's first article: its cases must lead.
    expect(body.results[0]!.caseId).toMatch(/^7665777-/);
    for (const r of body.results) {
      expect(r.score).toBe(r.scores.fused);
      expect(typeof r.scores.dense).toBe('number');
      expect(r.snippet.length).toBeGreaterThan(0);
    }
    expect(body.results.some((r) => (r.scores.lexical ?? 0) > 0)).toBe(true);
    const scores = body.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('excludes the ids it is told to exclude', async () => {
    const first = searchResponseSchema.parse((await search({ query: COVID_QUERY, topK: 5 })).body);
    const excluded = first.results.slice(0, 2).map((r) => r.caseId);
    const again = searchResponseSchema.parse((await search({ query: COVID_QUERY, topK: 5, excludeIds: excluded })).body);
    expect(again.results).toHaveLength(5);
    for (const id of excluded) expect(again.results.map((r) => r.caseId)).not.toContain(id);
  });

  it('applies each filter: every result satisfies it and cases that do not are gone', async () => {
    const query = 'patient presented with abdominal pain and fever';
    const unfiltered = searchResponseSchema.parse((await search({ query, topK: 50 })).body).results;
    expect(unfiltered.some((r) => r.sex === 'M')).toBe(true);
    const women = searchResponseSchema.parse((await search({ query, topK: 50, filters: { sex: 'F' } })).body).results;
    expect(women.length).toBeGreaterThan(0);
    expect(women.every((r) => r.sex === 'F')).toBe(true);

    expect(unfiltered.some((r) => r.age === null || r.age < 40 || r.age > 60)).toBe(true);
    const middle = searchResponseSchema.parse((await search({ query, topK: 50, filters: { ageMin: 40, ageMax: 60 } })).body).results;
    expect(middle.length).toBeGreaterThan(0);
    expect(middle.every((r) => r.age !== null && r.age >= 40 && r.age <= 60)).toBe(true);

    const both = searchResponseSchema.parse(
      (await search({ query, topK: 50, filters: { ageMin: 40, ageMax: 60, sex: 'M' } })).body,
    ).results;
    expect(both.every((r) => r.sex === 'M' && r.age! >= 40 && r.age! <= 60)).toBe(true);
    // Exactly the matching cases of the corpus are eligible: the filter is pushed down, not applied to a short list.
    const eligible = cases.filter((c) => c.sex === 'M' && c.age !== null && c.age >= 40 && c.age <= 60).length;
    expect(both.length).toBe(Math.min(50, eligible));
  });

  it("takes the demographic prior from the request's patient, never from the query text", async () => {
    const query = 'patient presented with abdominal pain and fever';
    const options = { demographicPrior: 0.2 };
    // Prose in the query says nothing to the prior: no patient, no prior score.
    const prose = searchResponseSchema.parse((await search({ query: `A 70-year-old man: ${query}`, topK: 20, options })).body).results;
    expect(prose.every((r) => (r.scores.prior ?? 0) === 0)).toBe(true);
    const asData = searchResponseSchema.parse((await search({ query, topK: 20, patient: { age: 70, sex: 'M' }, options })).body).results;
    expect(asData.some((r) => (r.scores.prior ?? 0) > 0)).toBe(true);
    for (const r of asData) {
      const expected = 0.2 * ((r.sex === 'M' ? 0.5 : 0) + (r.age === null ? 0 : 0.5 * Math.exp(-Math.abs(r.age - 70) / 10)));
      expect(r.scores.prior).toBeCloseTo(expected, 5);
    }
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases400: [unknown, string][] = [
      [{ query: 'x'.repeat(100 * 1024) }, 'query'],
      [{ query: '   ' }, 'query'],
      [{ query: 'fever', topK: 0 }, 'topK'],
      [{ query: 'fever', topK: 10_000 }, 'topK'],
      [{ query: 'fever', filters: { bloodType: 'A' } }, 'filters'],
      [{ query: 'fever', filters: { ageMin: 70, ageMax: 20 } }, 'filters.ageMin'],
      [{ query: 'fever', filters: { sex: 'X' } }, 'filters.sex'],
      [{ query: 'fever', patient: { age: 200 } }, 'patient.age'],
    ];
    for (const [body, field] of cases400) {
      const res = await search(body);
      expect(res.status).toBe(400);
      const error = (res.body as unknown as { error: { code: string; details: { field: string }[] } }).error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.map((d) => d.field)).toContain(field);
    }
  });

  it('needs the service token', async () => {
    expect((await embedder.call('POST', '/v1/search', { query: 'fever' }, {})).status).toBe(401);
    expect(
      (await embedder.call('GET', `/v1/cases/${cases[0]!.caseId}`, undefined, { authorization: 'Bearer wrong-token-wrong-token-x' }))
        .status,
    ).toBe(401);
  });

  it('returns the full case, and 404 for an unknown one', async () => {
    const res = await embedder.call<{ caseId: string; text: string; corpusVersion: string }>(
      'GET',
      `/v1/cases/${encodeURIComponent(cases[3]!.caseId)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId: cases[3]!.caseId, text: cases[3]!.text, title: cases[3]!.title, sex: cases[3]!.sex });
    const missing = await embedder.call<{ error: { code: string } }>('GET', '/v1/cases/no-such-case');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CASE_NOT_FOUND');
  });

  it('exports score histograms and counts low-confidence searches', async () => {
    const before = await (await fetch(embedder.metricsUrl)).text();
    const nothing = await search({ query: 'zzzqqq unknownword' });
    expect(nothing.body.results).toEqual([]);
    await search({ query: COVID_QUERY });
    const after = await (await fetch(embedder.metricsUrl)).text();
    const value = (text: string, name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(value(after, 'retrieval_low_confidence_total')).toBe(value(before, 'retrieval_low_confidence_total') + 1);
    expect(value(after, 'retrieval_top1_score_count')).toBe(value(before, 'retrieval_top1_score_count') + 1);
    expect(value(after, 'retrieval_topk_score_count')).toBeGreaterThan(value(before, 'retrieval_topk_score_count'));
  });

  it('builds a new version beside the active one and switches atomically: searches during the build see the old version whole, then the new one', async () => {
    const extra = sampleCases().slice(300, 400);
    await stageCases(embedder.database, extra, 'job-2');
    // A staged case is not searchable and not readable.
    expect((await embedder.call('GET', `/v1/cases/${encodeURIComponent(extra[0]!.caseId)}`)).status).toBe(404);
    const probe = { query: `${extra[0]!.title}. ${extra[0]!.text.slice(0, 300)}`, topK: 100 };
    const seen: { version: string | undefined; count: number; hasNew: boolean }[] = [];
    let building = true;
    const build = embedder.indexer.buildAndActivate({ promoteJobIds: ['job-2'] }).finally(() => {
      building = false;
    });
    while (building) {
      const res = await search(probe);
      expect(res.status).toBe(200);
      seen.push({
        version: res.body.corpusVersion,
        count: res.body.results.length,
        hasNew: res.body.results.some((r) => r.caseId === extra[0]!.caseId),
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = await build;
    expect(result).toMatchObject({ indexed: 400, indexedFromJobs: 100 });
    for (const s of seen) {
      expect([firstVersion, result.versionId]).toContain(s.version);
      // The old version never shows a new case; the new one is complete from its first answer.
      expect(s.hasNew).toBe(s.version === result.versionId);
    }
    const after = searchResponseSchema.parse((await search(probe)).body);
    expect(after.corpusVersion).toBe(result.versionId);
    expect(after.results[0]!.caseId).toBe(extra[0]!.caseId);
    const versions = (await embedder.call<{ versions: { id: string; state: string; caseCount: number }[] }>('GET', '/v1/corpus/versions'))
      .body.versions;
    expect(versions.find((v) => v.id === result.versionId)).toMatchObject({ state: 'active', caseCount: 400 });
    expect(versions.find((v) => v.id === firstVersion)).toMatchObject({ state: 'retired' });
    const states = await embedder.database.db.selectFrom('case_record').select(['state']).where('job_id', '=', 'job-2').execute();
    expect(states.every((s) => s.state === 'live')).toBe(true);
  });

  it('refuses to activate a version built on a base that is no longer active', async () => {
    const repository = embedder.app.get(CorpusRepository);
    await repository.createBuilding('stale-build', 'lancedb', 'test');
    await expect(
      repository.activate({
        versionId: 'stale-build',
        basedOn: { id: firstVersion, caseCount: 300 },
        promoteJobIds: [],
        promotedCount: 0,
        caseCount: 1,
        buildMs: {},
      }),
    ).rejects.toBeInstanceOf(CorpusConflictError);
    expect((await repository.listVersions()).filter((v) => v.state === 'active')).toHaveLength(1);
    await repository.markFailed('stale-build', 'its base was no longer active');
  });

  it('keeps serving the version it has, degraded, when the active version is not available on this replica', async () => {
    const repository = embedder.app.get(CorpusRepository);
    const { id: served, case_count: servedCases } = (await repository.listVersions()).find((v) => v.state === 'active')!;
    // Another replica activated a version this one never built (its LanceDB table and models are elsewhere).
    await repository.createBuilding('built-elsewhere', 'lancedb', 'test');
    await repository.activate({
      versionId: 'built-elsewhere',
      basedOn: { id: served, caseCount: servedCases },
      promoteJobIds: [],
      promotedCount: 0,
      caseCount: 1,
      buildMs: {},
    });
    await new Promise((r) => setTimeout(r, 1100));
    const res = await search({ query: COVID_QUERY, topK: 3 });
    expect(res.status).toBe(200);
    expect(res.body.corpusVersion).toBe(served);
    expect(res.body.results).toHaveLength(3);
    expect(res.body.degraded).toBe(true);
    expect(res.body.degradedReason).toMatch(/built-elsewhere is active but not available on this replica/);
  });
});
