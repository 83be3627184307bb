import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendApi } from './support/api';
import { Journey, launchBrowser, type ViewportName } from './support/browser';
import { writeCaseFile } from './support/case-file';
import { type E2eStack, startE2eStack } from './support/stack';

let stack: E2eStack;
let browser: Browser;
let api: BackendApi;
const scratch = mkdtempSync(join(tmpdir(), 'patientinsight-e2e-files-'));

beforeAll(async () => {
  stack = await startE2eStack();
  api = new BackendApi(stack.backendUrl);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(j: Journey, email: string, password: string) {
  const { page } = j;
  await page.goto(`${stack.appUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.each<ViewportName>(['desktop', 'phone'])('browser journeys (%s)', (viewport) => {
  it('operator uploads a case file with bad rows and sees each reason', async () => {
    const j = await Journey.start(browser, 'operator', viewport);
    const { page } = j;
    try {
      await signIn(j, stack.admin.email, stack.admin.password);
      await page.getByRole('heading', { name: 'Case ingestion' }).waitFor();
      await j.checkpoint('ingestion-home');

      const file = writeCaseFile(scratch, `e2e${viewport}`);
      await page.getByLabel('Case file').setInputFiles(file.path);
      await page.getByRole('button', { name: 'Start ingestion' }).click();
      await page.getByRole('heading', { name: 'Ingestion job' }).waitFor();
      await page.getByTestId('job-rate').waitFor();
      await j.checkpoint('job-running');

      // The drift gate may hold a small batch for a decision; the operator approves it. A job the
      // embedder cannot index (no retrieval configured) fails, and says why.
      const finished = page.getByText(/^(Succeeded|Failed|Waiting for your approval \(drift\))$/);
      await finished.waitFor({ timeout: 60_000 });
      const outcome = await finished.textContent();
      if (outcome?.startsWith('Waiting')) {
        await j.checkpoint('awaiting-approval');
        await page.getByRole('button', { name: 'Approve batch' }).click();
        await page.getByText('Succeeded', { exact: true }).waitFor({ timeout: 30_000 });
      }
      if (outcome === 'Failed') await page.getByRole('heading', { name: 'The job failed' }).waitFor();
      if (stack.sample.state === 'succeeded') expect(outcome).not.toBe('Failed');
      const table = page.getByRole('table').filter({ hasText: 'Reason' });
      for (const bad of file.bad.filter((b) => b.field !== 'caseId')) {
        const row = table.getByRole('row').filter({ hasText: bad.caseId });
        await expect.poll(async () => row.count()).toBeGreaterThan(0);
        expect(await row.first().textContent()).toContain(bad.field);
      }
      await page.getByRole('button', { name: 'All', exact: true }).click();
      await table.getByRole('row').filter({ hasText: 'duplicate' }).first().waitFor();
      await page.getByRole('heading', { name: 'Data quality and drift' }).scrollIntoViewIfNeeded();
      await page.getByRole('heading', { name: 'Age distribution (% of cases)' }).waitFor();
      await j.checkpoint('job-done-rejections-and-charts');

      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('heading', { name: 'Entries' }).waitFor();
      await j.checkpoint('audit');
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { name: 'Accounts' }).waitFor();
      await j.checkpoint('users');
      expect(j.consoleErrors).toEqual([]);
    } finally {
      await j.close();
    }
  });
});
