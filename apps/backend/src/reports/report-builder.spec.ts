import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { CITATION_PATTERN, EmbedderClient, type IntakeSummary, OFFLINE_LABEL, type ReportStreamEvent } from '@patientinsight/shared';
import { Registry } from 'prom-client';
import { llmConfigShape, type LlmConfig } from '../llm/llm.config.js';
import { TextGenerator } from '../llm/text-generator.js';
import { createRunner } from '../llm/llm.module.js';
import { LlmMetrics } from '../llm/llm-metrics.js';
import { FakeOpenAiServer } from '../../test/support/fake-openai-server.ts';
import { FakeSageMakerServer } from '../../test/support/fake-sagemaker-server.ts';
import { z } from 'zod';
import { NO_CLOSE_CASE } from '../retrieval/similar-cases.js';
import { MlflowTracker } from './mlflow-tracker.js';
import { ReportBuilder } from './report-builder.js';
import { ReportMetrics } from './report-metrics.js';
import { type ReportsConfig, reportsConfigShape } from './reports.config.js';
import { FakeEmbedderServer } from '../../test/support/fake-embedder-server.ts';

const TOKEN = 'service-token-for-tests-0123';
const CHEST_PAIN_SUMMARY: IntakeSummary = {
  chiefComplaint: 'sharp chest pain for two weeks',
  hpi: {
    onset: 'two weeks ago, after a cold',
    character: 'sharp, stabbing',
    location: 'centre of the chest',
    severity: 5,
    pattern: 'worse at night',
    aggravating: 'lying flat and deep breaths',
    relieving: 'sitting forward',
    associatedSymptoms: ['low-grade fever'],
  },
  context: 'Jane Roe works as a teacher, contact jane.roe@example.org',
  redFlags: [],
  profile: { age: 54, sex: 'F', conditions: ['hypertension'], medications: ['amlodipine'], allergies: [] },
};

function config(overrides: Record<string, string>): LlmConfig & ReportsConfig {
  // REPORT_MIN_RELEVANCE 0 unless a test sets it: the fake embedder's word-overlap scores are not on the fused scale the calibration was fitted on.
  return z.object({ ...llmConfigShape, ...reportsConfigShape }).parse({
    LLM_RETRIES: '0',
    // Generous for the model that answers (a loaded CI machine once took longer than 400 ms to the first SageMaker
    // token); the tests of a model that hangs set their own short timeouts.
    LLM_FIRST_TOKEN_TIMEOUT_MS: '5000',
    LLM_IDLE_TIMEOUT_MS: '5000',
    LLM_BACKOFF_MS: '5',
    REPORT_MIN_RELEVANCE: '0',
    ...overrides,
  });
}

describe('ReportBuilder (fake embedder speaking the search contract; fake model servers)', () => {
  const embedder = new FakeEmbedderServer({ serviceToken: TOKEN });
  const openai = new FakeOpenAiServer();
  const tgi = new FakeSageMakerServer('tgi');
  const lmi = new FakeSageMakerServer('lmi');
  let embedderUrl: string;
  let openaiUrl: string;
  let tgiUrl: string;
  let lmiUrl: string;
  beforeAll(async () => {
    [embedderUrl, openaiUrl, tgiUrl, lmiUrl] = await Promise.all([embedder.start(), openai.start(), tgi.start(), lmi.start()]);
  });
  afterAll(() => Promise.all([embedder.stop(), openai.stop(), tgi.stop(), lmi.stop()]));
  beforeEach(() => {
    openai.options = {};
    tgi.options = {};
  });

  const builder = (overrides: Record<string, string>) => {
    const registry = new Registry();
    const metrics = new LlmMetrics(registry);
    const cfg = config(overrides);
    const client = new EmbedderClient({ baseUrl: embedderUrl, serviceToken: TOKEN, timeoutMs: 2_000 });
    return {
      registry,
      builder: new ReportBuilder(client, new TextGenerator(createRunner(cfg, metrics), cfg, metrics), cfg, new MlflowTracker(cfg)),
    };
  };
  const run = async (b: ReportBuilder, summary = CHEST_PAIN_SUMMARY) => {
    const events: ReportStreamEvent[] = [];
    const report = await b.build({ encounterId: 'enc-1', summary, knownNames: ['Jane Roe'] }, (e) => events.push(e));
    return { report, events };
  };
  const citedIds = (text: string) => [...text.matchAll(CITATION_PATTERN)].map((m) => m[1]!);

  it('offline: a labelled three-section report citing at least three retrieved cases, streamed as meta, deltas, done', async () => {
    const { registry, builder: b } = builder({});
    const { report, events } = await run(b);
    expect(events[0]?.type).toBe('meta');
    expect(events.at(-1)?.type).toBe('done');
    expect(events.filter((e) => e.type === 'delta').length).toBeGreaterThan(3);
    expect(report.provenance.generatedBy).toEqual({ kind: 'offline', label: OFFLINE_LABEL, model: null, fallbackReason: null });
    expect(report.sections.map((s) => s.key)).toEqual(['currentCase', 'similarCases', 'suggestedApproach']);
    const retrieved = new Set(report.cases.map((c) => c.caseId));
    const cited = citedIds(report.sections.map((s) => s.text).join('\n'));
    expect(new Set(cited).size).toBeGreaterThanOrEqual(3);
    for (const id of cited) expect(retrieved).toContain(id);
    expect(report.cases[0]?.matchedTerms.length).toBeGreaterThan(0);
    expect(report.provenance).toMatchObject({
      provider: 'offline',
      corpusVersion: 'fixture-1',
      retrieval: { topK: 5, filters: { ageMin: 24, ageMax: 84 } },
    });
    expect(report.validation).toEqual([]);
    // Twice the cases a report cites are ranked, so the relevance gate can pass over weak ones; age and sex go as data.
    expect(embedder.searches.at(-1)).toMatchObject({ topK: 10, filters: { ageMin: 24, ageMax: 84 }, patient: { age: 54, sex: 'F' } });
    for (const c of report.cases) expect(c.matchedConcepts?.length).toBeGreaterThan(0);
    expect(await registry.metrics()).toMatch(
      /llm_time_to_first_token_seconds_count\{provider="offline",model="offline-composer",task="report"\} 1/,
    );
  });

  it('OpenAI-compatible model: masked prompt leaves, restored report comes back, provenance names the model', async () => {
    const { builder: b } = builder({
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openaiUrl,
      LLM_MODEL: 'gpt-4o',
      LLM_PRICE_IN_PER_1K_USD: '0.0025',
      LLM_PRICE_OUT_PER_1K_USD: '0.01',
    });
    const { report } = await run(b);
    const sent = JSON.stringify(openai.calls.at(-1)!.body);
    for (const secret of ['Jane', 'Roe', 'jane.roe@example.org']) expect(sent).not.toContain(secret);
    expect(sent).toContain('[NAME_1]');
    expect(report.sections[0]!.text).toContain('Jane Roe'); // the model wrote [NAME_1]; the user sees the name
    expect(report.provenance).toMatchObject({
      provider: 'openai',
      promptVersion: 'report-v1',
      generatedBy: { kind: 'model', model: 'gpt-4o' },
    });
    expect(report.provenance.costUsd).toBeGreaterThan(0);
    expect(report.cases.filter((c) => c.cited).length).toBeGreaterThanOrEqual(3);
  });

  it('SageMaker TGI with streaming: the same flow through the event-stream protocol', async () => {
    const { builder: b } = builder({
      LLM_PROVIDER: 'sagemaker',
      SAGEMAKER_ENDPOINT_NAME: 'openbiollm',
      SAGEMAKER_ENDPOINT_URL: tgiUrl,
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    const { report, events } = await run(b);
    expect(report.provenance.provider).toBe('sagemaker-tgi');
    expect(events.filter((e) => e.type === 'delta').length).toBeGreaterThan(10);
    expect(tgi.calls.at(-1)!.path).toBe('/endpoints/openbiollm/invocations-response-stream');
    expect(report.cases.filter((c) => c.cited).length).toBeGreaterThanOrEqual(3);
  });

  it('SageMaker LMI container (OpenAI chat schema) with streaming', async () => {
    const { builder: b } = builder({
      LLM_PROVIDER: 'sagemaker',
      SAGEMAKER_CONTAINER: 'lmi',
      SAGEMAKER_ENDPOINT_NAME: 'lmi-ep',
      SAGEMAKER_ENDPOINT_URL: lmiUrl,
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    const { report } = await run(b);
    expect(report.provenance.provider).toBe('sagemaker-lmi');
    expect(report.provenance.tokensOut).toBeGreaterThan(0);
    expect(lmi.calls.at(-1)!.body).toMatchObject({ stream: true, max_tokens: 900 });
    expect(report.cases.filter((c) => c.cited).length).toBeGreaterThanOrEqual(3);
  });

  it('repairs a model output with a made-up citation, an uncited claim and a certain diagnosis', async () => {
    openai.options = { style: 'bad-citations' };
    const { builder: b } = builder({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openaiUrl });
    const { report } = await run(b);
    const text = report.sections.map((s) => s.text).join('\n');
    expect(text).not.toContain('NOT-RETRIEVED');
    expect(text).not.toMatch(/definitely|diagnosis is/);
    expect(new Set(report.validation.map((v) => v.kind))).toEqual(
      new Set(['unknown_citation_removed', 'uncited_case_claim_removed', 'certain_diagnosis_softened']),
    );
  });

  it.each([
    ['hangs', { behaviour: 'hang' as const }, 'did not answer in time'],
    ['returns 5xx', { behaviour: 'error-500' as const }, 'returned an error'],
    ['returns malformed output', { behaviour: 'malformed' as const }, 'could not read'],
    ['returns text without sections', { style: 'no-sections' as const }, 'could not read'],
  ])('model %s → the labelled offline report, with the fallback shown', async (_name, options, reason) => {
    openai.options = options;
    const { registry, builder: b } = builder({
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openaiUrl,
      LLM_FIRST_TOKEN_TIMEOUT_MS: '400',
      LLM_IDLE_TIMEOUT_MS: '400',
    });
    const { report, events } = await run(b);
    const fallback = events.find((e) => e.type === 'fallback');
    expect(fallback).toMatchObject({ type: 'fallback', generatedBy: { kind: 'offline', label: OFFLINE_LABEL } });
    expect(report.provenance.generatedBy.fallbackReason).toContain(reason);
    expect(report.provenance.provider).toBe('offline');
    expect(report.cases.filter((c) => c.cited).length).toBeGreaterThanOrEqual(3);
    expect(await registry.metrics()).toMatch(/llm_fallbacks_total\{task="report",reason="[a-z_]+"\} 1/);
  });

  it('never calls the model for a summary with a red flag', async () => {
    const { builder: b } = builder({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openaiUrl });
    const before = openai.calls.length;
    const urgent = {
      ...CHEST_PAIN_SUMMARY,
      hpi: { ...CHEST_PAIN_SUMMARY.hpi, associatedSymptoms: ['pain spreading to my left arm', 'sweating'] },
    };
    await expect(run(b, urgent)).rejects.toMatchObject({ code: 'ENCOUNTER_URGENT', status: 409 });
    expect(openai.calls.length).toBe(before);
  });

  const lay = (chiefComplaint: string, age = 27): IntakeSummary => ({
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
  });

  it('cites only retrieved cases that share a clinical concept with the patient, and says what it searched for', async () => {
    const { builder: b } = builder({});
    const { report } = await run(b, lay('A throbbing headache on one side, with flashing zigzag lines before it starts'));
    const retrieval = report.provenance.retrieval;
    expect(retrieval.searchedFor).toEqual(expect.arrayContaining(['headache', 'visual disturbance']));
    expect(retrieval.query).not.toMatch(/throbbing|zigzag/);
    // The chest-pain cases share only "pain" with her: retrieved, held back, never listed or cited.
    expect(retrieval.withheld).toBeGreaterThan(0);
    expect(report.cases.map((c) => c.caseId)).toEqual(['3210987-1']);
    expect(report.cases[0]!.matchedConcepts).toEqual(expect.arrayContaining(['headache']));
    const cited = new Set(citedIds(report.sections.map((s) => s.text).join('\n')));
    expect([...cited]).toEqual(['3210987-1']);
    expect(retrieval.noCloseCase).toBe(false);
  });

  it('shows the calibrated probability of relevance per case and holds back cases under the configured floor', async () => {
    const migraine = lay('A throbbing headache on one side, with flashing zigzag lines before it starts');
    const open = (await run(builder({}).builder, migraine)).report;
    const relevance = open.cases[0]!.relevance!;
    expect(relevance).toBeGreaterThan(0);
    expect(relevance).toBeLessThan(1);
    expect(open.provenance.retrieval.minRelevance).toBe(0);
    const strict = (await run(builder({ REPORT_MIN_RELEVANCE: String(Math.min(1, relevance + 0.01)) }).builder, migraine)).report;
    expect(strict.cases).toEqual([]);
    expect(strict.provenance.retrieval).toMatchObject({ noCloseCase: true });
    expect(strict.sections[1]!.text).toBe(NO_CLOSE_CASE);
  });

  it('says no sufficiently similar published case instead of citing weak ones, without calling the model', async () => {
    const { builder: b } = builder({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openaiUrl });
    const calls = openai.calls.length;
    const { report, events } = await run(b, lay('I have been running a lot lately and I take ibuprofen for it', 50));
    // The search found cases (one shares "exertion"), but none shares a finding, site or condition.
    expect(embedder.searches.length).toBeGreaterThan(0);
    expect(report.provenance.retrieval).toMatchObject({ noCloseCase: true });
    expect(report.provenance.retrieval.withheld).toBeGreaterThan(0);
    expect(report.cases).toEqual([]);
    expect(report.sections.map((s) => s.key)).toEqual(['currentCase', 'similarCases', 'suggestedApproach']);
    expect(report.sections[1]!.text).toBe(NO_CLOSE_CASE);
    expect(report.sections.map((s) => s.text).join('\n')).not.toContain('[case:');
    expect(report.provenance.generatedBy.kind).toBe('offline');
    expect(openai.calls.length).toBe(calls);
    expect(events.at(-1)?.type).toBe('done');
  });

  it("records the best cited case's calibrated probability per report, and each report with no close case", async () => {
    const registry = new Registry();
    const cfg = config({});
    const llm = new LlmMetrics(registry);
    const client = new EmbedderClient({ baseUrl: embedderUrl, serviceToken: TOKEN, timeoutMs: 2_000 });
    const metrics = new ReportMetrics(registry);
    const b = new ReportBuilder(client, new TextGenerator(null, cfg, llm), cfg, new MlflowTracker(cfg), metrics);
    const { report } = await run(b);
    const best = Math.max(...report.cases.map((c) => c.relevance!));
    await run(b, lay('I have been running a lot lately and I take ibuprofen for it', 50));
    await run(b, lay('I have been running a lot lately and I take ibuprofen for it', 50));
    const [histogram, counter] = await Promise.all([metrics.bestRelevance.get(), metrics.noCloseCase.get()]);
    const sum = histogram.values.find((v) => v.metricName === 'report_case_relevance_probability_sum')!.value;
    const count = histogram.values.find((v) => v.metricName === 'report_case_relevance_probability_count')!.value;
    expect(count).toBe(1);
    // Rounded to three decimals on the report, observed unrounded.
    expect(sum).toBeCloseTo(best, 2);
    expect(counter.values[0]!.value).toBe(2);
  });

  it('answers 503 RETRIEVAL_UNAVAILABLE when the embedder is down', async () => {
    const metrics = new LlmMetrics(new Registry());
    const cfg = config({});
    const b = new ReportBuilder(
      new EmbedderClient({ baseUrl: 'http://127.0.0.1:9', serviceToken: TOKEN, timeoutMs: 500 }),
      new TextGenerator(null, cfg, metrics),
      cfg,
      new MlflowTracker(cfg),
    );
    await expect(run(b)).rejects.toMatchObject({ code: 'RETRIEVAL_UNAVAILABLE', status: 503 });
  });
});
