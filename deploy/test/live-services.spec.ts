import { startStack, type Stack } from '@patientinsight/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, workload } from '../lib/helm.js';
import { isClusterMetric, queriesIn } from '../lib/monitoring.js';
import { SERVICES, type ServiceName } from '../lib/paths.js';
import { expandGrafanaVariables, familiesIn, selectorsIn, seriesNames } from '../lib/promql.js';

// The three services built from this repository, started from their dist on free ports with fresh
// data folders (as scripts/start-all.mjs does), and what they really export on /metrics.
let stack: Stack;
const exported = new Map<ServiceName, Set<string>>();

beforeAll(async () => {
  stack = await startStack();
  for (const service of SERVICES) {
    const res = await fetch(stack[service].metricsUrl);
    expect(res.status).toBe(200);
    const names = new Set<string>();
    for (const [family, type] of familiesIn(await res.text())) for (const name of seriesNames(family, type)) names.add(name);
    exported.set(service, names);
  }
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the running services', () => {
  it.each(SERVICES)('%s answers the probes its chart declares, on the API port', async (service) => {
    const container = workload(render(service)).spec.template.spec.containers[0];
    const paths = [container.livenessProbe, container.readinessProbe, container.startupProbe].map(
      (p: { httpGet: { path: string; port: string } }) => {
        expect(p.httpGet.port).toBe('http');
        return p.httpGet.path;
      },
    );
    expect(paths).toEqual(['/healthz', '/readyz', '/healthz']);
    for (const path of new Set(paths)) {
      const res = await fetch(`${stack[service].url}${path}`);
      expect(res.status, `${service} ${path}`).toBe(200);
    }
  });

  it('export every metric the alert rules and dashboards query', () => {
    const everything = new Set([...exported.values()].flatMap((s) => [...s]));
    const missing: string[] = [];
    const clusterMetrics = new Set<string>();
    let checked = 0;
    for (const query of queriesIn()) {
      for (const selector of selectorsIn(expandGrafanaVariables(query.expr))) {
        checked++;
        if (isClusterMetric(selector.metric)) {
          clusterMetrics.add(selector.metric);
          continue;
        }
        if (!everything.has(selector.metric)) missing.push(`${query.where}: ${selector.metric}`);
        // A selector pinned to one service must name a metric that service exports.
        const pinned = selector.equals.service as ServiceName | undefined;
        if (pinned && !exported.get(pinned)?.has(selector.metric))
          missing.push(`${query.where}: ${selector.metric} is not exported by ${pinned}`);
      }
    }
    console.log(
      `[metrics] ${checked} selectors checked against live /metrics; from the cluster (cAdvisor, kube-state-metrics, Prometheus): ${[...clusterMetrics].sort().join(', ')}`,
    );
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('would catch a metric nobody exports', () => {
    const everything = new Set([...exported.values()].flatMap((s) => [...s]));
    const [selector] = selectorsIn('rate(http_requests_total[5m])');
    expect(everything.has(selector.metric)).toBe(false);
    expect(everything.has('http_request_duration_seconds_bucket')).toBe(true);
  });
});
