import type { QueueItem } from '@patientinsight/shared';
import { Link } from 'react-router';
import { Badge, TableWrap } from '../../../components/ui';
import { formatCategory, formatWaiting } from '../../../lib/format';

const STATUS_TEXT = {
  draft: 'not submitted',
  submitted: 'waiting',
  in_review: 'in review',
  released: 'released',
  returned: 'returned',
} as const;

/** Red flags not yet acknowledged first, then urgent (the backend orders them), with how long each has waited. */
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
            <th scope="col">Red flag</th>
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
              <td>
                {item.urgent ? (
                  <Badge tone="urgent">{item.redFlag && !item.redFlag.acknowledged ? 'urgent: acknowledge' : 'urgent'}</Badge>
                ) : (
                  'routine'
                )}
              </td>
              <td>
                {item.redFlag ? (
                  <div className="stack" data-testid="queue-red-flag">
                    <span>{item.redFlag.categories.map((c) => formatCategory(c.category)).join(', ')}</span>
                    {item.redFlag.patientWords && <q>{item.redFlag.patientWords}</q>}
                  </div>
                ) : (
                  '—'
                )}
              </td>
              <td>{formatWaiting(item.redFlag && !item.redFlag.acknowledged ? item.redFlag.waitingSeconds : item.waitingSeconds)}</td>
              <td>{STATUS_TEXT[item.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
