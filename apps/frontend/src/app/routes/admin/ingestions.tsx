import { Link, useNavigate } from 'react-router';
import { Card, ErrorState, PageHeader, Spinner, TableWrap } from '../../../components/ui';
import { useIngestions } from '../../../features/ingestion/api/ingestion';
import { JobStatusBadge } from '../../../features/ingestion/components/ingestion-job-view';
import { NewIngestionForm } from '../../../features/ingestion/components/new-ingestion-form';

export default function Ingestions() {
  const navigate = useNavigate();
  const jobs = useIngestions();
  return (
    <>
      <PageHeader title="Case ingestion" />
      <div className="stack">
        <NewIngestionForm onStarted={(id) => navigate(`/admin/ingestions/${id}`)} />
        <Card title="Recent jobs">
          {jobs.isPending && <Spinner label="Loading jobs…" />}
          {jobs.isError && <ErrorState title="The jobs could not be loaded" error={jobs.error} onRetry={jobs.refetch} />}
          {jobs.data?.jobs.length === 0 && <p className="muted">No ingestions yet.</p>}
          {jobs.data && jobs.data.jobs.length > 0 && (
            <TableWrap label="Recent ingestion jobs">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">Result</th>
                    <th scope="col">Rows read</th>
                    <th scope="col">Accepted</th>
                    <th scope="col">Rejected</th>
                    <th scope="col">Started</th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.data.jobs.map((j) => (
                    <tr key={j.id}>
                      <td>
                        <Link to={`/admin/ingestions/${j.id}`}>{j.source.filename ?? j.source.uri}</Link>
                      </td>
                      <td>
                        <JobStatusBadge job={j} />
                      </td>
                      <td>{j.counters.read}</td>
                      <td>{j.counters.accepted}</td>
                      <td>{j.counters.rejected}</td>
                      <td>{new Date(j.createdAt).toLocaleString('en')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </Card>
      </div>
    </>
  );
}
