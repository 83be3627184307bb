import { createIngestionRequestSchema } from '@patientinsight/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ingestionJob, ingestionReport, rejectionPage } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { IngestionJobView } from './ingestion-job-view';
import { NewIngestionForm } from './new-ingestion-form';
import { jobProgress } from './progress-math';

setupMswServer();
const BASE = `${API}/v1/admin/ingestions`;

describe('IngestionJobView', () => {
  it('follows a running job live until it succeeds, then shows the drift verdict and the charts’ data', async () => {
    const states = [
      ingestionJob(),
      ingestionJob({ phase: 'index', counters: { read: 400, accepted: 380, rejected: 15, duplicate: 5, indexed: 190 }, throughput: { rowsPerSecond: 95, elapsedMs: 4000 } }),
      ingestionJob({ state: 'succeeded', phase: 'done', counters: { read: 400, accepted: 380, rejected: 15, duplicate: 5, indexed: 380 }, finishedAt: '2026-11-23T10:00:06.000Z' }),
    ];
    let polls = 0;
    server.use(
      http.get(`${BASE}/job-1`, () => HttpResponse.json(states[Math.min(polls++, states.length - 1)])),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [3, 4], null, 2))),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
    );
    renderWithProviders(<IngestionJobView jobId="job-1" />);
    const rate = await screen.findByTestId('job-rate');
    expect(rate.textContent).toContain('200 rows/s');
    expect(rate.textContent).toContain('known once all rows are read');
    // Indexing: 190 of 380 at 95 rows/s → half done, 2 s left.
    await screen.findByText(/Indexing · 95.0 rows\/s · time left: 2 s/, {}, { timeout: 8000 });
    expect(screen.getByRole('progressbar', { name: 'Ingestion progress' }).getAttribute('aria-valuenow')).toBe('50');
    expect(await screen.findByText('Succeeded', {}, { timeout: 8000 })).toBeTruthy();
    expect(await screen.findByText('within threshold', {}, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByText('0.620')).toBeTruthy(); // KS p-value
    // The charts are a lazy chunk (recharts): under load its import takes a while.
    const sexTable = await screen.findByRole('table', { name: 'Sex ratio data' }, { timeout: 10_000 });
    // Female share: reference corpus 180 of 380, this batch 200 of 380.
    expect(within(sexTable).getByRole('row', { name: /Female/ }).textContent).toBe('Female47.452.6');
    expect(screen.getByText('age 300 is outside 0–120')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
  }, 20_000);

  it('shows a success that added nothing as such, with the reason, not as a plain success', async () => {
    const warning = 'Nothing new was added: of 50 rows, 50 were already in the corpus and 0 were rejected.';
    server.use(
      http.get(`${BASE}/job-1`, () =>
        HttpResponse.json(ingestionJob({ state: 'succeeded', phase: 'done', outcome: 'nothing_new', warning, counters: { read: 50, accepted: 0, rejected: 0, duplicate: 50, indexed: 0 } })),
      ),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [], null, 0))),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
    );
    renderWithProviders(<IngestionJobView jobId="job-1" />);
    const badge = await screen.findByText('Succeeded: nothing new');
    expect(badge.className).not.toContain('badge-success');
    expect(screen.getByText(warning)).toBeTruthy();
    expect(screen.queryByText('Succeeded')).toBeNull();
  });

  it('pages through rejected rows with the cursor the server returns', async () => {
    const afters: string[] = [];
    server.use(
      http.get(`${BASE}/job-1`, () => HttpResponse.json(ingestionJob({ state: 'succeeded', phase: 'done' }))),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
      http.get(`${BASE}/job-1/rejections`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after') ?? '';
        afters.push(after);
        return HttpResponse.json(after === '0' ? rejectionPage(0, [2, 5, 9], 9, 25) : rejectionPage(9, [11, 12], null, 25));
      }),
    );
    const { user } = renderWithProviders(<IngestionJobView jobId="job-1" />);
    expect(await screen.findByText('Page 1 of 2 · 25 rows')).toBeTruthy();
    expect(screen.getByText('case-9')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('case-12')).toBeTruthy();
    expect(screen.getByText('Page 2 of 2 · 25 rows')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByText('case-9')).toBeTruthy();
    expect(afters).toEqual(['0', '9']);
  });

  it('holds a drifting batch for the operator and approves it', async () => {
    let approved: unknown = null;
    const drift = { verdict: 'drift' as const, threshold: 0.15, ksStatistic: 0.48, ksPValue: 0.0001, meanAgeShift: 0.44, sexRatioShift: 0.02, sexRatioPValue: 0.6, minBatch: 100, belowMinBatch: false, exceeded: ['meanAgeShift'] };
    server.use(
      http.get(`${BASE}/job-1`, () => HttpResponse.json(ingestionJob({ state: 'awaiting_approval', phase: 'done', drift }))),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [], null, 0))),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport({ state: 'awaiting_approval', drift, gate: { enabled: true, held: true } }))),
      http.post(`${BASE}/job-1/approve`, async ({ request }) => {
        approved = await request.json();
        return HttpResponse.json(
          ingestionJob({ state: 'succeeded', phase: 'done', drift, decision: { decision: 'approved', actor: 'ops@example.org', note: 'expected: paediatric batch', at: '2026-11-23T11:00:00.000Z', drift } }),
        );
      }),
    );
    const { user } = renderWithProviders(<IngestionJobView jobId="job-1" />);
    expect(await screen.findByText('This batch drifts from the indexed corpus')).toBeTruthy();
    expect(await screen.findByText('drift beyond threshold', {}, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByText('Over the threshold: meanAgeShift')).toBeTruthy();
    await user.type(screen.getByLabelText('Note (optional)'), 'expected: paediatric batch');
    await user.click(screen.getByRole('button', { name: 'Approve batch' }));
    expect(await screen.findByText(/Approved by ops@example.org/)).toBeTruthy();
    expect(approved).toEqual({ note: 'expected: paediatric batch' });
  });

  it('computes the time left only when the total is known', () => {
    expect(jobProgress(ingestionJob())).toEqual({ fraction: null, etaSeconds: null });
    expect(jobProgress(ingestionJob({ phase: 'index', counters: { read: 10, accepted: 8, rejected: 2, duplicate: 0, indexed: 2 }, throughput: { rowsPerSecond: 3, elapsedMs: 1 } }))).toEqual({ fraction: 0.25, etaSeconds: 2 });
  });
});

describe('NewIngestionForm', () => {
  it('checks the S3 URI with the shared schema, then starts the job and hands back its id', async () => {
    let body: unknown = null;
    server.use(
      http.post(BASE, async ({ request }) => {
        body = createIngestionRequestSchema.parse(await request.json());
        return HttpResponse.json({ id: 'job-9', state: 'queued' }, { status: 202 });
      }),
    );
    let started = '';
    const { user } = renderWithProviders(<NewIngestionForm onStarted={(id) => (started = id)} />);
    await user.selectOptions(screen.getByLabelText('Source'), 'uri');
    await user.type(screen.getByLabelText(/Source URI/), 'http://example.org/cases.csv');
    await user.click(screen.getByRole('button', { name: 'Start ingestion' }));
    expect(screen.getByText('must be s3://bucket/key or file:///absolute/path')).toBeTruthy();
    expect(body).toBeNull();
    await user.clear(screen.getByLabelText(/Source URI/));
    await user.type(screen.getByLabelText(/Source URI/), 's3://cases-bucket/batch-7.csv');
    await user.selectOptions(screen.getByLabelText('Format'), 'csv');
    await user.click(screen.getByRole('button', { name: 'Start ingestion' }));
    await screen.findByRole('button', { name: 'Start ingestion' });
    await expect.poll(() => started).toBe('job-9');
    expect(body).toEqual({ sourceUri: 's3://cases-bucket/batch-7.csv', format: 'csv' });
  });

  it('asks for a file before uploading', async () => {
    const { user } = renderWithProviders(<NewIngestionForm onStarted={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Start ingestion' }));
    expect(screen.getByText('Choose a CSV, JSON or JSONL file.')).toBeTruthy();
  });
});
