import { CITATION_PATTERN, type PrescriptionItem, REPORT_DISCLAIMER, type Report, type SearchFilters } from '@patientinsight/shared';
import PDFDocument from 'pdfkit';

export interface ReportPdfInput {
  /** The patient's copy holds what the patient view holds (never the clinician report); the doctor's copy adds the report. */
  audience: 'patient' | 'doctor';
  encounterId: string;
  /** The clinician report, printed in the doctor's copy only; null when the answer was released without one. */
  report: Report | null;
  patientName: string | null;
  /** The doctor who released it (and wrote the prescription). */
  prescriberName: string | null;
  doctorMessage: string | null;
  doctorNotes: string | null;
  /** One plain step per entry (the patient view's next steps). */
  nextSteps: readonly string[];
  prescription: readonly PrescriptionItem[];
  /** The patient's copy: the cases the doctor shared (the patient view's, minus those rated not useful). */
  sharedCases: readonly { caseId: string; title: string; pubmedUrl: string | null }[];
  releasedAt: Date | null;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "patients aged 24–84, women": the retrieval filters in words (the PDF carries no raw JSON). */
function filtersInWords(filters: SearchFilters | null | undefined): string | null {
  if (!filters) return null;
  const parts: string[] = [];
  if (filters.ageMin !== undefined || filters.ageMax !== undefined)
    parts.push(`patients aged ${filters.ageMin ?? 0}–${filters.ageMax ?? 'any'}`);
  if (filters.sex) parts.push(filters.sex === 'F' ? 'women' : 'men');
  return parts.length ? parts.join(', ') : null;
}

const prescriptionLine = (item: PrescriptionItem) =>
  `${item.medication} ${item.dose}, ${item.route}, ${item.frequency}, for ${item.duration}${item.instructions ? ` — ${item.instructions}` : ''}`;

/**
 * The released encounter as a PDF. Header with patient, prescriber and date; the doctor's message, prescription,
 * notes and next steps first; then (doctor's copy) the report once with its citations numbered, or (patient's
 * copy) the cases the doctor shared; each case as title and PubMed link; the disclaimer and provenance in words.
 */
export function renderReportPdf(input: ReportPdfInput): Promise<Buffer> {
  const { report } = input;
  const doctor = input.audience === 'doctor';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: doctor ? 'PatientInsight clinical report' : 'Your doctor’s answer', Subject: 'PatientInsight' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3).font('Helvetica').fontSize(10.5);
  const date = input.releasedAt ? DATE.format(input.releasedAt) : 'not yet released';

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(doctor ? 'PatientInsight — clinical report' : 'PatientInsight — your doctor’s answer');
  doc.moveDown(0.4).font('Helvetica').fontSize(10.5);
  doc.text(`Patient: ${input.patientName ?? 'not recorded'}`);
  doc.text(`Doctor: ${input.prescriberName ?? 'not recorded'}`);
  doc.text(`Date: ${date}`);
  doc.fontSize(9).fillColor('#555').text(`Reference: ${input.encounterId}`).fillColor('black').fontSize(10.5);

  heading('Message from your doctor');
  doc.text(input.doctorMessage?.trim() || 'No message.');

  heading('Prescription');
  if (!input.prescription.length) doc.text('No medicines were prescribed.');
  else doc.text(`Prescribed by ${input.prescriberName ?? 'your doctor'} on ${date}:`);
  for (const item of input.prescription) doc.text(`• ${prescriptionLine(item)}`);

  if (input.doctorNotes?.trim()) {
    heading('Notes from your doctor');
    doc.text(input.doctorNotes.trim());
  }
  if (input.nextSteps.length) {
    heading('Next steps');
    for (const step of input.nextSteps) doc.text(`• ${step}`);
  }

  // Citations read "[1]" and point at the numbered list of cases below.
  const listed = doctor ? (report?.cases.filter((c) => c.cited) ?? []) : input.sharedCases;
  const number = new Map(listed.map((c, i) => [c.caseId, i + 1]));
  if (doctor && report) {
    for (const section of report.sections) {
      heading(section.title);
      doc.text(
        section.text
          .replace(new RegExp(CITATION_PATTERN.source, 'g'), (_, id: string) => (number.has(id) ? `[${number.get(id)}]` : ''))
          .replace(/[ \t]+\n/g, '\n'),
      );
    }
  }

  if (listed.length) {
    heading(doctor ? 'Cited published cases' : 'Published cases your doctor shared with you');
    for (const [i, c] of listed.entries()) {
      doc
        .font('Helvetica-Bold')
        .text(`[${i + 1}] `, { continued: true })
        .font('Helvetica')
        .text(c.title.replace(/[.\s]+$/, ''));
      if (c.pubmedUrl) doc.fillColor('#1a56db').text(`PubMed: ${c.pubmedUrl}`, { link: c.pubmedUrl, underline: true }).fillColor('black');
      else doc.fillColor('#444').text('No PubMed article linked').fillColor('black');
      doc.moveDown(0.3);
    }
  }

  heading('About this document');
  doc.fontSize(9.5).font('Helvetica-Oblique').text(REPORT_DISCLAIMER).font('Helvetica');
  if (!doctor) doc.text('In an emergency call your local emergency number.');
  if (doctor && !report)
    doc.moveDown(0.3).fontSize(9).text('Released without a report: only what the doctor wrote for the patient is printed.');
  if (doctor && report) {
    const p = report.provenance;
    const filters = filtersInWords(p.retrieval.filters);
    doc.moveDown(0.3).fontSize(9).fillColor('#444');
    doc.text(
      `Written by: ${p.generatedBy.model ?? p.generatedBy.label}. Prompt version ${p.promptVersion}; case collection ${p.corpusVersion ?? 'version not recorded'}.`,
    );
    doc.text(
      `Similar cases: the ${p.retrieval.topK} closest published cases were retrieved${filters ? ` among ${filters}` : ''}; ${listed.length} are cited above.`,
    );
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
