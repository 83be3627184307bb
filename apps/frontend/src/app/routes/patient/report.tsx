import type { PrescriptionItem } from '@patientinsight/shared';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { useEncounterReport } from '../../../features/encounters/api/encounters';
import { downloadReportPdf } from '../../../features/reports/api/reports';
import { ReportQa } from '../../../features/reports/components/report-qa';
import { ReportView } from '../../../features/reports/components/report-view';

export function DoctorReply({ notes, prescription }: { notes: string | null; prescription: PrescriptionItem[] | null }) {
  return (
    <Card title="From your doctor">
      {notes ? <p style={{ whiteSpace: 'pre-wrap' }}>{notes}</p> : <p className="muted">No notes.</p>}
      <h3>Prescription</h3>
      {prescription && prescription.length > 0 ? (
        <ul>
          {prescription.map((p) => (
            <li key={`${p.medication}-${p.dose}`}>
              <strong>{p.medication}</strong> {p.dose}, {p.route}, {p.frequency}, for {p.duration}
              {p.instructions ? `. ${p.instructions}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No medicines prescribed.</p>
      )}
    </Card>
  );
}

export default function PatientReport() {
  const { id = '' } = useParams();
  const report = useEncounterReport(id);
  const [pdfError, setPdfError] = useState<Error | null>(null);
  const [downloading, setDownloading] = useState(false);
  if (report.isPending) return <Spinner label="Loading your report…" />;
  if (report.isError) return <ErrorState title="The report is not available" error={report.error} action={<p>If your doctor has not released it yet, check again later.</p>} onRetry={report.refetch} />;
  const r = report.data;
  return (
    <>
      <PageHeader title="Your doctor's answer" />
      <div className="stack">
        <ReportView
          report={r.report}
          audience="patient"
          review={<DoctorReply notes={r.doctorNotes} prescription={r.prescription} />}
          actions={
            <div className="stack">
              <div>
                <Button
                  variant="secondary"
                  busy={downloading}
                  onClick={() => {
                    setDownloading(true);
                    setPdfError(null);
                    downloadReportPdf(id)
                      .catch((e: Error) => setPdfError(e))
                      .finally(() => setDownloading(false));
                  }}
                >
                  Download as PDF
                </Button>
              </div>
              {pdfError && <Alert tone="danger">The PDF could not be downloaded: {pdfError.message}</Alert>}
            </div>
          }
        />
        <ReportQa encounterId={id} cases={r.report.cases} audience="patient" />
      </div>
    </>
  );
}
