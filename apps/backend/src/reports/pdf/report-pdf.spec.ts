import { describe, expect, it } from '@jest/globals';
import { type CitedCase, REPORT_DISCLAIMER, REPORT_SECTION_TITLES, type Report, type ReportSectionKey } from '@patientinsight/shared';
import { PDFParse } from 'pdf-parse';
import { replay } from '../../intake/intake-flow.js';
import { composeOfflineReport } from '../offline-composer.js';
import { currentCaseText } from '../summary-text.js';
import { type ReportPdfInput, renderReportPdf } from './report-pdf.js';

const summary = replay(
  [
    {
      role: 'patient',
      text: 'My right knee hurts going down stairs since Saturday morning after an 8 mile run, worse on stairs',
      field: 'chiefComplaint',
      at: '2026-12-01T00:00:00Z',
    },
  ],
  { age: 35, sex: 'F', conditions: [], medications: [], allergies: [] },
).summary;
const kase = (caseId: string, title: string, pmid: string | null): CitedCase => ({
  caseId,
  pmid,
  pubmedUrl: pmid ? `https://pubmed.ncbi.nlm.nih.gov/${pmid}/` : null,
  title,
  age: 30,
  sex: 'F',
  snippet: 'A runner had anterior knee pain on stairs. MRI showed patellar cartilage thinning.',
  score: 0.5,
  rank: 1,
  scores: { lexical: 108.9, dense: 0.45, fused: 0.03 },
  matchedTerms: ['knee'],
  cited: true,
});
const cases = [
  kase('6005892-1', 'Patellofemoral pain in a long-distance runner', '6005892'),
  kase('7001-2', 'Iliotibial band syndrome after a marathon', null),
];
const offline = composeOfflineReport(
  summary,
  cases.map((c) => ({ caseId: c.caseId, title: c.title, age: c.age, sex: 'F', snippet: c.snippet, matchedTerms: c.matchedTerms })),
);
const section = (key: ReportSectionKey) => {
  const title = REPORT_SECTION_TITLES[key];
  return { key, title, text: (offline.split(`## ${title}\n`)[1] ?? '').split('\n\n## ')[0]?.trim() ?? '' };
};
const report: Report = {
  encounterId: '0b7a4c55-2f31-4c1e-9a8e-2b3a4f5d6e7f',
  summary,
  cases,
  sections: [section('currentCase'), section('similarCases'), section('suggestedApproach')],
  validation: [],
  provenance: {
    generatedBy: { kind: 'offline', label: 'written without a language model', model: null, fallbackReason: null },
    provider: 'offline',
    promptVersion: 'v7',
    corpusVersion: 'fixture-1',
    retrieval: { query: 'knee pain', topK: 5, filters: { ageMin: 20, ageMax: 50 }, degraded: false },
    tokensIn: null,
    tokensOut: null,
    costUsd: null,
    timeToFirstTokenMs: null,
    totalMs: 12,
  },
  disclaimer: REPORT_DISCLAIMER,
  createdAt: '2026-12-01T00:00:00Z',
};
const input = (audience: 'patient' | 'doctor'): ReportPdfInput => ({
  audience,
  encounterId: report.encounterId,
  report,
  patientName: 'Kim Runner',
  prescriberName: 'Dr Ada Lovelace',
  doctorMessage: 'Your knee sounds like runner’s knee. Rest it for a week.',
  doctorNotes: 'Ice after walking.',
  nextSteps: ['Book a physiotherapy appointment', 'Come back if it swells'],
  prescription: [
    {
      medication: 'Ibuprofen',
      dose: '400 mg',
      route: 'oral',
      frequency: 'three times daily',
      duration: '5 days',
      instructions: 'with food',
    },
  ],
  sharedCases: cases.filter((c) => c.caseId === '6005892-1'),
  releasedAt: new Date('2026-12-06T10:00:00Z'),
});

async function text(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** Positions of each string in the text (all must be present), to check the order. */
const order = (body: string, parts: string[]) =>
  parts.map((p) => {
    const at = body.indexOf(p);
    if (at < 0) throw new Error(`missing from the PDF: ${p}`);
    return at;
  });

describe('report PDF', () => {
  it('doctor’s copy: names and date, message and prescription first, the summary once, numbered citations with titles and PubMed links, no JSON', async () => {
    const body = await text(await renderReportPdf(input('doctor')));
    const at = order(body, [
      'Patient: Kim Runner',
      'Doctor: Dr Ada Lovelace',
      'Date: 6 December 2026',
      'Message from your doctor',
      'runner’s knee',
      'Prescription',
      'Ibuprofen 400 mg, oral, three times daily, for 5 days — with food',
      'Notes from your doctor',
      'Next steps',
      'Book a physiotherapy appointment',
      'Current case',
      '35-year-old woman presenting with right knee pain.',
      'Cited published cases',
      '[1] Patellofemoral pain in a long-distance runner',
      'PubMed: https://pubmed.ncbi.nlm.nih.gov/6005892/',
      '[2] Iliotibial band syndrome after a marathon',
      'No PubMed article linked',
    ]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(body.split('presenting with right knee pain').length - 1).toBe(1);
    expect(body).not.toMatch(/\[case:|[{}]|"ageMin"|108\.9/);
    expect(body).toContain('among patients aged 20–50');
    expect(body).toMatch(/\[1\]/);
  });

  it('patient’s copy: only what the patient view holds — no clinician sections, only the shared case', async () => {
    const body = await text(await renderReportPdf(input('patient')));
    const at = order(body, [
      'Patient: Kim Runner',
      'Doctor: Dr Ada Lovelace',
      'Message from your doctor',
      'Prescription',
      'Prescribed by Dr Ada Lovelace on 6 December 2026',
      'Published cases your doctor shared with you',
      '[1] Patellofemoral pain in a long-distance runner',
      'In an emergency call your local emergency number.',
    ]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(body).not.toContain(currentCaseText(summary).split('\n')[0]!);
    expect(body).not.toMatch(/Suggested approach|Iliotibial|Prompt version/);
  });

  it('released without a report: both copies print what the doctor wrote, the doctor’s says there is no report', async () => {
    const patient = await text(await renderReportPdf({ ...input('patient'), report: null, sharedCases: [] }));
    const at = order(patient, [
      'Patient: Kim Runner',
      `Reference: ${report.encounterId}`,
      'Message from your doctor',
      'runner’s knee',
      'Ibuprofen 400 mg',
      'Notes from your doctor',
      'Ice after walking.',
      'Next steps',
      'Come back if it swells',
    ]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(patient).not.toMatch(/Published cases|\[1\]/);
    const doctor = await text(await renderReportPdf({ ...input('doctor'), report: null }));
    expect(doctor).toContain('Released without a report');
    expect(doctor).toContain('Ibuprofen 400 mg');
    expect(doctor).not.toMatch(/Current case|Cited published cases|Prompt version/);
  });
});
