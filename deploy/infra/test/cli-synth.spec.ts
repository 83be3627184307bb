import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTEXT } from './helpers.ts';

const outdir = mkdtempSync(join(tmpdir(), 'pi-infra-cli-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('cdk synth (the real CLI, cdk.json -> node bin/app.ts)', () => {
  it('synthesises production offline from context values, with the nag packs passing', () => {
    const context = { ...CONTEXT, env: 'production' };
    const args = ['synth', '--no-notices', '--no-version-reporting', '--quiet', '-o', outdir];
    for (const [key, value] of Object.entries(context)) args.push('-c', `${key}=${value}`);
    const result = spawnSync(join('node_modules', '.bin', 'cdk'), args, {
      cwd: join(import.meta.dirname, '..'),
      encoding: 'utf8',
      env: {
        ...process.env,
        // No credentials and no instance metadata: synth must not need an account.
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_PROFILE: '',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).not.toMatch(/AwsSolutions-|HIPAA\.Security-/);
    for (const layer of ['network', 'data', 'compute', 'model']) {
      expect(existsSync(join(outdir, `PatientInsight-production-${layer}.template.json`)), layer).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { missing?: unknown[] };
    expect(manifest.missing).toBeUndefined();
  });
});
