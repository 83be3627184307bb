import type { Locator, Page } from 'playwright-core';
import { encounterDetailSchema } from '@patientinsight/shared';
import { describe, expect, it } from 'vitest';
import { doctorAccount, journeySetting, signIn, withServiceLogs } from './support/journey';
import { Journey, type ViewportName } from './support/browser';

const setting = journeySetting();
const withLogs = (error: unknown) => withServiceLogs(setting.stack, error);

// Issue 23's prescribing journeys, at desktop size and at 390×844, against the three real services: a medicine
// in the class of a recorded allergy is held until the doctor gives an override reason, which the history keeps;
// an allergy the patient records after a prescription puts a warning on the doctor's encounter. Every step: a
// screenshot and axe-core.

const PASSWORD = 'correct horse battery staple';
const OVERRIDE = 'Tolerated amoxicillin in 2024 without a reaction; the rash was with flucloxacillin';

/** A patient with these allergies in their profile and a submitted intake. */
async function submittedEncounter(tag: string, allergies: string[]) {
  const email = `pt-${tag}@example.org`;
  const patient = await setting.api.register(email, PASSWORD, `Pat ${tag}`);
  await setting.api.call('PUT', '/v1/profile', patient.accessToken, { age: 52, sex: 'M', medications: ['Amlodipine 5 mg'], allergies });
  const encounter = await setting.api.startEncounter(patient.accessToken);
  await setting.api.completeIntake(patient.accessToken, encounter.id);
  await setting.api.submit(patient.accessToken, encounter.id);
  return { email, token: patient.accessToken, id: encounter.id };
}

/** Opens the encounter, waits for its report, claims it and adds one medicine to the prescription. */
async function claimAndPrescribe(
  page: Page,
  id: string,
  medicine: { name: string; dose: string; frequency: string; duration: string },
): Promise<Locator> {
  await page.goto(`${setting.stack.appUrl}/doctor/encounters/${id}`);
  await page.getByRole('heading', { name: 'Similar published cases' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Claim this encounter' }).click();
  await page.getByRole('button', { name: 'Add a medicine' }).click();
  const item = page.getByRole('group', { name: 'Medicine 1' });
  await item.getByLabel('Medicine', { exact: true }).fill(medicine.name);
  await item.getByLabel('Dose').fill(medicine.dose);
  await item.getByLabel('Frequency').fill(medicine.frequency);
  await item.getByLabel('Duration').fill(medicine.duration);
  return item;
}

const prescriptionOf = async (id: string, token: string) =>
  encounterDetailSchema.parse(await setting.api.call('GET', `/v1/encounters/${id}`, token)).prescription;

describe.each<ViewportName>(['desktop', 'phone'])('prescribing journeys (%s)', (viewport) => {
  it('doctor: amoxicillin for a patient allergic to penicillin is held until an override reason is given; the history shows it', async () => {
    expect(setting.stack.sample.state).toBe('succeeded');
    const patient = await submittedEncounter(`amox-${viewport}`, ['penicillin (rash)']);
    const doctor = await doctorAccount(setting, `amox-${viewport}`, PASSWORD);
    const j = await Journey.start(setting.browser, 'allergy-override', viewport);
    const { page } = j;
    try {
      await signIn(page, doctor.email, PASSWORD, setting.stack.appUrl);
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await claimAndPrescribe(page, patient.id, {
        name: 'Amoxicillin',
        dose: '500 mg',
        frequency: 'three times a day',
        duration: '7 days',
      });
      // The allergies and current medicines stand beside the prescription before anything is saved.
      const before = page.getByRole('complementary', { name: 'Before prescribing' });
      await before.getByText('penicillin (rash)').waitFor();
      await before.getByText('Amlodipine 5 mg').waitFor();
      await j.checkpoint('prescribing-beside-allergies');

      await page.getByRole('button', { name: 'Save draft' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'Allergy conflict.' });
      await conflict
        .getByText('Medicine 1, Amoxicillin, is in penicillins (beta-lactams); the patient\'s recorded allergy: "penicillin (rash)".')
        .waitFor();
      const reason = page.getByLabel('Reason to prescribe despite the allergy');
      await reason.waitFor();
      await j.checkpoint('allergy-conflict');

      // Saving again without a reason goes back to the backend and is refused again; a short reason is refused in place.
      await page.getByRole('button', { name: 'Save draft' }).click();
      await conflict.waitFor();
      await reason.fill('ok');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('must be at least 10 characters').waitFor();
      // Nothing was saved: no prescription at all (null) on the encounter.
      expect((await prescriptionOf(patient.id, doctor.token)) ?? []).toEqual([]);
      await j.checkpoint('override-reason-too-short');

      await reason.fill(OVERRIDE);
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('Notes and prescription saved.').waitFor();
      expect(await conflict.count()).toBe(0);
      expect(await prescriptionOf(patient.id, doctor.token)).toEqual([
        expect.objectContaining({ medication: 'Amoxicillin', dose: '500 mg' }),
      ]);
      await j.checkpoint('saved-with-override');

      await page.getByText(/^History \(\d+ events\)$/).click();
      await page.getByText(`allergy override: “${OVERRIDE}”`).waitFor();
      await j.checkpoint('history-shows-override');
      expect(j.consoleErrors).toEqual([]);
    } catch (error) {
      throw withLogs(error);
    } finally {
      await j.close();
    }
  });

  it('patient records an NSAID allergy after the doctor prescribed ibuprofen; the doctor’s encounter shows the warning', async () => {
    const patient = await submittedEncounter(`nsaid-${viewport}`, []);
    const doctor = await doctorAccount(setting, `nsaid-${viewport}`, PASSWORD);
    const d = await Journey.start(setting.browser, 'allergy-after-prescription', viewport);
    try {
      await signIn(d.page, doctor.email, PASSWORD, setting.stack.appUrl);
      await d.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await claimAndPrescribe(d.page, patient.id, {
        name: 'Ibuprofen',
        dose: '400 mg',
        frequency: 'three times a day',
        duration: '5 days',
      });
      await d.page.getByRole('complementary', { name: 'Before prescribing' }).getByText('Allergies: none recorded').waitFor();
      await d.page.getByRole('button', { name: 'Save draft' }).click();
      await d.page.getByText('Notes and prescription saved.').waitFor();
      await d.checkpoint('ibuprofen-saved');

      // The patient updates their profile in the browser: the five steps, prefilled, with one allergy added.
      const p = await Journey.start(setting.browser, 'patient-adds-allergy', viewport);
      try {
        await signIn(p.page, patient.email, PASSWORD, setting.stack.appUrl);
        await p.page.waitForURL(/\/patient/);
        await p.page.goto(`${setting.stack.appUrl}/patient/onboarding`);
        await p.page.getByRole('heading', { name: 'Step 1 of 5: About you' }).waitFor();
        for (let step = 1; step < 4; step++) await p.page.getByRole('button', { name: 'Continue' }).click();
        await p.page.getByRole('heading', { name: 'Step 4 of 5: Medicines and allergies' }).waitFor();
        expect(await p.page.getByLabel('Medicines you take').inputValue()).toBe('Amlodipine 5 mg');
        await p.page.getByRole('textbox', { name: 'Allergies' }).fill('NSAIDs');
        await p.checkpoint('profile-allergy-added');
        await p.page.getByRole('button', { name: 'Continue' }).click();
        await p.page.getByRole('heading', { name: 'Step 5 of 5' }).waitFor();
        await p.page.getByRole('button', { name: 'Save profile' }).click();
        await p.page.waitForURL(/\/patient$/);
        await p.checkpoint('profile-saved');
        expect(p.consoleErrors).toEqual([]);
      } finally {
        await p.close();
      }

      await d.page.reload();
      const warning = d.page
        .getByRole('group', { name: 'Prescription' })
        .getByRole('alert')
        .filter({ hasText: 'Allergy recorded after this prescription.' });
      await warning.getByText('Medicine 1, Ibuprofen, is in NSAIDs (incl. aspirin); newly recorded allergy: "NSAIDs".').waitFor();
      await warning.getByText('Change the prescription, or save it again with an override reason.').waitFor();
      await d.page.getByText(/^History \(\d+ events\)$/).click();
      await d.page.getByText('allergy recorded after the prescription: Ibuprofen / “NSAIDs”').waitFor();
      await d.checkpoint('doctor-sees-allergy-warning');
      expect(d.consoleErrors).toEqual([]);
    } catch (error) {
      throw withLogs(error);
    } finally {
      await d.close();
    }
  });
});
