import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/ui';
import { IngestionJobView } from '../../../features/ingestion/components/ingestion-job-view';

export default function Ingestion() {
  const { id = '' } = useParams();
  return (
    <>
      <PageHeader title="Ingestion job">
        <p>
          <Link to="/admin">All ingestions</Link>
        </p>
      </PageHeader>
      <IngestionJobView jobId={id} />
    </>
  );
}
