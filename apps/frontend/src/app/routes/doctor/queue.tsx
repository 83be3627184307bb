import { Card, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { useQueue } from '../../../features/review/api/review';
import { QueueTable } from './queue-table';

export default function DoctorQueue() {
  const waiting = useQueue('submitted');
  const mine = useQueue('in_review', true);
  return (
    <>
      <PageHeader title="Queue" />
      <div className="stack">
        <Card title="My reviews in progress">
          {mine.isPending && <Spinner label="Loading…" />}
          {mine.isError && <ErrorState error={mine.error} />}
          {mine.data && <QueueTable items={mine.data.items} caption="Encounters I am reviewing" />}
        </Card>
        <Card title="Waiting (urgent first)">
          {waiting.isPending && <Spinner label="Loading the queue…" />}
          {waiting.isError && <ErrorState error={waiting.error} />}
          {waiting.data && <QueueTable items={waiting.data.items} caption="Encounters waiting for a doctor" />}
        </Card>
      </div>
    </>
  );
}
