import type { QueueItem } from '@patientinsight/shared';
import { Link } from 'react-router';
import { Badge, TableWrap } from '../../../components/ui';
import { formatWaiting } from '../../../lib/format';

/** Urgent first (the backend orders them), with how long each has waited. */
export function QueueTable({ items, caption }: { items: QueueItem[]; caption: string }) {
  if (items.length === 0) return <p className="muted">Nothing waiting.</p>;
  return (
    <TableWrap label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Concern</th>
            <th scope="col">Priority</th>
            <th scope="col">Waiting</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/doctor/encounters/${item.id}`}>{item.chiefComplaint ?? 'No complaint recorded'}</Link>
              </td>
              <td>{item.urgent ? <Badge tone="urgent">urgent</Badge> : 'routine'}</td>
              <td>{formatWaiting(item.waitingSeconds)}</td>
              <td>{item.status === 'in_review' ? 'in review' : 'waiting'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
