import type { K8sObject } from './helm.js';

/** A pod as a NetworkPolicy sees it: its labels and its namespace's labels. */
export interface PeerPod {
  labels: Record<string, string>;
  namespace: string;
  namespaceLabels: Record<string, string>;
}

const matches = (selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined, labels: Record<string, string>) => {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions are not evaluated here; use matchLabels');
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
};

/**
 * Whether a NetworkPolicy admits `source` to `port` (a named container port) of the pods it selects,
 * following the Kubernetes rules for ingress: any rule admits; a rule without `from` admits every
 * source; a podSelector alone means the policy's own namespace; an empty port list means all ports.
 */
export function admits(policy: K8sObject, policyNamespace: string, source: PeerPod, port: string): boolean {
  const rules: { from?: { podSelector?: never; namespaceSelector?: never; ipBlock?: unknown }[]; ports?: { port?: string | number }[] }[] = policy.spec.ingress ?? [];
  return rules.some((rule) => {
    const portOk = !rule.ports?.length || rule.ports.some((p) => p.port === port);
    if (!portOk) return false;
    if (!rule.from?.length) return true;
    return rule.from.some((peer) => {
      if (peer.ipBlock) return false;
      const nsOk = peer.namespaceSelector ? matches(peer.namespaceSelector, source.namespaceLabels) : source.namespace === policyNamespace;
      const podOk = peer.podSelector ? matches(peer.podSelector, source.labels) : true;
      return nsOk && podOk;
    });
  });
}
