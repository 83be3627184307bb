/**
 * Similar cases that fit the patient, end to end: the real embedder (built, started as a process, the 1000
 * sample cases ingested through its API) behind the backend's HTTP API. Four patients answer the intake in
 * their own words; each report cites only cases that share a clinical concept with the patient (checked
 * against the case's full text from the embedder), or says no published case is close enough.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CITATION_PATTERN, intakeStateSchema, type Report, reportSchema, reportViewSchema } from '@patientinsight/shared';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { freePort, REPO_ROOT, SAMPLE_CSV, ServiceProcess } from '@patientinsight/testing';
import type { Registry } from 'prom-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportsService } from '../src/reports/reports.service.js';
import { NO_CLOSE_CASE } from '../src/retrieval/similar-cases.js';
import { createStaff, registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

jest.setTimeout(300_000);

const SERVICE_TOKEN = 'test-service-token-0123456789';

interface Story {
  name: string;
  profile: { age: number; sex: 'F' | 'M' };
  /** Answers to the open questions, by summary field; anything else asked is answered "no". */
  answers: Partial<Record<string, string>>;
  /** Every cited case's full text must contain one of these (the story's defining finding or site). */
  expected: RegExp;
}

const STORIES: Story[] = [
  {
    name: 'the knee story from issue 22 (a runner, conversational answers)',
    profile: { age: 35, sex: 'F' },
    answers: {
      chiefComplaint: 'Like I said, my right knee hurts, it started on Saturday morning about 8 miles into my long run',
      onset: 'Like I said, Saturday morning, about 8 miles in',
      character: 'Aching, sometimes sharp on the outside',
      location: 'Outside of my right knee',
      severity: '4',
      pattern: 'Comes and goes, worse after running',
      aggravating: 'Running and going down stairs',
      relieving: 'Rest and ice',
      associatedSymptoms: 'A bit of swelling',
      context: 'I am training for a marathon',
    },
    expected: /\bknees?\b/i,
  },
  {
    name: 'skin and eyes gone yellow',
    profile: { age: 58, sex: 'M' },
    answers: {
      chiefComplaint: 'My skin and eyes went yellow over the last two weeks',
      onset: 'Slowly over two weeks',
      character: 'Not painful, just yellow and itchy',
      location: 'All over, the whites of my eyes too',
      severity: '5',
      pattern: 'Getting worse',
      aggravating: 'Nothing',
      relieving: 'Nothing',
      associatedSymptoms: 'itching, dark pee, pale poo and I have lost weight',
      context: 'Nothing else',
    },
    expected: /jaundice|icter|bilirubin|yellow|cholesta|biliary|liver|hepat|pancrea|itch|prurit|weight/i,
  },
  {
    name: 'pins and needles in the feet',
    profile: { age: 61, sex: 'M' },
    answers: {
      chiefComplaint: 'Pins and needles and burning in both feet',
      onset: 'Gradually over several months',
      character: 'Burning and tingling',
      location: 'Both feet, creeping up to my ankles',
      severity: '5',
      pattern: 'Constant, worse at night',
      aggravating: 'Night time',
      relieving: 'Nothing really',
      associatedSymptoms: 'my feet feel numb',
      context: 'I have had sugar diabetes for ten years',
    },
    expected: /pares|tingl|numb|neuropath|sensory|feet|foot|diabet|burning/i,
  },
  {
    name: 'aching joints and a rash on the cheeks',
    profile: { age: 29, sex: 'F' },
    answers: {
      chiefComplaint: 'My joints ache and I have a red rash across my cheeks',
      onset: 'A couple of months ago, gradually',
      character: 'Aching and stiff',
      location: 'Fingers, wrists and knees',
      severity: '6',
      pattern: 'Stiff in the morning, comes and goes',
      aggravating: 'The rash gets worse in the sun',
      relieving: 'Warm showers',
      associatedSymptoms: 'tired all the time and mouth ulcers',
      context: 'Nothing else',
    },
    expected: /arthr|joint|rash|erythem|lupus|fatigue|ulcer|stiff|finger|wrist|knee|photosens|malar/i,
  },
];

/** Ingests the sample through the embedder's API; polls again when a pooled socket was reset while the index was built. */
async function ingestSample(url: string): Promise<string> {
  const headers = { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' };
  const res = await fetch(`${url}/v1/ingestions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ sourceUri: `file://${SAMPLE_CSV}`, format: 'csv' }),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const job = await fetch(`${url}/v1/ingestions/${id}`, { headers })
      .then((r) => r.json() as Promise<{ state: string }>)
      .catch(() => ({ state: 'polling' }));
    if (['succeeded', 'failed', 'cancelled', 'rejected', 'awaiting_approval'].includes(job.state)) return job.state;
  }
}

describe('similar cases that fit the patient (real embedder over the 1000 sample cases)', () => {
  let embedder: ServiceProcess;
  let embedderUrl: string;
  let dataDir: string;
  let t: TestApp;
  let doctor: SignedIn;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'similar-cases-e2e-'));
    const port = await freePort();
    embedderUrl = `http://127.0.0.1:${port}`;
    embedder = new ServiceProcess({
      cwd: join(REPO_ROOT, 'apps/embedder'),
      entry: 'dist/main.js',
      env: {
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        PORT: port,
        METRICS_PORT: await freePort(),
        DATA_DIR: join(dataDir, 'embedder'),
        SERVICE_TOKEN,
        LOCAL_SOURCE_ROOTS: join(REPO_ROOT, 'data'),
      },
    });
    await embedder.waitFor(`${embedderUrl}/readyz`);
    expect(await ingestSample(embedderUrl)).toBe('succeeded');
    t = await startTestApp('pglite', { EMBEDDER_URL: embedderUrl });
    doctor = await createStaff(t, 'doctor');
  });
  afterAll(async () => {
    await t?.close();
    await embedder?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function reportFor(story: Story): Promise<Report> {
    const patient = await registerPatient(t);
    expect((await t.http.put('/v1/profile').set('Authorization', patient.auth).send(story.profile)).status).toBe(200);
    const id = (await t.http.post('/v1/encounters').set('Authorization', patient.auth)).body.id as string;
    let state = intakeStateSchema.parse((await t.http.get(`/v1/encounters/${id}/intake`).set('Authorization', patient.auth)).body);
    for (let turn = 0; state.question && turn < 30; turn++) {
      const q = state.question;
      const text = q.kind === 'open' && q.field ? (story.answers[q.field] ?? 'skip') : 'no';
      const res = await t.http
        .post(`/v1/encounters/${id}/messages`)
        .set('Authorization', patient.auth)
        .send({ text, ...(q.id ? { questionId: q.id } : {}) });
      expect(res.status).toBe(200);
      state = intakeStateSchema.parse(res.body);
    }
    expect(state.status).toBe('complete');
    await t.app.get(ReportsService).idle(); // the intake generated the report when it completed
    expect((await t.http.post(`/v1/encounters/${id}/submit`).set('Authorization', patient.auth)).status).toBe(200);
    expect((await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', doctor.auth)).status).toBe(200);
    return reportSchema.parse(
      reportViewSchema.parse((await t.http.get(`/v1/encounters/${id}/report`).set('Authorization', doctor.auth)).body).report,
    );
  }

  async function caseText(caseId: string): Promise<string> {
    const res = await fetch(`${embedderUrl}/v1/cases/${encodeURIComponent(caseId)}`, {
      headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { title: string; text: string };
    return `${body.title}\n${body.text}`;
  }

  it.each(STORIES)('$name: cites only cases sharing a clinical concept, or says none is close enough', async (story) => {
    const report = await reportFor(story);
    const retrieval = report.provenance.retrieval;
    expect(retrieval.searchedFor?.length).toBeGreaterThan(0);
    // No conversational filler reaches the search.
    expect(retrieval.query).not.toMatch(/\b(?:said|saturday|morning|stairs|like)\b/i);
    const text = report.sections.map((s) => s.text).join('\n');
    const cited = [...new Set([...text.matchAll(CITATION_PATTERN)].map((m) => m[1]!))];
    if (retrieval.noCloseCase) {
      expect(cited).toEqual([]);
      expect(report.cases).toEqual([]);
      expect(report.sections[1]!.text).toBe(NO_CLOSE_CASE);
      return;
    }
    expect(cited.length).toBeGreaterThan(0);
    for (const caseId of cited) {
      const c = report.cases.find((x) => x.caseId === caseId);
      expect(c?.matchedConcepts?.length).toBeGreaterThan(0);
      // Checked on the case itself, not on what the backend says about it.
      expect(await caseText(caseId)).toMatch(story.expected);
    }
  });

  it('counts every report once in the retrieval-quality metrics: the best cited probability, or no close case', async () => {
    const registry = t.app.get<Registry>(METRICS_REGISTRY);
    const values = async (name: string) => (await registry.getSingleMetric(name)!.get()).values as { metricName?: string; value: number }[];
    const histogram = await values('report_case_relevance_probability');
    const cited = histogram.find((v) => v.metricName === 'report_case_relevance_probability_count')!.value;
    const sum = histogram.find((v) => v.metricName === 'report_case_relevance_probability_sum')!.value;
    const none = (await values('report_no_close_case_total'))[0]!.value;
    expect(cited + none).toBe(STORIES.length);
    expect(cited).toBeGreaterThan(0);
    // Probabilities: the sum of the best ones lies between 0 and their count.
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(cited);
  });
});
