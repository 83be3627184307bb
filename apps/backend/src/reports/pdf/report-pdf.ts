import { REPORT_DISCLAIMER, type PrescriptionItem, type Report } from '@patientinsight/shared';
import PDFDocument from 'pdfkit';
import { summaryToSentences } from '../summary-text.js';

export interface ReportPdfInput {
  report: Report;
  doctorNotes: string | null;
  prescription: PrescriptionItem[] | null;
  releasedAt: Date | null;
}

/** The released report as a PDF: summary, report sections, cited cases with links, notes, prescription, disclaimer. */
export function renderReportPdf(input: ReportPdfInput): Promise<Buffer> {
  const { report } = input;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'PatientInsight report', Subject: `Encounter ${report.encounterId}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3).font('Helvetica').fontSize(10.5);

  doc.font('Helvetica-Bold').fontSize(18).text('PatientInsight — clinical decision-support report');
  doc.font('Helvetica').fontSize(9).fillColor('#555').text(`Encounter ${report.encounterId} · released ${input.releasedAt?.toISOString().slice(0, 10) ?? 'not yet'} · ${report.provenance.generatedBy.label}`).fillColor('black');
  doc.moveDown(0.5).fontSize(9.5).font('Helvetica-Oblique').text(REPORT_DISCLAIMER).font('Helvetica');

  heading('Summary');
  doc.text(summaryToSentences(report.summary).join(' '));

  for (const section of report.sections) {
    heading(section.title);
    doc.text(section.text);
  }

  heading('Cited cases');
  for (const c of report.cases.filter((x) => x.cited)) {
    doc.font('Helvetica-Bold').text(`[case:${c.caseId}] `, { continued: true }).font('Helvetica').text(c.title);
    if (c.pubmedUrl) doc.fillColor('#1a56db').text(c.pubmedUrl, { link: c.pubmedUrl, underline: true }).fillColor('black');
    doc.fontSize(9).fillColor('#444').text(`Similarity ${c.score.toFixed(3)} · matched on ${c.matchedTerms.join(', ') || '—'}`).fillColor('black').fontSize(10.5).moveDown(0.3);
  }

  heading('Doctor’s notes');
  doc.text(input.doctorNotes?.trim() || 'No notes.');

  heading('Prescription');
  if (!input.prescription?.length) doc.text('None.');
  for (const item of input.prescription ?? []) {
    doc.text(`• ${item.medication} ${item.dose}, ${item.route}, ${item.frequency}, for ${item.duration}${item.instructions ? ` — ${item.instructions}` : ''}`);
  }

  heading('Provenance');
  const p = report.provenance;
  doc.fontSize(9).text(`Model: ${p.generatedBy.model ?? 'offline composer'} · prompt ${p.promptVersion} · corpus ${p.corpusVersion ?? 'unknown'} · top ${p.retrieval.topK} cases${p.retrieval.filters ? ` · filters ${JSON.stringify(p.retrieval.filters)}` : ''}`);
  doc.end();
  return done;
}
