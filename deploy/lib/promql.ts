import { parser } from '@prometheus-io/lezer-promql';

export interface Selector {
  metric: string;
  /** Equality matchers (label="value"), e.g. service="backend". */
  equals: Record<string, string>;
}

/**
 * The metric selectors of a PromQL expression, found with Prometheus' own lezer grammar (the one its
 * UI uses). A syntax error throws, so a broken query fails the check instead of being skipped.
 */
export function selectorsIn(expression: string): Selector[] {
  const tree = parser.parse(expression);
  const selectors: Selector[] = [];
  const errors: number[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name !== 'VectorSelector') return;
      const identifier = node.node.getChild('Identifier');
      if (!identifier) throw new Error(`a selector without a metric name in: ${expression}`);
      const equals: Record<string, string> = {};
      const matchers = node.node.getChild('LabelMatchers');
      for (const matcher of matchers?.getChildren('UnquotedLabelMatcher') ?? []) {
        const name = matcher.getChild('LabelName');
        const op = matcher.getChild('MatchOp');
        const value = matcher.getChild('StringLiteral');
        if (name && op && value && expression.slice(op.from, op.to) === '=') {
          equals[expression.slice(name.from, name.to)] = JSON.parse(expression.slice(value.from, value.to).replace(/^'|'$/g, '"'));
        }
      }
      selectors.push({ metric: expression.slice(identifier.from, identifier.to), equals });
    },
  });
  if (errors.length) throw new Error(`PromQL syntax error at ${errors[0]} in: ${expression}`);
  return selectors;
}

/** Grafana's template variables replaced by values PromQL accepts, so dashboards parse too. */
export function expandGrafanaVariables(expression: string): string {
  return expression
    .replace(/\$__(rate_interval|interval|range)\b/g, '5m')
    .replace(/\[\$\{?\w+\}?\]/g, '[5m]')
    .replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)/g, 'grafana_variable');
}

/**
 * Series names a metric family exports in the text format: a histogram `x` is queried as
 * x_bucket/x_sum/x_count, a summary as x/x_sum/x_count, a counter or gauge by its name.
 */
export function seriesNames(family: string, type: string): string[] {
  if (type === 'histogram') return [`${family}_bucket`, `${family}_sum`, `${family}_count`];
  if (type === 'summary') return [family, `${family}_sum`, `${family}_count`];
  return [family];
}

/** Families and types declared by a /metrics body (`# TYPE name type` lines). */
export function familiesIn(exposition: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const line of exposition.split('\n')) {
    const match = /^# TYPE (\S+) (\S+)/.exec(line);
    if (match) families.set(match[1], match[2]);
  }
  return families;
}
