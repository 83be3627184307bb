import { prescriptionRequestSchema, type PatientView } from '@patientinsight/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { encounterDetail } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { ReviewForm } from './review-form';

setupMswServer();

/** Stands in for the patient's page component the doctor route passes (features do not import each other). */
const preview = (view: PatientView) => (
  <div>
    <p>From {view.doctorName}</p>
    <p>{view.notes}</p>
  </div>
);

const profile = { conditions: [], medications: ['Amlodipine 5 mg'], allergies: ['penicillin (rash)'] };
const conflict = {
  item: 0,
  medication: 'Amoxicillin',
  allergy: 'penicillin (rash)',
  drugClass: 'penicillins (beta-lactams)',
  crossReactive: false,
};

describe('ReviewForm allergy check', () => {
  it('shows the allergies and current medicines beside the prescription', () => {
    renderWithProviders(<ReviewForm encounter={encounterDetail({ profile })} currentUserId="doctor-1" renderPreview={preview} />);
    const aside = screen.getByRole('complementary', { name: 'Before prescribing' });
    expect(within(aside).getByText('penicillin (rash)')).toBeTruthy();
    expect(within(aside).getByText('Amlodipine 5 mg')).toBeTruthy();
  });

  it('names the conflict from a 409 and saves again only with an override reason', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.put(`${API}/v1/encounters/enc-1/notes`, () => HttpResponse.json(encounterDetail({ profile }))),
      http.put(`${API}/v1/encounters/enc-1/prescription`, async ({ request }) => {
        const body = prescriptionRequestSchema.parse(await request.json());
        bodies.push(body);
        if (!body.allergyOverride) {
          return HttpResponse.json(
            {
              error: {
                code: 'ALLERGY_CONFLICT',
                message: 'Amoxicillin (item 1) belongs to penicillins (beta-lactams)',
                details: { conflicts: [conflict] },
              },
            },
            { status: 409 },
          );
        }
        return HttpResponse.json(encounterDetail({ profile }));
      }),
    );
    const { user } = renderWithProviders(
      <ReviewForm encounter={encounterDetail({ profile })} currentUserId="doctor-1" renderPreview={preview} />,
    );
    await user.click(screen.getByRole('button', { name: 'Add a medicine' }));
    const medicine = screen.getByRole('group', { name: 'Medicine 1' });
    await user.type(within(medicine).getByLabelText('Medicine'), 'Amoxicillin');
    await user.type(within(medicine).getByLabelText(/^Dose/), '500 mg');
    await user.type(within(medicine).getByLabelText(/^Frequency/), 'three times a day');
    await user.type(within(medicine).getByLabelText(/^Duration/), '7 days');
    expect(screen.queryByLabelText(/^Reason to prescribe despite the allergy/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(
      await screen.findByText(
        /Medicine 1, Amoxicillin, is in penicillins \(beta-lactams\); the patient's recorded allergy: "penicillin \(rash\)"/,
      ),
    ).toBeTruthy();
    const reason = screen.getByLabelText(/^Reason to prescribe despite the allergy/);

    // Too short: the shared schema refuses it before anything is sent.
    await user.type(reason, 'ok');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('must be at least 10 characters')).toBeTruthy();
    expect(bodies).toHaveLength(1);

    await user.type(reason, ' - tolerated amoxicillin last year');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Notes and prescription saved.')).toBeTruthy();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toMatchObject({
      items: [{ medication: 'Amoxicillin' }],
      allergyOverride: { reason: 'ok - tolerated amoxicillin last year' },
    });
    expect(screen.queryByText(/Allergy conflict/)).toBeNull();
  });

  it('shows a conflict with an allergy the patient recorded after the prescription, held or released', () => {
    const prescription = [
      { medication: 'Amoxicillin', dose: '500 mg', route: 'oral' as const, frequency: 'three times a day', duration: '7 days' },
    ];
    const allergyWarning = { detectedAt: '2026-12-06T10:00:00.000Z', profileVersion: 3, conflicts: [conflict] };
    const held = renderWithProviders(
      <ReviewForm encounter={encounterDetail({ prescription, allergyWarning })} currentUserId="doctor-1" renderPreview={preview} />,
    );
    const prescribing = screen.getByRole('group', { name: 'Prescription' });
    const alert = within(prescribing).getByRole('alert');
    expect(alert.textContent).toContain('Allergy recorded after this prescription.');
    expect(alert.textContent).toContain(
      'Medicine 1, Amoxicillin, is in penicillins (beta-lactams); newly recorded allergy: "penicillin (rash)".',
    );
    expect(alert.textContent).toContain('save it again with an override reason');
    held.unmount();

    renderWithProviders(
      <ReviewForm
        encounter={encounterDetail({ status: 'released', prescription, allergyWarning })}
        currentUserId="doctor-1"
        renderPreview={preview}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('already been released: contact the patient');
  });

  it('shows no warning when there is none', () => {
    renderWithProviders(
      <ReviewForm encounter={encounterDetail({ allergyWarning: null })} currentUserId="doctor-1" renderPreview={preview} />,
    );
    expect(screen.queryByText(/Allergy recorded after this prescription/)).toBeNull();
  });
});
