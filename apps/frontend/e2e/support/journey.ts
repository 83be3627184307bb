import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BackendApi } from './api';
import { launchBrowser } from './browser';
import { type E2eStack, startE2eStack } from './stack';

/** What every journey file runs against: one stack, one browser, the backend's API and the admin's token. */
export interface JourneySetting {
  stack: E2eStack;
  browser: Browser;
  api: BackendApi;
  adminToken: string;
}

/** Starts the stack and the browser before a file's journeys and stops them after; the fields are set once beforeAll ran. */
export function journeySetting(): JourneySetting {
  const setting = {} as JourneySetting;
  beforeAll(async () => {
    setting.stack = await startE2eStack();
    setting.api = new BackendApi(setting.stack.backendUrl);
    setting.adminToken = (await setting.api.login(setting.stack.admin.email, setting.stack.admin.password)).accessToken;
    setting.browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await setting.browser?.close();
    await setting.stack?.stop();
  });
  return setting;
}

/** A failing step's error, with what the services said on stderr. */
export function withServiceLogs(stack: E2eStack, error: unknown): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  e.message = `${e.message}\n\nservice logs:\n${stack.logs()}`;
  return e;
}

/** Signs in through the form (opening the sign-in page first when `appUrl` is given). */
export async function signIn(page: Page, email: string, password: string, appUrl?: string) {
  if (appUrl) await page.goto(`${appUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A doctor account the admin created, with its first-login password change already done. */
export async function doctorAccount(setting: JourneySetting, tag: string, password: string) {
  const email = `dr-${tag}@example.org`;
  await setting.api.createUser(setting.adminToken, {
    email,
    role: 'doctor',
    displayName: `Dr ${tag}`,
    initialPassword: 'initial-password-1',
  });
  await setting.api.changePassword(email, 'initial-password-1', password);
  return { email, token: (await setting.api.login(email, password)).accessToken };
}
