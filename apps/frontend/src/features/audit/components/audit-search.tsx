import { type AuditEntry, type AuditPerson, auditQuerySchema } from '@patientinsight/shared';
import { type FormEvent, Fragment, useState } from 'react';
import { Alert, Button, ErrorState, SelectField, Spinner, TableWrap, TextField } from '../../../components/ui';
import { type FieldErrors, validate } from '../../../lib/form';
import { useAudit, useAuditActions, useAuditVerification } from '../api/audit';
import { type AuditLine, collapseReads } from '../utils/collapse-reads';

const PAGE = 50;
/** `datetime-local` gives "2026-11-23T10:00"; the API wants an ISO date-time with offset. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);
const field = (data: FormData, name: string) => String(data.get(name) ?? '').trim() || undefined;
const when = (iso: string) => new Date(iso).toLocaleString('en');

/** A person as the trail shows them: name and e-mail when the account is known, the id's start always. */
function Person({ id, role, people }: { id: string | null; role?: string | null; people: Record<string, AuditPerson> }) {
  if (!id) return <span className="muted">{role ?? 'nobody signed in'}</span>;
  const person = people[id];
  return (
    <span className="stack" style={{ '--gap': 0 } as React.CSSProperties}>
      <span>
        {person ? person.displayName : 'Unknown account'}
        {role ? <span className="muted"> ({role})</span> : null}
      </span>
      {person && <span className="muted">{person.email}</span>}
      <span className="mono muted" title={id}>
        {id.slice(0, 8)}
      </span>
    </span>
  );
}

function EntryRow({
  entry,
  people,
  repeat,
}: {
  entry: AuditEntry;
  people: Record<string, AuditPerson>;
  repeat?: { count: number; oldest: AuditEntry; open: boolean; toggle: () => void };
}) {
  return (
    <tr>
      <td>
        {repeat ? (
          <>
            {when(repeat.oldest.occurredAt)} –<br />
            {when(entry.occurredAt)}
          </>
        ) : (
          when(entry.occurredAt)
        )}
      </td>
      <td>
        <Person id={entry.actorId} role={entry.actorRole} people={people} />
      </td>
      <td>
        <span className="mono">{entry.action}</span>
        {repeat && (
          <div>
            <Button variant="ghost" aria-expanded={repeat.open} onClick={repeat.toggle}>
              {repeat.open ? 'Hide' : 'Show'} {repeat.count} reads
            </Button>
          </div>
        )}
      </td>
      <td>
        <span className="mono">
          {entry.resourceType}
          {entry.resourceId ? ` ${entry.resourceId.slice(0, 8)}` : ''}
        </span>
        {entry.patientId && (
          <div>
            <span className="muted">patient: </span>
            <Person id={entry.patientId} people={people} />
          </div>
        )}
      </td>
      <td>{entry.outcome}</td>
      <td className="mono">
        #{entry.seq}
        {repeat ? `–${repeat.oldest.seq}` : ''}
        <br />
        {entry.ip ?? '—'}
      </td>
    </tr>
  );
}

/** A run of the same read shows as one row ("12 reads"), which opens to every entry; single entries as they are. */
function Lines({ lines, people }: { lines: AuditLine[]; people: Record<string, AuditPerson> }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  return (
    <>
      {lines.map((line) => {
        const [first, ...rest] = line.entries;
        if (!first) return null;
        if (rest.length === 0) return <EntryRow key={first.seq} entry={first} people={people} />;
        const isOpen = open.has(first.seq);
        const toggle = () =>
          setOpen((s) => {
            const next = new Set(s);
            if (!next.delete(first.seq)) next.add(first.seq);
            return next;
          });
        return (
          <Fragment key={first.seq}>
            <EntryRow
              entry={first}
              people={people}
              repeat={{ count: line.entries.length, oldest: line.entries.at(-1) ?? first, open: isOpen, toggle }}
            />
            {isOpen && line.entries.map((e) => <EntryRow key={`${first.seq}-${e.seq}`} entry={e} people={people} />)}
          </Fragment>
        );
      })}
    </>
  );
}

/** Search the audit trail by person (e-mail), patient, action and time range; verify the hash chain. */
export function AuditSearch() {
  const [filters, setFilters] = useState<Record<string, string | number | undefined>>({ limit: PAGE });
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [verify, setVerify] = useState(false);
  const beforeSeq = cursors.at(-1);
  const page = useAudit({ ...filters, beforeSeq });
  const actions = useAuditActions();
  const verification = useAuditVerification(verify);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const raw = {
      actorEmail: field(data, 'actorEmail'),
      patientEmail: field(data, 'patientEmail'),
      userId: field(data, 'userId'),
      patientId: field(data, 'patientId'),
      action: field(data, 'action'),
      from: toIso(String(data.get('from') ?? '')),
      to: toIso(String(data.get('to') ?? '')),
      limit: PAGE,
    };
    const result = validate(auditQuerySchema, raw);
    setErrors(result.errors ?? {});
    if (result.data) {
      setFilters(result.data);
      setCursors([undefined]);
    }
  };

  const people = page.data?.people ?? {};
  const actionOptions = [{ value: '', label: 'Any action' }, ...(actions.data?.actions ?? []).map((a) => ({ value: a, label: a }))];
  return (
    <div className="stack">
      <form className="card stack" onSubmit={onSubmit} noValidate aria-label="Search the audit trail">
        <div className="grid" style={{ '--min': '14rem' } as React.CSSProperties}>
          <TextField
            label="Person (e-mail)"
            name="actorEmail"
            type="email"
            autoComplete="off"
            hint="Who acted: a patient, doctor or admin."
            error={errors.actorEmail}
          />
          <TextField
            label="Patient (e-mail)"
            name="patientEmail"
            type="email"
            autoComplete="off"
            hint="Whose data it was about."
            error={errors.patientEmail}
          />
          <SelectField
            label="Action"
            name="action"
            options={actionOptions}
            error={errors.action}
            hint={actions.isError ? 'The list of actions could not be loaded.' : undefined}
          />
          <TextField label="From" name="from" type="datetime-local" error={errors.from} />
          <TextField label="To" name="to" type="datetime-local" error={errors.to} />
        </div>
        <details>
          <summary>Search by account id instead</summary>
          <div className="grid" style={{ '--min': '14rem' } as React.CSSProperties}>
            <TextField label="User id" name="userId" error={errors.userId} />
            <TextField label="Patient id" name="patientId" error={errors.patientId} />
          </div>
        </details>
        <div className="row">
          <Button type="submit">Search</Button>
          <Button
            variant="secondary"
            onClick={() => (verify ? void verification.refetch() : setVerify(true))}
            busy={verification.isFetching}
          >
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
        {verification.isError && (
          <ErrorState title="The chain could not be verified" error={verification.error} onRetry={verification.refetch} />
        )}
      </form>
      {page.isPending && <Spinner label="Searching…" />}
      {page.isError && <ErrorState title="The search failed" error={page.error} onRetry={page.refetch} />}
      {page.data && (
        <section className="card stack" aria-labelledby="audit-results-title">
          <h2 id="audit-results-title">Entries</h2>
          {page.data.entries.length === 0 ? (
            <p className="muted">No entries match.</p>
          ) : (
            <>
              <p className="muted">
                Repeated reads of one record by one person are shown as one row; open it to see each entry. Every entry stays in the trail.
              </p>
              <TableWrap label="Audit entries">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">Action</th>
                      <th scope="col">Record</th>
                      <th scope="col">Outcome</th>
                      <th scope="col">Entry and address</th>
                    </tr>
                  </thead>
                  <tbody>
                    <Lines lines={collapseReads(page.data.entries)} people={people} />
                  </tbody>
                </table>
              </TableWrap>
            </>
          )}
          <div className="row">
            <Button variant="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer
            </Button>
            <Button
              variant="secondary"
              disabled={page.data.nextBeforeSeq === null}
              onClick={() => setCursors((c) => [...c, page.data.nextBeforeSeq ?? undefined])}
            >
              Older
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
