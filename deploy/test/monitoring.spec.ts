import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildPrometheusRule, prometheusRulePath } from '../scripts/build-prometheusrule.mjs';
import type { K8sObject } from '../lib/helm.js';
import { validateObject } from '../lib/k8s-schemas.js';
import { dashboardFiles, queriesIn, RULES_DIR, ruleFiles, rulesIn, ruleTestFiles } from '../lib/monitoring.js';
import { MONITORING_DIR } from '../lib/paths.js';
import { expandGrafanaVariables, selectorsIn } from '../lib/promql.js';

// Debian's prometheus package (scripts/ensure-system-packages.sh installs it); no npm package ships promtool.
const promtool = (args: string[], cwd = MONITORING_DIR) => {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (result.error) throw new Error(`promtool is not installed (run scripts/ensure-system-packages.sh): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

const alerts = () =>
  ruleFiles()
    .flatMap(rulesIn)
    .filter((r) => r.alert);

describe('alert rules', () => {
  it('pass promtool check rules', () => {
    const result = promtool(['check', 'rules', ...ruleFiles()]);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });

  it('pass promtool test rules', () => {
    const result = promtool(['test', 'rules', ...ruleTestFiles()]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('cover what the runbook promises: errors, latency, readiness, ingestion, drift, retrieval confidence, model fallback, first token', () => {
    const names = alerts().map((a) => a.alert);
    for (const expected of [
      'HighErrorRate',
      'HighLatencyP95',
      'ReadinessFlapping',
      'IngestionFailures',
      'IngestionStalled',
      'DataDriftOverThreshold',
      'LowRetrievalConfidence',
      'ModelFallbackRate',
      'SlowTimeToFirstToken',
    ]) {
      expect(names).toContain(`PatientInsight${expected}`);
    }
    const runbook = readFileSync(join(MONITORING_DIR, '../../docs/operations.md'), 'utf8');
    for (const alert of alerts()) {
      expect(alert.labels?.severity).toMatch(/^(warning|critical)$/);
      expect(alert.annotations?.runbook_url).toBe(`docs/operations.md#${String(alert.alert).toLowerCase()}`);
      expect(runbook, `docs/operations.md has no section for ${alert.alert}`).toContain(`### ${alert.alert}`);
    }
  });

  it('have a firing and a silent case for every alert in the promtool tests', () => {
    const cases = ruleTestFiles().flatMap((file) =>
      (
        yaml.load(readFileSync(file, 'utf8')) as { tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[] }
      ).tests.flatMap((t) => t.alert_rule_test ?? []),
    );
    for (const alert of alerts()) {
      const mine = cases.filter((c) => c.alertname === alert.alert);
      expect(
        mine.some((c) => c.exp_alerts.length > 0),
        `${alert.alert} never fires in a test`,
      ).toBe(true);
      expect(
        mine.some((c) => c.exp_alerts.length === 0),
        `${alert.alert} has no silent case`,
      ).toBe(true);
    }
  });

  it('make promtool fail when a rule stops firing (the tests can fail)', () => {
    const work = mkdtempSync(join(tmpdir(), 'rules-'));
    try {
      cpSync(MONITORING_DIR, work, { recursive: true });
      const rules = join(work, 'rules', 'patientinsight.rules.yml');
      writeFileSync(rules, readFileSync(rules, 'utf8').replace('> 0.05', '> 0.5'));
      const result = promtool(['test', 'rules', join(work, 'tests', 'patientinsight.test.yml')], work);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('PatientInsightHighErrorRate');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('ship as a PrometheusRule generated from the plain file, valid against the CRD schema', () => {
    const committed = readFileSync(prometheusRulePath, 'utf8');
    expect(committed, 'prometheusrule.yaml is stale: run node deploy/scripts/build-prometheusrule.mjs').toBe(buildPrometheusRule());
    const object = yaml.load(committed) as K8sObject;
    expect(() => validateObject(object)).not.toThrow();
    expect(object.spec.groups).toEqual(
      (yaml.load(readFileSync(join(RULES_DIR, 'patientinsight.rules.yml'), 'utf8')) as { groups: unknown }).groups,
    );
  });
});

describe('dashboards', () => {
  it('are Grafana dashboards for cluster and pods, the application, model and retrieval, ingestion', () => {
    const titles = dashboardFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')).title);
    expect(titles.sort()).toEqual([
      'PatientInsight / Application',
      'PatientInsight / Cluster and pods',
      'PatientInsight / Ingestion',
      'PatientInsight / Model and retrieval',
    ]);
    for (const file of dashboardFiles()) {
      const dashboard = JSON.parse(readFileSync(file, 'utf8'));
      expect(dashboard.uid).toMatch(/^pi-/);
      const ids = dashboard.panels.map((p: { id: number }) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(dashboard.templating.list.find((v: { type: string }) => v.type === 'datasource')).toBeDefined();
    }
  });

  it('query only valid PromQL (parsed with Prometheus’ own grammar)', () => {
    const queries = queriesIn();
    expect(queries.length).toBeGreaterThan(40);
    for (const query of queries) expect(() => selectorsIn(expandGrafanaVariables(query.expr)), query.where).not.toThrow();
    expect(() => selectorsIn('sum(rate(http_request_duration_seconds_count[5m])')).toThrow(/syntax error/);
  });
});
