import { auditQuerySchema } from '@patientinsight/shared';
import { type FormEvent, useState } from 'react';
import { Alert, Button, ErrorState, Spinner, TextField, TableWrap } from '../../../components/ui';
import { type FieldErrors, validate } from '../../../lib/form';
import { useAudit, useAuditVerification } from '../api/audit';

const PAGE = 50;
/** `datetime-local` gives "2026-11-23T10:00"; the API wants an ISO date-time with offset. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Search the audit trail by user, patient, action and time range; verify the hash chain. */
export function AuditSearch() {
  const [filters, setFilters] = useState<Record<string, string | number | undefined>>({ limit: PAGE });
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [verify, setVerify] = useState(false);
  const beforeSeq = cursors.at(-1);
  const page = useAudit({ ...filters, beforeSeq });
  const verification = useAuditVerification(verify);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const raw = {
      userId: String(data.get('userId') ?? '').trim() || undefined,
      patientId: String(data.get('patientId') ?? '').trim() || undefined,
      action: String(data.get('action') ?? '').trim() || undefined,
      from: toIso(String(data.get('from') ?? '')),
      to: toIso(String(data.get('to') ?? '')),
      limit: PAGE,
    };
    const result = validate(auditQuerySchema, raw);
    setErrors(result.errors ?? {});
    if (result.data) {
      setFilters(raw);
      setCursors([undefined]);
    }
  };

  return (
    <div className="stack">
      <form className="card stack" onSubmit={onSubmit} noValidate aria-label="Search the audit trail">
        <div className="grid" style={{ '--min': '14rem' } as React.CSSProperties}>
          <TextField label="User id" name="userId" error={errors.userId} />
          <TextField label="Patient id" name="patientId" error={errors.patientId} />
          <TextField label="Action" name="action" placeholder="encounter.read" error={errors.action} />
          <TextField label="From" name="from" type="datetime-local" error={errors.from} />
          <TextField label="To" name="to" type="datetime-local" error={errors.to} />
        </div>
        <div className="row">
          <Button type="submit">Search</Button>
          <Button variant="secondary" onClick={() => (verify ? void verification.refetch() : setVerify(true))} busy={verification.isFetching}>
            Verify the hash chain
          </Button>
        </div>
        {verification.data &&
          (verification.data.ok ? (
            <Alert tone="success">Chain intact: {verification.data.checked.toLocaleString('en')} rows checked.</Alert>
          ) : (
            <Alert tone="danger" title="The audit chain is broken">
              First bad row: {verification.data.firstBadSeq} ({verification.data.reason})
            </Alert>
          ))}
        {verification.isError && <ErrorState title="The chain could not be verified" error={verification.error} onRetry={verification.refetch} />}
      </form>
      {page.isPending && <Spinner label="Searching…" />}
      {page.isError && <ErrorState title="The search failed" error={page.error} onRetry={page.refetch} />}
      {page.data && (
        <section className="card stack" aria-labelledby="audit-results-title">
          <h2 id="audit-results-title">Entries</h2>
          {page.data.entries.length === 0 ? (
            <p className="muted">No entries match.</p>
          ) : (
            <TableWrap label="Audit entries">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">Resource</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">From</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.entries.map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td>{new Date(e.occurredAt).toLocaleString('en')}</td>
                      <td className="mono">
                        {e.actorRole ?? 'anonymous'} {e.actorId?.slice(0, 8) ?? ''}
                      </td>
                      <td className="mono">{e.action}</td>
                      <td className="mono">
                        {e.resourceType}
                        {e.resourceId ? ` ${e.resourceId.slice(0, 8)}` : ''}
                      </td>
                      <td>{e.outcome}</td>
                      <td className="mono">{e.ip ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <div className="row">
            <Button variant="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer
            </Button>
            <Button variant="secondary" disabled={page.data.nextBeforeSeq === null} onClick={() => setCursors((c) => [...c, page.data.nextBeforeSeq ?? undefined])}>
              Older
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
