import { ENCOUNTER_STATUSES } from '@patientinsight/shared';
import { ButtonLink, Card, ErrorState, Grid, PageHeader, Spinner, Stat } from '../../../components/ui';
import { formatWaiting } from '../../../lib/format';
import { useDashboard } from '../../../features/review/api/review';
import { QueueTable } from './queue-table';

export default function DoctorDashboard() {
  const dashboard = useDashboard();
  return (
    <>
      <PageHeader title="Dashboard" />
      {dashboard.isPending && <Spinner label="Loading the dashboard…" />}
      {dashboard.isError && <ErrorState title="The dashboard could not be loaded" error={dashboard.error} onRetry={dashboard.refetch} />}
      {dashboard.data && (
        <div className="stack">
          <section aria-labelledby="waiting-title" className="stack">
            <h2 id="waiting-title">Waiting for a doctor</h2>
            <Grid min="9rem">
              <Stat label="waiting" value={dashboard.data.waiting.count} />
              <Stat label="urgent" value={dashboard.data.waiting.urgentCount} />
              <Stat label="red flags to acknowledge" value={dashboard.data.unacknowledged?.count ?? 0} />
              <Stat label="oldest wait" value={formatWaiting(dashboard.data.waiting.oldestSeconds)} />
              <Stat label="median wait" value={formatWaiting(dashboard.data.waiting.medianSeconds)} />
            </Grid>
          </section>
          <section aria-labelledby="status-title" className="stack">
            <h2 id="status-title">By status</h2>
            <Grid min="9rem">
              {ENCOUNTER_STATUSES.map((s) => (
                <Stat key={s} label={s.replace('_', ' ')} value={dashboard.data.counts[s] ?? 0} />
              ))}
            </Grid>
          </section>
          <Card title="Flagged by triage">
            <QueueTable items={dashboard.data.flagged} caption="Red flags to acknowledge and urgent encounters waiting" />
          </Card>
          <div>
            <ButtonLink to="/doctor/queue">Open the queue</ButtonLink>
          </div>
        </div>
      )}
    </>
  );
}
