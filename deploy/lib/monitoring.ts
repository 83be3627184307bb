import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yaml from 'js-yaml';
import { MONITORING_DIR } from './paths.js';

export const RULES_DIR = join(MONITORING_DIR, 'rules');
export const RULE_TESTS_DIR = join(MONITORING_DIR, 'tests');
export const DASHBOARDS_DIR = join(MONITORING_DIR, 'dashboards');

export const ruleFiles = () =>
  readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(RULES_DIR, f));
export const ruleTestFiles = () =>
  readdirSync(RULE_TESTS_DIR)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(RULE_TESTS_DIR, f));
export const dashboardFiles = () =>
  readdirSync(DASHBOARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(DASHBOARDS_DIR, f));

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function rulesIn(file: string): Rule[] {
  const { groups } = yaml.load(readFileSync(file, 'utf8')) as { groups: { name: string; rules: Rule[] }[] };
  return groups.flatMap((g) => g.rules);
}

/** Every PromQL expression a rule or dashboard runs, with where it comes from (for messages). */
export interface Query {
  where: string;
  expr: string;
}

interface Panel {
  title?: string;
  type?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

export function queriesIn(): Query[] {
  const queries: Query[] = [];
  for (const file of ruleFiles())
    for (const rule of rulesIn(file)) queries.push({ where: `${file.split('/').pop()}: ${rule.alert ?? rule.record}`, expr: rule.expr });
  for (const file of dashboardFiles()) {
    const dashboard = JSON.parse(readFileSync(file, 'utf8')) as {
      panels: Panel[];
      templating?: { list: { name: string; type: string; definition?: string }[] };
    };
    const visit = (panel: Panel) => {
      for (const target of panel.targets ?? [])
        if (target.expr) queries.push({ where: `${file.split('/').pop()}: ${panel.title}`, expr: target.expr });
      for (const child of panel.panels ?? []) visit(child);
    };
    for (const panel of dashboard.panels) visit(panel);
    for (const variable of dashboard.templating?.list ?? []) {
      const metric = variable.type === 'query' ? /label_values\((\w+)/.exec(variable.definition ?? '')?.[1] : undefined;
      if (metric) queries.push({ where: `${file.split('/').pop()}: variable ${variable.name}`, expr: metric });
    }
  }
  return queries;
}

/**
 * Series that come from the cluster, not from our services: cAdvisor (container_*), kube-state-metrics
 * (kube_*) and Prometheus' own `up`. Only these prefixes may be missing from the services' /metrics.
 */
export const isClusterMetric = (metric: string) => metric === 'up' || metric.startsWith('container_') || metric.startsWith('kube_');
