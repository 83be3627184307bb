import { intakeMessageRequestSchema } from '@patientinsight/shared';
import { screen, waitFor } from '@testing-library/react';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { intakeState } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { IntakeChat } from './intake-chat';

setupMswServer();

const at = '2026-11-23T10:00:01.000Z';

describe('IntakeChat', () => {
  it('sends an answer, shows the typing indicator while waiting, asks the next question and moves the progress', async () => {
    const sent: unknown[] = [];
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState())),
      http.post(`${API}/v1/encounters/enc-1/messages`, async ({ request }) => {
        const body = intakeMessageRequestSchema.parse(await request.json());
        sent.push(body);
        await delay(150);
        const base = intakeState();
        return HttpResponse.json(
          intakeState({
            summary: { ...base.summary, chiefComplaint: body.text },
            conversation: [
              ...base.conversation,
              { role: 'patient', text: body.text, field: 'chiefComplaint', at },
              { role: 'assistant', text: 'When did it start?', field: 'onset', at },
            ],
            question: { field: 'onset', text: 'When did it start?', kind: 'open' },
          }),
        );
      }),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);

    expect(await screen.findByText('What brings you here today?')).toBeTruthy();
    expect(screen.getByText('0 of 10 topics covered')).toBeTruthy();
    const box = screen.getByLabelText('Your answer');
    expect(document.activeElement).toBe(box);

    await user.type(box, 'A dry cough for three months{Enter}');
    expect(await screen.findByRole('status', { name: 'PatientInsight is typing' })).toBeTruthy();
    expect(await screen.findByText('When did it start?')).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'PatientInsight is typing' })).toBeNull();
    expect(sent).toEqual([{ text: 'A dry cough for three months' }]);
    expect(screen.getByText('1 of 10 topics covered')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Intake progress' }).getAttribute('aria-valuenow')).toBe('10');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Your answer')));
  });

  it('answers a screening question with its buttons, sending the question id, and shows the emergency guidance on a yes', async () => {
    const sent: unknown[] = [];
    const screening = {
      field: null,
      kind: 'screening' as const,
      id: 'chest.radiation',
      text: 'Does the pain spread to your arm, jaw, neck or back?',
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
        { value: 'unsure', label: 'Not sure' },
      ],
    };
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState({ question: screening }))),
      http.post(`${API}/v1/encounters/enc-1/messages`, async ({ request }) => {
        sent.push(intakeMessageRequestSchema.parse(await request.json()));
        const flag = {
          category: 'acute_coronary_syndrome',
          label: 'chest pain that could be a heart attack',
          evidence: 'Yes',
          source: 'screening' as const,
          guidance: 'emergency' as const,
        };
        return HttpResponse.json(
          intakeState({
            status: 'urgent',
            triage: {
              urgent: true,
              flags: [flag],
              guidance: 'This may be an emergency. Call your local emergency number now.',
              patientResponse: null,
            },
            question: {
              field: null,
              kind: 'confirm_flag',
              id: 'confirm_flag',
              text: 'Is this happening now?',
              options: [
                { value: 'now', label: 'Yes, it is happening now' },
                { value: 'misunderstanding', label: 'No, I misunderstood or it is not happening now' },
              ],
            },
          }),
        );
      }),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
    const group = await screen.findByRole('group', { name: 'Answer' });
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Yes', 'No', 'Not sure']);
    await user.click(screen.getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(sent).toEqual([{ text: 'Yes', questionId: 'chest.radiation' }]));
    expect(await screen.findByRole('button', { name: 'No, I misunderstood or it is not happening now' })).toBeTruthy();
    expect(screen.queryByLabelText('Your answer')).toBeNull();
  });

  it('keeps the opening question in the log when the stored conversation starts at the answer', async () => {
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState({ conversation: [] }))),
      http.post(`${API}/v1/encounters/enc-1/messages`, () =>
        HttpResponse.json(
          intakeState({
            conversation: [
              { role: 'patient', text: 'Headache', field: 'chiefComplaint', at },
              { role: 'assistant', text: 'When did it start?', field: 'onset', at },
            ],
            question: { field: 'onset', text: 'When did it start?', kind: 'open' },
          }),
        ),
      ),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
    await user.type(await screen.findByLabelText('Your answer'), 'Headache{Enter}');
    await screen.findByText('When did it start?');
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect([...log.querySelectorAll('.bubble')].map((b) => b.textContent)).toEqual([
      'PatientInsight asked: What brings you here today?',
      'You said: Headache',
      'PatientInsight asked: When did it start?',
    ]);
  });

  it('refuses an empty answer on the client with the reason, without calling the server', async () => {
    let posts = 0;
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState())),
      http.post(`${API}/v1/encounters/enc-1/messages`, () => {
        posts++;
        return HttpResponse.json(intakeState());
      }),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
    await user.click(await screen.findByRole('button', { name: 'Send' }));
    expect(screen.getByText('Type an answer before sending.')).toBeTruthy();
    expect(screen.getByLabelText('Your answer').getAttribute('aria-invalid')).toBe('true');
    expect(posts).toBe(0);
  });

  it('stops the chat on a red flag: emergency guidance takes focus, the answer box is gone, and nothing dismisses it', async () => {
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState())),
      http.post(`${API}/v1/encounters/enc-1/messages`, () =>
        HttpResponse.json(
          intakeState({
            status: 'urgent',
            question: null,
            triage: {
              urgent: true,
              flags: [
                {
                  category: 'cardiac_chest_pain',
                  label: 'chest pain spreading to the arm',
                  evidence: 'crushing chest pain going down my left arm',
                },
              ],
              guidance: 'Call your local emergency number now.',
            },
          }),
        ),
      ),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
    await user.type(await screen.findByLabelText('Your answer'), 'crushing chest pain going down my left arm{Enter}');

    const banner = await screen.findByTestId('red-flag-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(screen.getByText('Call your local emergency number now.')).toBeTruthy();
    expect(screen.getByText(/chest pain spreading to the arm/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Get emergency help now' })));
    expect(screen.queryByLabelText('Your answer')).toBeNull();
    expect(screen.queryByRole('button', { name: /close|dismiss/i })).toBeNull();
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('red-flag-banner')).toBeTruthy();
  });

  it('keeps the text and says what happened when sending fails', async () => {
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState())),
      http.post(`${API}/v1/encounters/enc-1/messages`, () =>
        HttpResponse.json({ error: { code: 'ENCOUNTER_CLOSED', message: 'This consultation was already submitted.' } }, { status: 409 }),
      ),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
    await user.type(await screen.findByLabelText('Your answer'), 'headache{Enter}');
    expect(await screen.findByText('This consultation was already submitted.')).toBeTruthy();
    expect((screen.getByLabelText('Your answer') as HTMLTextAreaElement).value).toBe('headache');
  });

  it('once complete: counts only what was told, moves focus to the review, and shows the completion slot', async () => {
    server.use(http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState({ status: 'complete', question: null }))));
    renderWithProviders(<IntakeChat encounterId="enc-1" whenComplete={() => <button type="button">Submit to my doctor</button>} />);
    expect(await screen.findByRole('button', { name: 'Submit to my doctor' })).toBeTruthy();
    expect(screen.getByText('0 of 10 topics covered')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Check your summary before you send it' })),
    );
    expect(screen.getByTestId('disclaimer')).toBeTruthy();
  });

  it('skips an open question, and finishes only after a confirmation that names what is missing', async () => {
    const sent: unknown[] = [];
    const base = intakeState();
    const summary = {
      ...base.summary,
      chiefComplaint: 'My right knee hurts',
      hpi: { ...base.summary.hpi, location: 'right knee' },
      answered: ['chiefComplaint' as const, 'location' as const],
      inferred: ['location' as const],
    };
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () =>
        HttpResponse.json(intakeState({ summary, question: { field: 'onset', text: 'When did it start?', kind: 'open' } })),
      ),
      http.post(`${API}/v1/encounters/enc-1/messages`, async ({ request }) => {
        sent.push(intakeMessageRequestSchema.parse(await request.json()));
        return HttpResponse.json(
          intakeState({
            summary: { ...summary, skipped: ['onset'] },
            question: { field: 'character', text: 'What does it feel like?', kind: 'open' },
          }),
        );
      }),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
    expect(await screen.findByText('When did it start?')).toBeTruthy();
    expect(screen.getByText('2 of 10 topics covered')).toBeTruthy();
    expect(screen.getByText('(from an earlier answer)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Skip this question' }));
    expect(await screen.findByText('What does it feel like?')).toBeTruthy();
    expect(sent).toEqual([{ text: 'Skip this question', skip: true }]);
    expect(screen.getByText('(skipped)')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Finish now' }));
    const heading = screen.getByRole('heading', { name: 'Finish now?' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(
      screen.getByText(
        /We have not covered: what it feels like, how bad \(1–10\), pattern, what makes it worse, what helps, other symptoms, other context\./,
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Keep answering' }));
    expect(screen.queryByRole('heading', { name: 'Finish now?' })).toBeNull();
    expect(sent).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Finish now' }));
    await user.click(screen.getByRole('button', { name: 'Yes, finish now' }));
    await waitFor(() =>
      expect(sent).toEqual([
        { text: 'Skip this question', skip: true },
        { text: 'I would like to finish now.', finish: true },
      ]),
    );
  });

  it('offers no skip for a safety question and explains the severity buttons', async () => {
    const base = intakeState();
    const summary = { ...base.summary, chiefComplaint: 'knee pain', answered: ['chiefComplaint' as const] };
    const screening = {
      field: null,
      kind: 'screening' as const,
      id: 'injury.head',
      text: 'Did you hit your head?',
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    };
    server.use(http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState({ summary, question: screening }))));
    renderWithProviders(<IntakeChat encounterId="enc-1" />);
    expect(await screen.findByText(/This is a safety question, so it cannot be skipped/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Skip this question' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Finish now' })).toBeTruthy();
  });

  it('the review step edits one topic and sends it as a correction of that field', async () => {
    const sent: unknown[] = [];
    const base = intakeState();
    const summary = {
      ...base.summary,
      chiefComplaint: 'knee pain',
      hpi: { ...base.summary.hpi, onset: 'since Saturday morning', severity: 6 },
      answered: ['chiefComplaint' as const, 'onset' as const, 'severity' as const],
      finishedEarly: true,
    };
    server.use(
      http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(intakeState({ status: 'complete', question: null, summary }))),
      http.post(`${API}/v1/encounters/enc-1/messages`, async ({ request }) => {
        const body = intakeMessageRequestSchema.parse(await request.json());
        sent.push(body);
        return HttpResponse.json(
          intakeState({ status: 'complete', question: null, summary: { ...summary, hpi: { ...summary.hpi, onset: body.text } } }),
        );
      }),
    );
    const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
    expect(await screen.findByText('6 out of 10')).toBeTruthy();
    expect(screen.getByText(/You finished before these were covered: what it feels like, where,/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit when it started' }));
    const box = screen.getByLabelText('Your answer: when it started') as HTMLTextAreaElement;
    expect(box.value).toBe('since Saturday morning');
    await user.clear(box);
    await user.type(box, 'Friday evening');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Friday evening')).toBeTruthy();
    expect(sent).toEqual([{ text: 'Friday evening', field: 'onset' }]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit when it started' })));
  });

  it('keeps focus on the finish confirmation when the last turn returns focus to the answer box late', async () => {
    // A busy machine runs the turn's focus frame after the confirmation has opened; it must not take focus back.
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      frames.push(callback);
      return frames.length;
    });
    try {
      const base = intakeState();
      const summary = { ...base.summary, chiefComplaint: 'My right knee hurts', answered: ['chiefComplaint' as const] };
      server.use(
        http.get(`${API}/v1/encounters/enc-1/intake`, () =>
          HttpResponse.json(intakeState({ summary, question: { field: 'onset', text: 'When did it start?', kind: 'open' } })),
        ),
        http.post(`${API}/v1/encounters/enc-1/messages`, () =>
          HttpResponse.json(
            intakeState({
              summary: { ...summary, skipped: ['onset'] },
              question: { field: 'character', text: 'What does it feel like?', kind: 'open' },
            }),
          ),
        ),
      );
      const { user } = renderWithProviders(<IntakeChat encounterId="enc-1" />);
      expect(await screen.findByText('When did it start?')).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Skip this question' }));
      expect(await screen.findByText('What does it feel like?')).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Finish now' }));
      const heading = screen.getByRole('heading', { name: 'Finish now?' });
      await waitFor(() => expect(document.activeElement).toBe(heading));
      for (const frame of frames.splice(0)) frame(performance.now());
      expect(document.activeElement).toBe(heading);
    } finally {
      raf.mockRestore();
    }
  });
});
