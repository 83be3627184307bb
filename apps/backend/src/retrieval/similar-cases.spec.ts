import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CaseRecord, EmbedderClient, type IntakeSummary } from '@patientinsight/shared';
import { FakeEmbedderServer } from '../../test/support/fake-embedder-server.ts';
import { findSimilarCases } from './similar-cases.js';

const TOKEN = 'service-token-for-tests-0123';
const CASES: CaseRecord[] = [
  {
    caseId: 'knee-1',
    pmid: '1',
    title: 'Iliotibial band syndrome in a recreational runner',
    age: 34,
    sex: 'F',
    text: 'A 34-year-old woman had lateral knee pain and swelling after long runs. Physical examination showed tenderness over the lateral femoral epicondyle.',
    corpusVersion: 'v1',
  },
  {
    caseId: 'psych-1',
    pmid: '2',
    title: 'Overdose in a patient with schizophrenia',
    age: 36,
    sex: 'M',
    text: 'He said he had climbed the stairs that morning before the overdose. Physical examination was unremarkable apart from drowsiness.',
    corpusVersion: 'v1',
  },
  {
    caseId: 'chest-1',
    pmid: '3',
    title: 'Coronary spasm',
    age: 40,
    sex: 'F',
    text: 'She reported chest pain on exertion relieved by rest; coronary angiography showed vasospasm.',
    corpusVersion: 'v1',
  },
];

function summary(chiefComplaint: string, age: number | null = 35): IntakeSummary {
  return {
    chiefComplaint,
    hpi: {
      onset: null,
      character: null,
      location: null,
      severity: null,
      pattern: null,
      aggravating: null,
      relieving: null,
      associatedSymptoms: [],
    },
    context: null,
    redFlags: [],
    profile: { age, sex: 'F', conditions: [], medications: [], allergies: [] },
  };
}

describe('findSimilarCases (fake embedder speaking the search contract)', () => {
  const embedder = new FakeEmbedderServer({ serviceToken: TOKEN, cases: CASES });
  let client: EmbedderClient;
  beforeAll(async () => {
    client = new EmbedderClient({ baseUrl: await embedder.start(), serviceToken: TOKEN, timeoutMs: 2_000 });
  });
  afterAll(() => embedder.stop());

  it('cites only cases that share a finding, site or condition; weak and exposure-only matches are withheld', async () => {
    const out = await findSimilarCases(
      client,
      summary(
        'Like I said, my knee has been hurting since Saturday morning after a long run, it gets swollen. Going down the stairs is worse.',
      ),
      { topK: 5, ageWindow: 20 },
    );
    expect(out.plan.query).not.toMatch(/said|morning|stairs/);
    expect(out.ranking.map((r) => r.caseId)).toEqual(expect.arrayContaining(['knee-1', 'psych-1', 'chest-1']));
    expect(out.cited.map((c) => c.result.caseId)).toEqual(['knee-1']);
    expect(out.cited[0]!.matchedConcepts).toEqual(expect.arrayContaining(['knee pain', 'swelling']));
    const withheld = new Map(out.withheld.map((c) => [c.result.caseId, c]));
    expect(withheld.get('psych-1')).toMatchObject({ matchedConcepts: [], strongMatches: 0 });
    // The coronary case shares "exertion" and "pain" only.
    expect(withheld.get('chest-1')!.strongMatches).toBe(0);
    expect(out.noCloseCase).toBe(false);
    // Age and sex travel as data; the age filter is the profile's.
    expect(embedder.searches.at(-1)).toMatchObject({ patient: { age: 35, sex: 'F' }, filters: { ageMin: 15, ageMax: 55 } });
  });

  it('says there is no close case when nothing passes, and does not search for filler alone', async () => {
    const none = await findSimilarCases(client, summary('I get a ringing in my ears'), { topK: 5, ageWindow: 20 });
    expect(none).toMatchObject({ cited: [], noCloseCase: true });
    const searches = embedder.searches.length;
    const filler = await findSimilarCases(client, summary('Like I said, I told you already'), { topK: 5, ageWindow: 20 });
    expect(filler).toMatchObject({ response: null, cited: [], noCloseCase: true });
    expect(embedder.searches.length).toBe(searches);
  });

  it('with a calibration, a case with a matched concept but a probability under the floor is not cited', async () => {
    const flat = {
      features: ['fused', 'logRank', 'strong', 'coverage'],
      means: [0, 0, 0, 0],
      scales: [1, 1, 1, 1],
      weights: [0, 0, 0, 0],
      bias: -2,
      suggestedFloor: 0.5,
      fittedOn: 'test',
    };
    const text = 'my knee hurts after a long run and it is swollen';
    const low = await findSimilarCases(client, summary(text), { topK: 5, ageWindow: 20, calibration: flat, minRelevance: 0.5 });
    expect(low).toMatchObject({ cited: [], noCloseCase: true });
    expect(low.withheld.find((c) => c.result.caseId === 'knee-1')!.relevance).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
    const passes = await findSimilarCases(client, summary(text), { topK: 5, ageWindow: 20, calibration: flat, minRelevance: 0.1 });
    expect(passes.cited.map((c) => c.result.caseId)).toEqual(['knee-1']);
  });

  it('drops the age filter when it leaves fewer than 3 cases', async () => {
    await findSimilarCases(client, summary('knee pain and swelling', 90), { topK: 5, ageWindow: 5 });
    const [filtered, unfiltered] = embedder.searches.slice(-2) as { filters?: unknown }[];
    expect(filtered!.filters).toEqual({ ageMin: 85, ageMax: 95 });
    expect(unfiltered!.filters).toBeUndefined();
  });
});
