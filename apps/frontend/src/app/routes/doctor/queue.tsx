import { Card, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { useQueue } from '../../../features/review/api/review';
import { QueueTable } from './queue-table';

export default function DoctorQueue() {
  const waiting = useQueue('submitted');
  const mine = useQueue('in_review', true);
  // Both lists come from one backend: when both fail it is one problem, told once, retried together.
  if (waiting.isError && mine.isError)
    return (
      <>
        <PageHeader title="Queue" />
        <ErrorState
          title="The queue could not be loaded"
          error={waiting.error}
          onRetry={() => Promise.all([waiting.refetch(), mine.refetch()])}
        />
      </>
    );
  return (
    <>
      <PageHeader title="Queue" />
      <div className="stack">
        <Card title="My reviews in progress">
          {mine.isPending && <Spinner label="Loading…" />}
          {mine.isError && <ErrorState title="Your reviews could not be loaded" error={mine.error} onRetry={mine.refetch} />}
          {mine.data && <QueueTable items={mine.data.items} caption="Encounters I am reviewing" />}
        </Card>
        <Card title="Waiting (urgent first)">
          {waiting.isPending && <Spinner label="Loading the queue…" />}
          {waiting.isError && <ErrorState title="The waiting list could not be loaded" error={waiting.error} onRetry={waiting.refetch} />}
          {waiting.data && <QueueTable items={waiting.data.items} caption="Encounters waiting for a doctor" />}
        </Card>
      </div>
    </>
  );
}
