import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { type BuildOptions, buildApp, type PatientInsightStacks } from '../lib/app.ts';

/** The context a CI job would pass: a placeholder account, a real region, the repository. No AWS account is contacted. */
export const CONTEXT = { account: '123456789012', region: 'eu-west-1', githubRepository: 'patientinsight/patientinsight' };

export interface Synthesised {
  app: App;
  stacks: PatientInsightStacks;
  outdir: string;
  dispose: () => void;
}

/** One app per environment; Template.fromStack synthesises it once and reuses the assembly for every stack. */
export function build(env: 'staging' | 'production', context: Record<string, unknown> = {}, options: BuildOptions = {}): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'pi-infra-'));
  const app = new App({ outdir, context: { ...CONTEXT, env, ...context } });
  const stacks = buildApp(app, options);
  return { app, stacks, outdir, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Asset hashes (the Lambda bundles CDK adds for its own custom resources) change with aws-cdk-lib, not with us. */
export function normalise(template: unknown): string {
  return `${JSON.stringify(template, null, 2).replace(/[0-9a-f]{64}/g, '<asset-hash>')}\n`;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] | string }>;

export function resourcesOf(template: { toJSON(): Record<string, unknown> }, type: string): Array<[string, Record<string, unknown>]> {
  const resources = template.toJSON().Resources as Resources;
  return Object.entries(resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}
