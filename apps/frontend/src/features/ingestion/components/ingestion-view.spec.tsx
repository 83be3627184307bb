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
      ingestionJob({
        phase: 'index',
        counters: { read: 400, accepted: 380, rejected: 15, duplicate: 5, indexed: 190 },
        throughput: { rowsPerSecond: 95, elapsedMs: 4000 },
      }),
      ingestionJob({
        state: 'succeeded',
        phase: 'done',
        counters: { read: 400, accepted: 380, rejected: 15, duplicate: 5, indexed: 380 },
        finishedAt: '2026-11-23T10:00:06.000Z',
        indexing: {
          mode: 'refit',
          refitReason: 'no corpus version is active yet',
          addedShare: null,
          unknownTokenShare: null,
          bm25: 'exact',
        },
      }),
    ];
    let polls = 0;
    server.use(
      http.get(`${BASE}/job-1`, () => HttpResponse.json(states[Math.min(polls++, states.length - 1)])),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [3, 4], null, 2))),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
      http.get(BASE, () =>
        HttpResponse.json({
          jobs: [ingestionJob({ id: 'job-0', state: 'succeeded', phase: 'done', stageDurationsMs: { parse: 10, index_total: 14_200 } })],
          nextBefore: null,
        }),
      ),
    );
    renderWithProviders(<IngestionJobView jobId="job-1" />);
    const rate = await screen.findByTestId('job-rate');
    expect(rate.textContent).toContain('200 rows/s');
    expect(rate.textContent).toContain('not known until the whole file is read');
    // Indexing (an append or a whole refit) reports nothing until it ends: no made-up time left,
    // the last build's duration as a reference instead.
    await screen.findByText(/Building the search index .* the last index build took 14\.2 s/);
    expect(screen.getByRole('progressbar', { name: 'Ingestion progress' }).getAttribute('aria-valuenow')).toBeNull();
    expect(screen.queryByText(/less than a second/)).toBeNull();
    const badge = await screen.findByText('Succeeded: 15 rows rejected');
    expect(badge.className).toContain('badge-warning');
    expect(await screen.findByText('within threshold')).toBeTruthy();
    expect(screen.getByText('0.620')).toBeTruthy(); // KS p-value
    // The charts are a lazy chunk (recharts): under load its import takes a while.
    const sexTable = await screen.findByRole('table', { name: 'Sex ratio data' });
    // Female share: reference corpus 180 of 380, this batch 200 of 380.
    expect(within(sexTable).getByRole('row', { name: /Female/ }).textContent).toBe('Female47.452.6');
    expect(screen.getByText('age 300 is outside 0–120')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
    expect(screen.getByTestId('job-indexing').textContent).toBe('Indexed by fitting a new corpus version: no corpus version is active yet');
  }, 20_000);

  it('shows a success that added nothing as such, with the reason, not as a plain success', async () => {
    const warning = 'Nothing new was added: of 50 rows, 50 were already in the corpus and 0 were rejected.';
    server.use(
      http.get(`${BASE}/job-1`, () =>
        HttpResponse.json(
          ingestionJob({
            state: 'succeeded',
            phase: 'done',
            outcome: 'nothing_new',
            warning,
            counters: { read: 50, accepted: 0, rejected: 0, duplicate: 50, indexed: 0 },
          }),
        ),
      ),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [], null, 0))),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
    );
    renderWithProviders(<IngestionJobView jobId="job-1" />);
    const badge = await screen.findByText('Succeeded: nothing new added');
    expect(badge.className).toContain('badge-warning');
    expect(screen.getByText(warning)).toBeTruthy();
    expect(screen.queryByText('Succeeded')).toBeNull();
  });

  it('lists the rows not added so that they agree with the counters, and names every stage and field in words', async () => {
    const duplicates = {
      jobId: 'job-1',
      total: 3,
      nextAfter: null,
      rejections: [1, 2, 3].map((row) => ({
        row,
        line: row + 1,
        caseId: `case-${row}`,
        outcome: 'duplicate' as const,
        field: 'caseId',
        reason: 'already in the corpus',
      })),
    };
    const asked: string[] = [];
    server.use(
      http.get(`${BASE}/job-1`, () =>
        HttpResponse.json(
          ingestionJob({
            state: 'succeeded',
            phase: 'done',
            outcome: 'nothing_new',
            warning: 'Nothing new was added: of 3 rows, 3 were already in the corpus and 0 were rejected.',
            counters: { read: 3, accepted: 0, rejected: 0, duplicate: 3, indexed: 0 },
            stageDurationsMs: { parse: 12, dedupe: 3, index_embed_write: 1500, index_fit_bm25: 40 },
          }),
        ),
      ),
      http.get(`${BASE}/job-1/rejections`, ({ request }) => {
        const outcome = new URL(request.url).searchParams.get('outcome') ?? '';
        asked.push(outcome);
        return HttpResponse.json(outcome === 'rejected' ? rejectionPage(0, [], null, 0) : duplicates);
      }),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
    );
    const { user } = renderWithProviders(<IngestionJobView jobId="job-1" />);
    const table = await screen.findByRole('region', { name: 'Rows not added' });
    expect(await within(table).findAllByRole('row')).toHaveLength(4);
    expect(within(table).getAllByText('Duplicate')).toHaveLength(3);
    expect(within(table).getAllByText('Case id')).toHaveLength(4); // the column header and each row's field, in words
    expect(screen.getByText('Page 1 of 1 · 3 rows')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Duplicates (3)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'All (3)', pressed: true })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Rejected (0)' }));
    expect(await screen.findByText('No row was rejected.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show all 3 rows not added' })).toBeTruthy();
    expect(asked).toEqual(['all', 'rejected']);
    expect(screen.getByText('Index: embedding and writing')).toBeTruthy();
    expect(screen.getByText('Finding duplicates')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/index_|fit_bm25|embed_write|dedupe|caseId/);
  });

  it('opens "Rows not added" on the rejected rows once the counters show some, until the operator picks a filter', async () => {
    let polls = 0;
    server.use(
      http.get(`${BASE}/job-1`, () =>
        HttpResponse.json(
          polls++ < 1
            ? ingestionJob({ counters: { read: 100, accepted: 100, rejected: 0, duplicate: 0, indexed: 0 } })
            : ingestionJob({
                state: 'succeeded',
                phase: 'done',
                outcome: 'added',
                counters: { read: 400, accepted: 395, rejected: 2, duplicate: 3, indexed: 395 },
              }),
        ),
      ),
      http.get(`${BASE}/job-1/rejections`, ({ request }) => {
        // Nothing refused while the job ran; at the end 2 rejected and 3 duplicates.
        if (polls <= 1) return HttpResponse.json(rejectionPage(0, [], null, 0));
        const all = new URL(request.url).searchParams.get('outcome') === 'all';
        return HttpResponse.json(rejectionPage(0, all ? [3, 4, 5, 6, 7] : [3, 4], null, all ? 5 : 2));
      }),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
    );
    const { user } = renderWithProviders(<IngestionJobView jobId="job-1" />);
    expect(await screen.findByRole('button', { name: 'All (0)', pressed: true })).toBeTruthy();
    expect(await screen.findByText('Every row read was added. (so far)')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Rejected (2)', pressed: true })).toBeTruthy();
    expect(await screen.findByText('case-3')).toBeTruthy();
    // The empty list fetched while the job ran is not the answer now.
    await user.click(screen.getByRole('button', { name: 'All (5)' }));
    expect(await screen.findByText('Page 1 of 1 · 5 rows')).toBeTruthy();
    expect(screen.getByText('case-7')).toBeTruthy();
  });

  it('keeps checking a job that waits for approval, and shows another operator’s decision', async () => {
    const drift = {
      verdict: 'drift' as const,
      threshold: 0.15,
      ksStatistic: 0.3,
      ksPValue: 0.001,
      meanAgeShift: 0.2,
      sexRatioShift: 0.01,
      sexRatioPValue: 0.7,
      minBatch: 100,
      belowMinBatch: false,
      exceeded: ['ksStatistic', 'meanAgeShift'],
    };
    let polls = 0;
    server.use(
      http.get(`${BASE}/job-1`, () => {
        polls += 1;
        return HttpResponse.json(
          polls < 2
            ? ingestionJob({ state: 'awaiting_approval', phase: 'index', drift })
            : ingestionJob({
                state: 'rejected',
                phase: 'done',
                drift,
                decision: { decision: 'rejected', actor: 'other-op@example.org', note: null, at: '2026-11-23T11:00:00.000Z', drift },
              }),
        );
      }),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [], null, 0))),
      http.get(`${BASE}/job-1/report`, () =>
        HttpResponse.json(ingestionReport({ state: 'awaiting_approval', drift, gate: { enabled: true, held: true } })),
      ),
    );
    renderWithProviders(<IngestionJobView jobId="job-1" />);
    const waiting = await screen.findByText('Waiting for your approval (drift)');
    expect(waiting.className).toContain('badge-warning');
    expect(await screen.findByText('Over the threshold: Age distribution (KS statistic), Mean age shift')).toBeTruthy();
    expect(await screen.findByText(/Rejected by other-op@example.org/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve batch' })).toBeNull();
  });

  it('shows a failed job in red with the reason', async () => {
    server.use(
      http.get(`${BASE}/job-1`, () =>
        HttpResponse.json(ingestionJob({ state: 'failed', phase: 'ingest', error: 'the source file could not be read' })),
      ),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [], null, 0))),
      http.get(`${BASE}/job-1/report`, () => HttpResponse.json(ingestionReport())),
    );
    renderWithProviders(<IngestionJobView jobId="job-1" />);
    const badge = await screen.findByText('Failed');
    expect(badge.className).toContain('badge-urgent');
    expect(screen.getByRole('heading', { name: 'The job failed' })).toBeTruthy();
    expect(screen.getByText('the source file could not be read')).toBeTruthy();
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
    const drift = {
      verdict: 'drift' as const,
      threshold: 0.15,
      ksStatistic: 0.48,
      ksPValue: 0.0001,
      meanAgeShift: 0.44,
      sexRatioShift: 0.02,
      sexRatioPValue: 0.6,
      minBatch: 100,
      belowMinBatch: false,
      exceeded: ['meanAgeShift'],
    };
    server.use(
      http.get(`${BASE}/job-1`, () => HttpResponse.json(ingestionJob({ state: 'awaiting_approval', phase: 'done', drift }))),
      http.get(`${BASE}/job-1/rejections`, () => HttpResponse.json(rejectionPage(0, [], null, 0))),
      http.get(`${BASE}/job-1/report`, () =>
        HttpResponse.json(ingestionReport({ state: 'awaiting_approval', drift, gate: { enabled: true, held: true } })),
      ),
      http.post(`${BASE}/job-1/approve`, async ({ request }) => {
        approved = await request.json();
        return HttpResponse.json(
          ingestionJob({
            state: 'succeeded',
            phase: 'done',
            drift,
            decision: {
              decision: 'approved',
              actor: 'ops@example.org',
              note: 'expected: paediatric batch',
              at: '2026-11-23T11:00:00.000Z',
              drift,
            },
          }),
        );
      }),
    );
    const { user } = renderWithProviders(<IngestionJobView jobId="job-1" />);
    expect(await screen.findByText('This batch drifts from the indexed corpus')).toBeTruthy();
    expect(await screen.findByText('drift beyond threshold')).toBeTruthy();
    expect(screen.getByText('Over the threshold: Mean age shift')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/meanAgeShift|sexRatioShift|ksStatistic/);
    await user.type(screen.getByLabelText('Note (optional)'), 'expected: paediatric batch');
    await user.click(screen.getByRole('button', { name: 'Approve batch' }));
    expect(await screen.findByText(/Approved by ops@example.org/)).toBeTruthy();
    expect(approved).toEqual({ note: 'expected: paediatric batch' });
  });

  it('computes the time left only when the total is known', () => {
    expect(jobProgress(ingestionJob())).toEqual({ fraction: null, etaSeconds: null });
    // The index build reports nothing until it ends: the reading rate says nothing about it.
    expect(
      jobProgress(
        ingestionJob({
          phase: 'index',
          counters: { read: 10, accepted: 8, rejected: 2, duplicate: 0, indexed: 0 },
          throughput: { rowsPerSecond: 3, elapsedMs: 1 },
        }),
      ),
    ).toEqual({ fraction: null, etaSeconds: null });
    expect(jobProgress(ingestionJob({ state: 'succeeded', phase: 'done' }))).toEqual({ fraction: 1, etaSeconds: 0 });
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
