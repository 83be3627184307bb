import { type PatientView, patientViewSchema } from '@patientinsight/shared';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/test-utils';
import { PatientAnswer } from './patient-answer';

const view = (overrides: Partial<PatientView> = {}): PatientView =>
  patientViewSchema.parse({
    encounterId: 'enc-1',
    status: 'released',
    releasedAt: '2026-12-06T10:00:00.000Z',
    doctorName: 'Dr Rivera',
    message: 'Nothing here needs an emergency visit.',
    notes: 'Likely post-viral cough.',
    prescription: [{ medication: 'Dextromethorphan', dose: '15 mg', route: 'oral', frequency: 'every 6 hours', duration: '5 days' }],
    nextSteps: ['Book a chest X-ray this week'],
    sharedCases: [
      {
        caseId: 'c-1',
        title: 'Persistent cough after a viral illness',
        pmid: '1',
        pubmedUrl: 'https://pubmed.ncbi.nlm.nih.gov/1/',
        age: 50,
        sex: 'F',
        snippet: 'A 50-year-old woman…',
      },
    ],
    withReport: true,
    ...overrides,
  });

describe('PatientAnswer', () => {
  it('puts the doctor’s words first, then the prescription, next steps and only the shared cases', () => {
    renderWithProviders(<PatientAnswer view={view()} />);
    const answer = screen.getByTestId('patient-answer');
    expect(
      within(answer)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['From Dr Rivera', 'Your prescription', 'What to do next', 'Published cases your doctor shared']);
    expect(within(answer).getByRole('link', { name: 'Persistent cough after a viral illness' }).getAttribute('href')).toBe(
      'https://pubmed.ncbi.nlm.nih.gov/1/',
    );
    expect(within(answer).getByText('Book a chest X-ray this week')).toBeTruthy();
  });

  it('lists no cases when the doctor shared none, and says so when there is no written note', () => {
    renderWithProviders(
      <PatientAnswer view={view({ message: null, notes: null, prescription: [], nextSteps: [], sharedCases: [], doctorName: null })} />,
    );
    const answer = screen.getByTestId('patient-answer');
    expect(within(answer).queryByRole('heading', { name: 'Published cases your doctor shared' })).toBeNull();
    expect(within(answer).getByRole('heading', { name: 'From your doctor' })).toBeTruthy();
    expect(within(answer).getByText('Your doctor did not add a written note.')).toBeTruthy();
    expect(within(answer).getByText('No medicines prescribed.')).toBeTruthy();
  });
});
