import { BlockList, isIPv6 } from 'node:net';
import type { K8sObject } from './helm.js';

/** A pod as a NetworkPolicy sees it: its labels and its namespace's labels (and its address, for ipBlock peers). */
export interface PeerPod {
  labels: Record<string, string>;
  namespace: string;
  namespaceLabels: Record<string, string>;
  ip?: string;
}

/** Something outside the cluster, known only by its address. */
export interface Address {
  ip: string;
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
type Peer = { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: { cidr: string; except?: string[] } };
type Rule = { ports?: { port?: string | number; protocol?: string }[] };

const matches = (selector: Selector | undefined, labels: Record<string, string>) => {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions are not evaluated here; use matchLabels');
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
};

const family = (ip: string) => (isIPv6(ip) ? 'ipv6' : 'ipv4');

/** Whether `ip` is in `cidr` and in none of `except` (node's own CIDR matching, IPv4 and IPv6). */
export function inIpBlock(block: { cidr: string; except?: string[] }, ip: string): boolean {
  const list = (cidrs: string[]) => {
    const blocks = new BlockList();
    for (const cidr of cidrs) {
      const [address, prefix] = cidr.split('/');
      blocks.addSubnet(address, Number(prefix), family(address));
    }
    return blocks;
  };
  if (family(block.cidr.split('/')[0]) !== family(ip)) return false;
  return list([block.cidr]).check(ip, family(ip)) && !list(block.except ?? []).check(ip, family(ip));
}

const peerMatches = (peer: Peer, policyNamespace: string, other: PeerPod | Address): boolean => {
  if (peer.ipBlock) return other.ip !== undefined && inIpBlock(peer.ipBlock, other.ip);
  if (!('labels' in other)) return false; // selectors pick pods, never outside addresses
  const nsOk = peer.namespaceSelector ? matches(peer.namespaceSelector, other.namespaceLabels) : other.namespace === policyNamespace;
  const podOk = peer.podSelector ? matches(peer.podSelector, other.labels) : true;
  return nsOk && podOk;
};

const portMatches = (rule: Rule, port: string | number, protocol: string) =>
  !rule.ports?.length || rule.ports.some((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);

/**
 * Whether a NetworkPolicy admits `source` to `port` (a named container port) of the pods it selects,
 * following the Kubernetes rules for ingress: any rule admits; a rule without `from` admits every
 * source; a podSelector alone means the policy's own namespace; an empty port list means all ports.
 */
export function admits(policy: K8sObject, policyNamespace: string, source: PeerPod | Address, port: string): boolean {
  const rules: (Rule & { from?: Peer[] })[] = policy.spec.ingress ?? [];
  return rules.some(
    (rule) =>
      portMatches(rule, port, 'TCP') && (!rule.from?.length || rule.from.some((peer) => peerMatches(peer, policyNamespace, source))),
  );
}

/**
 * Whether a NetworkPolicy with the Egress type lets the pods it selects open `port`/`protocol` to
 * `destination` (a pod or an outside address): the same rules as ingress, over `egress[].to`.
 */
export function allowsEgress(
  policy: K8sObject,
  policyNamespace: string,
  destination: PeerPod | Address,
  port: number,
  protocol: 'TCP' | 'UDP' = 'TCP',
): boolean {
  if (!policy.spec.policyTypes?.includes('Egress')) return true;
  const rules: (Rule & { to?: Peer[] })[] = policy.spec.egress ?? [];
  return rules.some(
    (rule) =>
      portMatches(rule, port, protocol) && (!rule.to?.length || rule.to.some((peer) => peerMatches(peer, policyNamespace, destination))),
  );
}
