import * as monitoring from '@kubernetes-models/prometheus-operator';
import * as k8s from 'kubernetes-models';
import type { K8sObject } from './helm.js';

interface Model {
  new (data: unknown): { validate(): void };
}

/** "networking.k8s.io" -> "networkingK8sIo", the namespace name kubernetes-models exports. */
const groupKey = (group: string) => group.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The kubernetes-models class for an object's apiVersion and kind (core, apps, batch, ... and the
 * prometheus-operator CRDs). Unknown kinds throw: nothing rendered goes unvalidated.
 */
export function modelFor(apiVersion: string, kind: string): Model {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  // biome-ignore lint/suspicious/noExplicitAny: looking up generated namespaces by name
  const root: any = group === '' ? k8s : group === 'monitoring.coreos.com' ? monitoring.monitoringCoreosCom : (k8s as any)[groupKey(group)];
  const model = group === '' ? root?.[version]?.[kind] : root?.[version]?.[kind];
  if (typeof model !== 'function') throw new Error(`no schema for ${apiVersion} ${kind}`);
  return model as Model;
}

/** Validates one rendered object against its Kubernetes (or CRD) OpenAPI schema; throws with the path. */
export function validateObject(object: K8sObject): void {
  const Model = modelFor(object.apiVersion, object.kind);
  new Model(object).validate();
}
