import {
  type EncounterDetail,
  encounterDetailSchema,
  type Answer,
  answerSchema,
  type IngestionJob,
  type IngestionReport,
  ingestionJobSchema,
  ingestionReportSchema,
  type IntakeState,
  intakeStateSchema,
  type RejectionPage,
  type Report,
  rejectionPageSchema,
  reportSchema,
} from '@patientinsight/shared';
import type { z } from 'zod';

/** Every fixture goes through the shared contract, so a test cannot drift from what the backend sends. */
export const checked = <S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> => schema.parse(value);

const offline = { kind: 'offline' as const, label: 'generated without a language model', model: null, fallbackReason: null };
const emptySummary = {
  chiefComplaint: null,
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
  profile: { age: 54, sex: 'F' as const, conditions: [], medications: [], allergies: [] },
};

export function intakeState(overrides: Partial<IntakeState> = {}): IntakeState {
  return checked(intakeStateSchema, {
    encounterId: 'enc-1',
    status: 'in_progress',
    summary: emptySummary,
    conversation: [{ role: 'assistant', text: 'What brings you here today?', field: 'chiefComplaint', at: '2026-11-23T10:00:00.000Z' }],
    question: { field: 'chiefComplaint', text: 'What brings you here today?' },
    triage: { urgent: false, flags: [], guidance: null },
    generatedBy: offline,
    ...overrides,
  });
}

export const sampleCases = [
  {
    caseId: '7665777-1',
    pmid: '33492400',
    pubmedUrl: 'https://pubmed.ncbi.nlm.nih.gov/33492400/',
    title: 'Persistent cough and weight loss in a 55-year-old woman',
    age: 55,
    sex: 'F' as const,
    snippet: 'A 55-year-old woman presented with a three-month history of dry cough…',
    score: 0.031,
    rank: 1,
    scores: { lexical: 12.4, dense: 0.71, fused: 0.031 },
    matchedTerms: ['cough', 'weight loss'],
    cited: true,
  },
  {
    caseId: '6114123-2',
    pmid: null,
    pubmedUrl: null,
    title: 'Chronic cough after viral infection',
    age: 48,
    sex: 'M' as const,
    snippet: 'A 48-year-old man with a cough lasting ten weeks…',
    score: 0.027,
    rank: 2,
    scores: { lexical: 9.1, fused: 0.027 },
    matchedTerms: ['cough'],
    cited: false,
  },
];

export function report(overrides: Partial<Report> = {}): Report {
  return checked(reportSchema, {
    encounterId: 'enc-1',
    summary: {
      ...emptySummary,
      chiefComplaint: 'Cough for three months',
      hpi: { ...emptySummary.hpi, onset: 'three months ago', severity: 4, associatedSymptoms: ['weight loss'] },
    },
    cases: sampleCases,
    sections: [
      { key: 'currentCase', title: 'Current case', text: 'A 54-year-old woman reports a dry cough for three months with weight loss.' },
      {
        key: 'similarCases',
        title: 'Analysis of similar cases',
        text: 'A similar presentation led to a diagnostic work-up for malignancy [case:7665777-1].',
      },
      { key: 'suggestedApproach', title: 'Suggested approach', text: 'Consider a chest X-ray and review of medications.' },
    ],
    validation: [],
    provenance: {
      generatedBy: offline,
      provider: 'offline',
      promptVersion: 'report-v1',
      corpusVersion: 'corpus-1',
      retrieval: { query: 'cough weight loss', topK: 5, filters: null, degraded: false },
      tokensIn: null,
      tokensOut: null,
      costUsd: null,
      timeToFirstTokenMs: 12,
      totalMs: 40,
    },
    disclaimer:
      'Clinical decision support only. This report summarises published cases similar to the patient’s account; it is not a diagnosis.',
    createdAt: '2026-11-23T10:05:00.000Z',
    ...overrides,
  });
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return checked(answerSchema, {
    encounterId: 'enc-1',
    question: 'Should I worry about the weight loss?',
    answer: 'Weight loss with a long cough was investigated further in a similar case [case:7665777-1].',
    citations: ['7665777-1'],
    sources: ['report', 'cases'],
    generatedBy: offline,
    askedBy: 'patient',
    createdAt: '2026-11-23T10:10:00.000Z',
    ...overrides,
  });
}

export function ingestionJob(overrides: Partial<IngestionJob> = {}): IngestionJob {
  return checked(ingestionJobSchema, {
    id: 'job-1',
    state: 'running',
    phase: 'ingest',
    source: { kind: 'upload', uri: 'upload://cases.csv', format: 'csv', filename: 'cases.csv' },
    columnMapping: null,
    counters: { read: 400, accepted: 380, rejected: 15, duplicate: 5, indexed: 0 },
    throughput: { rowsPerSecond: 200, elapsedMs: 2000 },
    stageDurationsMs: { parse: 300, validate: 120 },
    rejections: [],
    drift: null,
    decision: null,
    corpusVersion: null,
    error: null,
    attempts: 1,
    cancelRequested: false,
    createdAt: '2026-11-23T10:00:00.000Z',
    startedAt: '2026-11-23T10:00:01.000Z',
    finishedAt: null,
    ...overrides,
  });
}

export function rejectionPage(_after: number, rows: number[], nextAfter: number | null, total = 15): RejectionPage {
  return checked(rejectionPageSchema, {
    jobId: 'job-1',
    total,
    rejections: rows.map((row) => ({
      row,
      line: row + 1,
      caseId: `case-${row}`,
      outcome: 'rejected' as const,
      field: row % 2 ? 'age' : 'text',
      reason: row % 2 ? 'age 300 is outside 0–120' : 'text is missing',
    })),
    nextAfter,
  });
}

export function ingestionReport(overrides: Partial<IngestionReport> = {}): IngestionReport {
  const profile = (shift: number) => ({
    cases: 380,
    age: {
      count: 380,
      mean: 45 + shift,
      std: 15,
      min: 1,
      max: 90,
      quantiles: { p05: 10, p25: 30, p50: 45, p75: 60, p95: 80 },
      histogram: [0, 20, 40, 60, 80].map((from) => ({ from: from + shift, to: from + 20 + shift, count: 50 + from })),
    },
    sex: { F: 200 - shift * 10, M: 180 + shift * 10, femaleShare: (200 - shift * 10) / 380 },
    textLength: { count: 380, mean: 2500, std: 800, min: 120, max: 9000, quantiles: null },
    missingRates: { text: 0.01, age: 0.02 },
  });
  return checked(ingestionReportSchema, {
    jobId: 'job-1',
    state: 'succeeded',
    counters: { read: 400, accepted: 380, rejected: 15, duplicate: 5, indexed: 380 },
    stageDurationsMs: { parse: 300, validate: 120, embed: 900, index: 400 },
    profile: profile(0),
    reference: profile(2),
    drift: {
      verdict: 'within_threshold',
      threshold: 0.15,
      ksStatistic: 0.05,
      ksPValue: 0.62,
      meanAgeShift: 0.04,
      sexRatioShift: 0.01,
      sexRatioPValue: 0.8,
      minBatch: 100,
      belowMinBatch: false,
      exceeded: [],
    },
    gate: { enabled: true, held: false },
    decision: null,
    ...overrides,
  });
}

export function encounterDetail(overrides: Partial<EncounterDetail> = {}): EncounterDetail {
  return checked(encounterDetailSchema, {
    id: 'enc-1',
    status: 'in_review',
    urgent: false,
    chiefComplaint: 'Cough for three months',
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:06:00.000Z',
    submittedAt: '2026-11-23T10:05:00.000Z',
    releasedAt: null,
    patientId: 'patient-1',
    conversation: [],
    summary: null,
    triage: null,
    report: report(),
    reportMeta: null,
    profile: null,
    profileVersion: 1,
    claimedBy: 'doctor-1',
    claimedAt: '2026-11-23T10:06:00.000Z',
    doctorNotes: null,
    prescription: null,
    returnReason: null,
    revision: 3,
    ...overrides,
  });
}
