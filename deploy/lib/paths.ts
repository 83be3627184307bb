import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEPLOY_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_ROOT = join(DEPLOY_DIR, '..');
export const HELM_DIR = join(DEPLOY_DIR, 'helm');
export const MONITORING_DIR = join(DEPLOY_DIR, 'monitoring');

export const SERVICES = ['frontend', 'backend', 'embedder'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const chartDir = (service: ServiceName) => join(HELM_DIR, service);
export const productionValues = (service: ServiceName) => join(chartDir(service), 'values-production.example.yaml');
