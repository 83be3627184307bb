import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { usePatientView } from '../../../features/encounters/api/encounters';
import { PatientAnswer } from '../../../features/encounters/components/patient-answer';
import { downloadReportPdf } from '../../../features/reports/api/reports';
import { ReportQa } from '../../../features/reports/components/report-qa';

/** The doctor's answer as the patient reads it (the patient view; never the clinician report), the PDF and questions. */
export default function PatientReport() {
  const { id = '' } = useParams();
  const view = usePatientView(id);
  const [pdfError, setPdfError] = useState<Error | null>(null);
  const [downloading, setDownloading] = useState(false);
  if (view.isPending) return <Spinner label="Loading your doctor's answer…" />;
  if (view.isError)
    return (
      <ErrorState
        title="The answer is not available"
        error={view.error}
        action={<p>If your doctor has not answered yet, check again later.</p>}
        onRetry={view.refetch}
      />
    );
  return (
    <>
      <PageHeader title="Your doctor's answer" />
      <div className="stack">
        <PatientAnswer view={view.data} />
        {/* The PDF and the questions draw on this page's content, so they work with or without a report. */}
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
        <ReportQa encounterId={id} cases={[]} audience="patient" />
      </div>
    </>
  );
}
