import { askQuestionRequestSchema } from '@patientinsight/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { answer, report, sampleCases } from '../../../testing/fixtures';
import { API, server, sseResponse, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { ReportQa } from './report-qa';
import { ReportView } from './report-view';

setupMswServer();

describe('ReportView', () => {
  it('renders the sections with citations as links to the cited case and its PubMed article', async () => {
    renderWithProviders(<ReportView report={report()} audience="patient" review={<p>Doctor notes: rest and fluids</p>} />);
    const citation = screen.getByRole('link', { name: 'Similar case 1: Persistent cough and weight loss in a 55-year-old woman' });
    expect(citation.getAttribute('href')).toBe('#case-7665777-1');
    const card = document.getElementById('case-7665777-1') as HTMLElement;
    expect(
      within(card)
        .getByRole('link', { name: /Read the article on PubMed/ })
        .getAttribute('href'),
    ).toBe('https://pubmed.ncbi.nlm.nih.gov/33492400/');
    expect(within(card).getByText('cited')).toBeTruthy();
    expect(screen.getByText('No PubMed article linked')).toBeTruthy();
    expect(screen.getByText('Doctor notes: rest and fluids')).toBeTruthy();
    expect(screen.getByText(/not a diagnosis/)).toBeTruthy();
    expect(screen.getByText('generated without a language model')).toBeTruthy();
    // Patients do not see retrieval scores.
    expect(screen.queryByLabelText('Score breakdown')).toBeNull();
  });

  it('shows doctors the score breakdown, age and sex of each case, and the validator notes', () => {
    renderWithProviders(
      <ReportView
        report={report({
          validation: [{ kind: 'unknown_citation_removed', detail: 'Removed a citation to case 999, which was not retrieved.' }],
        })}
        audience="doctor"
        caseActions={(c) => <button type="button">Useful {c.caseId}</button>}
      />,
    );
    const first = document.getElementById('case-7665777-1') as HTMLElement;
    // In words first; the raw numbers, each with what it means, behind a disclosure.
    expect(within(first).getByTestId('score-summary').textContent).toMatch(
      /^Ranked 1 among the similar cases retrieved; very close in meaning; shares the findings? /,
    );
    const scores = within(first).getByLabelText('Score breakdown');
    expect(scores.closest('details')?.open).toBe(false);
    expect(scores.textContent).toContain('Word match (BM25) 12.400');
    expect(scores.textContent).toContain('It has no upper limit');
    expect(scores.textContent).toContain('Meaning similarity 0.710');
    expect(scores.textContent).toContain('From 0 (unrelated) to 1 (the same meaning)');
    expect(scores.textContent).toContain('Combined score 0.031');
    expect(within(first).getByText('55 years')).toBeTruthy();
    expect(within(first).getByText('female')).toBeTruthy();
    const second = document.getElementById('case-6114123-2') as HTMLElement;
    expect(within(second).getByLabelText('Score breakdown').textContent).toContain('Meaning similarity —');
    expect(within(second).getByTestId('score-summary').textContent).not.toContain('meaning');
    expect(screen.getByText('Removed a citation to case 999, which was not retrieved.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Useful 6114123-2' })).toBeTruthy();
  });

  it('shows doctors what was searched for, and says when no published case was close enough', () => {
    const base = report();
    const none = report({
      cases: [],
      provenance: {
        ...base.provenance,
        retrieval: { ...base.provenance.retrieval, searchedFor: ['knee pain', 'edema', 'no fever'], noCloseCase: true },
      },
    });
    renderWithProviders(<ReportView report={none} audience="doctor" />);
    expect(screen.getByText('Searched for: knee pain, edema, no fever')).toBeTruthy();
    expect(screen.getByText('No sufficiently similar published case was found.')).toBeTruthy();
  });
});

describe('ReportQa', () => {
  it('streams the answer in as it arrives and ends with its cited case linked', async () => {
    let received: unknown;
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    server.use(
      http.post(`${API}/v1/encounters/enc-1/questions`, async ({ request }) => {
        received = askQuestionRequestSchema.parse(await request.json());
        expect(request.headers.get('accept')).toBe('text/event-stream');
        const final = answer();
        return sseResponse(
          [
            { type: 'delta', text: 'Weight loss with a long cough ' },
            { type: 'delta', text: 'was investigated further ' },
            { type: 'done', answer: final },
          ],
          { before: { 1: held } },
        );
      }),
    );
    const { user } = renderWithProviders(<ReportQa encounterId="enc-1" cases={sampleCases} audience="doctor" />);
    expect(screen.getByRole('heading', { name: 'Ask about this report' })).toBeTruthy();
    await user.type(screen.getByLabelText('Your question'), 'Should I worry about the weight loss?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    const region = screen.getByTestId('qa-answer');
    expect(await within(region).findByText(/^Weight loss with a long cough\s*$/)).toBeTruthy();
    expect(region.getAttribute('aria-busy')).toBe('true');
    release();
    const link = await within(region).findByRole('link', { name: /Similar case 1/ });
    expect(link.getAttribute('href')).toBe('#case-7665777-1');
    expect(region.getAttribute('aria-busy')).toBe('false');
    expect(within(region).getByText(/Based on: the report, the similar cases/)).toBeTruthy();
    expect(received).toEqual({ question: 'Should I worry about the weight loss?' });
  });

  it('tells a patient their answer comes from what the doctor wrote and the cases they shared', async () => {
    const fromView = {
      ...answer(),
      answer: 'Your doctor wrote: rest and fluids.',
      citations: [],
      sources: ['doctor_notes' as const, 'cases' as const],
    };
    server.use(
      http.post(`${API}/v1/encounters/enc-1/questions`, () =>
        sseResponse([
          { type: 'delta', text: fromView.answer },
          { type: 'done', answer: fromView },
        ]),
      ),
    );
    const { user } = renderWithProviders(<ReportQa encounterId="enc-1" cases={[]} audience="patient" />);
    expect(screen.getByRole('heading', { name: "Ask about your doctor's answer" })).toBeTruthy();
    await user.type(screen.getByLabelText('Your question'), 'What should I do?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    const region = screen.getByTestId('qa-answer');
    expect(await within(region).findByText('Based on: what your doctor wrote, the cases your doctor shared')).toBeTruthy();
    expect(region.textContent).not.toMatch(/the report|language model/);
  });

  it('shows no "Based on" line for an answer drawn from nothing (a medicine question sent to the doctor)', async () => {
    const routed = {
      encounterId: 'enc-1',
      question: 'Can I take naproxen?',
      answer: 'Please ask your doctor.',
      citations: [],
      sources: [],
      generatedBy: { kind: 'offline' as const, label: 'generated without a language model', model: null, fallbackReason: null },
      askedBy: 'patient' as const,
      createdAt: '2026-11-23T10:00:00.000Z',
    };
    server.use(
      http.post(`${API}/v1/encounters/enc-1/questions`, () =>
        sseResponse([
          { type: 'delta', text: routed.answer },
          { type: 'done', answer: routed },
        ]),
      ),
    );
    const { user } = renderWithProviders(<ReportQa encounterId="enc-1" cases={sampleCases} audience="patient" />);
    await user.type(screen.getByLabelText('Your question'), 'Can I take naproxen?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    const region = screen.getByTestId('qa-answer');
    expect(await within(region).findByText('Please ask your doctor.')).toBeTruthy();
    await waitFor(() => expect(region.getAttribute('aria-busy')).toBe('false'));
    expect(region.textContent).not.toMatch(/Based on|language model/);
  });

  it('says what happened when the stream reports an error, and when the question is empty', async () => {
    server.use(
      http.post(`${API}/v1/encounters/enc-1/questions`, () =>
        sseResponse([{ type: 'error', error: { code: 'QA_FAILED', message: 'The answer could not be composed.' } }]),
      ),
    );
    const { user } = renderWithProviders(<ReportQa encounterId="enc-1" cases={sampleCases} audience="patient" />);
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(screen.getByText('Type a question first.')).toBeTruthy();
    await user.type(screen.getByLabelText('Your question'), 'Is it serious?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText('The answer could not be composed.')).toBeTruthy();
  });

  it('refuses the HTTP error body with its message (e.g. report not released yet)', async () => {
    server.use(
      http.post(`${API}/v1/encounters/enc-1/questions`, () =>
        HttpResponse.json({ error: { code: 'NOT_RELEASED', message: 'The report has not been released yet.' } }, { status: 409 }),
      ),
    );
    const { user } = renderWithProviders(<ReportQa encounterId="enc-1" cases={sampleCases} audience="patient" />);
    await user.type(screen.getByLabelText('Your question'), 'Why?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText('The report has not been released yet.')).toBeTruthy();
  });
});
