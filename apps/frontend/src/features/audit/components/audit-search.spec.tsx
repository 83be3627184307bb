import { type AuditEntry, auditPageSchema } from '@patientinsight/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { checked } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { AuditSearch } from './audit-search';

setupMswServer();

const DOCTOR = '5b1c0d1e-0000-4000-8000-000000000001';
const PATIENT = '7a2d9e3f-0000-4000-8000-000000000002';
const entry = (seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  occurredAt: `2026-11-23T10:00:${String(seq).padStart(2, '0')}.000Z`,
  actorId: DOCTOR,
  actorRole: 'doctor',
  action: 'encounter.read',
  resourceType: 'encounter',
  resourceId: 'c0ffee00-0000-4000-8000-000000000003',
  patientId: PATIENT,
  outcome: 'success',
  ip: '127.0.0.1',
  userAgent: null,
  requestId: null,
  details: null,
  hash: 'h',
  ...overrides,
});

describe('AuditSearch', () => {
  it('searches by a person’s e-mail and an action from the picklist, shows names beside ids, and folds repeated reads', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/v1/audit/actions`, () => HttpResponse.json({ actions: ['encounter.read', 'encounter.release', 'profile.read'] })),
      http.get(`${API}/v1/audit`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        const entries = query.get('actorEmail') ? [entry(9, { action: 'encounter.release' }), entry(8), entry(7), entry(6), entry(5)] : [];
        return HttpResponse.json(
          checked(auditPageSchema, {
            entries,
            nextBeforeSeq: null,
            people: {
              [DOCTOR]: { displayName: 'Dr Jane Roe', email: 'jane.roe@example.org', role: 'doctor', status: 'active' },
              [PATIENT]: { displayName: 'Alex Example', email: 'alex@example.org', role: 'patient', status: 'active' },
            },
          }),
        );
      }),
    );
    const { user } = renderWithProviders(<AuditSearch />);
    await screen.findByText('No entries match.');
    await user.type(screen.getByLabelText(/Person \(e-mail\)/), 'not an e-mail');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByText('must be an email address')).toBeTruthy();
    await user.clear(screen.getByLabelText(/Person \(e-mail\)/));
    await user.type(screen.getByLabelText(/Person \(e-mail\)/), 'Jane.Roe@example.org');
    await screen.findByRole('option', { name: 'encounter.release' });
    await user.selectOptions(screen.getByLabelText('Action'), 'encounter.read');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const table = await screen.findByRole('table');
    const last = queries.at(-1);
    expect(last?.get('actorEmail')).toBe('jane.roe@example.org');
    expect(last?.get('action')).toBe('encounter.read');
    // One release, then four reads of the same encounter by the same doctor in one row.
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('encounter.release');
    expect(rows[1]?.textContent).toContain('Show 4 reads');
    expect(within(table).getAllByText('Dr Jane Roe')).toHaveLength(2);
    expect(within(table).getAllByText('jane.roe@example.org')).toHaveLength(2);
    expect(within(table).getAllByText('Alex Example').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Show 4 reads' }));
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(6);
    expect(screen.getByRole('button', { name: 'Hide 4 reads' }).getAttribute('aria-expanded')).toBe('true');
  });
});
