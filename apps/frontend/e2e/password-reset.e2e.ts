import { simpleParser } from 'mailparser';
import { userSchema } from '@patientinsight/shared';
import { describe, expect, it } from 'vitest';
import { journeySetting, signIn, withServiceLogs } from './support/journey';
import { Journey, type ViewportName } from './support/browser';

const setting = journeySetting();
const withLogs = (error: unknown) => withServiceLogs(setting.stack, error);

// Issue 23's "password reset by e-mail link (through a local SMTP server)", at desktop size and at
// 390×844 against the three real services: the backend sends the link through the stack's SMTP
// server (smtp-server), the journey opens the link it received, sets a new password, signs in with
// it, and finds the link dead the second time. Then an admin's temporary password leads to the
// forced-change screen. Every step: a screenshot and axe-core.

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase 42';

/** The reset link of the newest message the SMTP server received for this address. */
async function resetLinkFor(email: string): Promise<string> {
  let raw: Buffer | undefined;
  await expect
    .poll(
      () => {
        raw = setting.stack.mail.filter((m) => m.to.includes(email)).at(-1)?.raw;
        return raw !== undefined;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  const parsed = await simpleParser(raw as Buffer);
  expect(parsed.subject).toBe('Reset your PatientInsight password');
  const link = /https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]{43}/.exec(parsed.text ?? '')?.[0];
  expect(link?.startsWith(`${setting.stack.appUrl}/reset-password#token=`)).toBe(true);
  return link as string;
}

describe.each<ViewportName>(['desktop', 'phone'])('password reset journeys (%s)', (viewport) => {
  it('a patient who forgot their password gets a link by e-mail, sets a new one and signs in; the link then no longer works', async () => {
    const email = `forgetful-${viewport}@example.org`;
    await setting.api.register(email, PASSWORD, `Forgetful ${viewport}`);
    const j = await Journey.start(setting.browser, 'password-reset', viewport);
    try {
      await j.page.goto(`${setting.stack.appUrl}/login`);
      await j.page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await j.checkpoint('sign-in');
      await j.page.getByRole('link', { name: 'Forgot password?' }).click();
      await j.page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await j.page.getByLabel('Email').fill(email);
      await j.checkpoint('ask-for-link');
      await j.page.getByRole('button', { name: 'Send me a reset link' }).click();
      await j.page.getByRole('status').getByText('If an account uses this address').waitFor();
      await j.checkpoint('link-sent');

      const link = await resetLinkFor(email);
      await j.page.goto(link);
      await j.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await j.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await j.checkpoint('choose-new-password');
      await j.page.getByRole('button', { name: 'Set new password' }).click();
      await j.page.getByText('Password changed').waitFor();
      await j.checkpoint('password-changed');

      await j.page.getByRole('status').getByRole('link', { name: 'Sign in' }).click();
      await j.page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await signIn(j.page, email, NEW_PASSWORD);
      await j.page.waitForURL(/\/patient/);
      await j.checkpoint('signed-in-with-new-password');
      // The old password is refused by the backend itself.
      await expect(setting.api.login(email, PASSWORD)).rejects.toThrow(/401/);

      // The same link a second time: used, so refused, with a way to ask again.
      await j.page.goto(link);
      await j.page.getByLabel('New password', { exact: true }).fill('yet another passphrase 7');
      await j.page.getByRole('button', { name: 'Set new password' }).click();
      await j.page.getByText('This link no longer works').waitFor();
      await j.checkpoint('link-used');
      expect(await j.page.getByRole('link', { name: 'Ask for a new link' }).count()).toBe(1);
      expect(j.consoleErrors).toEqual([]);
    } catch (error) {
      throw withLogs(error);
    } finally {
      await j.close();
    }
  });

  it('an admin sets a temporary password; the doctor must choose their own before anything else', async () => {
    const email = `dr-temp-${viewport}@example.org`;
    const doctor = await setting.api.createUser(setting.adminToken, {
      email,
      role: 'doctor',
      displayName: `Dr Temp ${viewport}`,
      initialPassword: 'initial-password-1',
    });
    await setting.api.changePassword(email, 'initial-password-1', PASSWORD);
    const a = await Journey.start(setting.browser, 'admin-temporary-password', viewport);
    try {
      await a.page.goto(`${setting.stack.appUrl}/login`);
      await signIn(a.page, setting.stack.admin.email, setting.stack.admin.password);
      await a.page.waitForURL(/\/admin/);
      await a.page.goto(`${setting.stack.appUrl}/admin/users`);
      const row = a.page.getByRole('row', { name: new RegExp(email) });
      await row.getByRole('button', { name: /Reset password/ }).click();
      await a.page.getByLabel('Temporary password', { exact: true }).fill('temporary passphrase 99');
      await a.checkpoint('set-temporary-password');
      await a.page.getByRole('button', { name: 'Set temporary password' }).click();
      await a.page.getByText(`Temporary password set for ${email}`).waitFor();
      await a.checkpoint('temporary-password-set');
      expect(a.consoleErrors).toEqual([]);
    } catch (error) {
      throw withLogs(error);
    } finally {
      await a.close();
    }
    const after = userSchema.parse(await setting.api.call('GET', `/v1/users/${doctor.id}`, setting.adminToken));
    expect(after.mustChangePassword).toBe(true);

    const d = await Journey.start(setting.browser, 'forced-password-change', viewport);
    try {
      await d.page.goto(`${setting.stack.appUrl}/login`);
      await signIn(d.page, email, 'temporary passphrase 99');
      await d.page.getByRole('heading', { name: 'Change your password' }).waitFor();
      await d.page.getByText('Choose your own before continuing').waitFor();
      await d.checkpoint('forced-change');
      // Any other page leads back here until the password is changed.
      await d.page.goto(`${setting.stack.appUrl}/doctor/queue`);
      await d.page.getByRole('heading', { name: 'Change your password' }).waitFor();
      await d.page.getByLabel('Current password').fill('temporary passphrase 99');
      await d.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await d.page.getByRole('button', { name: 'Change password' }).click();
      await d.page.getByText('Password changed.').waitFor();
      await d.checkpoint('changed');
      await d.page.getByRole('link', { name: 'Continue' }).click();
      await d.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await d.checkpoint('doctor-dashboard');
      expect(d.consoleErrors).toEqual([]);
    } catch (error) {
      throw withLogs(error);
    } finally {
      await d.close();
    }
  });
});
