// Writes deploy/monitoring/prometheusrule.yaml (the Prometheus Operator's PrometheusRule) from the plain
// rules file, so the two never disagree. The deploy tests fail when the committed file is stale.
//   node deploy/scripts/build-prometheusrule.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';

const monitoring = fileURLToPath(new URL('../monitoring/', import.meta.url));
export const rulesPath = `${monitoring}rules/patientinsight.rules.yml`;
export const prometheusRulePath = `${monitoring}prometheusrule.yaml`;

export function buildPrometheusRule() {
  const { groups } = yaml.load(readFileSync(rulesPath, 'utf8'));
  const object = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'patientinsight',
      namespace: 'monitoring',
      labels: { 'app.kubernetes.io/part-of': 'patientinsight', release: 'kube-prometheus-stack' },
    },
    spec: { groups },
  };
  return `# Generated from rules/patientinsight.rules.yml by deploy/scripts/build-prometheusrule.mjs; do not edit.\n${yaml.dump(object, { lineWidth: -1, noRefs: true })}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(prometheusRulePath, buildPrometheusRule());
  console.log(`wrote ${prometheusRulePath}`);
}
