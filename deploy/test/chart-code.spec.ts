import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { find, type K8sObject, render, workload } from '../lib/helm.js';
import { productionValues, REPO_ROOT, SERVICES, type ServiceName } from '../lib/paths.js';

// The services' own configuration, imported from their builds: nothing here restates a default.
const CONFIG_MODULES: Record<ServiceName, { path: string; schema: string; load: string }> = {
  backend: { path: 'apps/backend/dist/config/backend.config.js', schema: 'backendConfigSchema', load: 'loadBackendConfig' },
  embedder: { path: 'apps/embedder/dist/config/embedder.config.js', schema: 'embedderConfigSchema', load: 'loadEmbedderConfig' },
  frontend: { path: 'apps/frontend/dist/server/frontend.config.js', schema: 'frontendConfigSchema', load: 'loadFrontendConfig' },
};

/** What is used of a zod object schema (the services' own; zod is their dependency, not ours). */
interface ZodObjectLike {
  shape: Record<string, { parse(value: unknown): unknown }>;
}

interface ServiceConfig {
  schema: ZodObjectLike;
  load: (env: Record<string, string | undefined>) => Record<string, unknown>;
  /** A setting's default, read from the schema (`undefined` parses to the default). */
  defaultOf: (key: string) => unknown;
}

const configs = {} as Record<ServiceName, ServiceConfig>;

beforeAll(async () => {
  for (const service of SERVICES) {
    const { path, schema, load } = CONFIG_MODULES[service];
    const module = await import(pathToFileURL(join(REPO_ROOT, path)).href);
    const zodSchema = module[schema] as ZodObjectLike;
    configs[service] = { schema: zodSchema, load: module[load], defaultOf: (key) => zodSchema.shape[key].parse(undefined) };
  }
});

// Stand-ins for the Secret's values (the real ones live in the cluster), valid for the schemas.
const PLACEHOLDER_SECRETS: Record<string, string> = {
  DATABASE_URL: 'postgres://patientinsight:secret@postgres.example:5432/patientinsight',
  SERVICE_TOKEN: 'a'.repeat(48),
  JWT_SECRET: 'b'.repeat(64),
  AUDIT_HMAC_KEY: 'c'.repeat(48),
  REDIS_URL: 'rediss://:secret@redis.example:6379',
  PINECONE_API_KEY: 'pcsk_placeholder',
  SMTP_PASSWORD: 'smtp-placeholder',
};

// Settings the chart has no default for and the operator must add to `config` (the service refuses to
// start without them): the backend's mail relay (production refuses the outbox).
const OPERATOR_SETTINGS: Record<string, string> = { SMTP_HOST: 'relay.example' };

/** The environment a pod sees: ConfigMap via envFrom (plus what the operator must add) and required Secret keys (placeholders). */
function podEnvironment(objects: K8sObject[], operatorSettings = OPERATOR_SETTINGS): Record<string, string> {
  const container = workload(objects).spec.template.spec.containers[0];
  const env: Record<string, string> = { ...operatorSettings, ...find(objects, 'ConfigMap').data };
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    if (!ref || ref.optional) continue;
    if (!(entry.name in PLACEHOLDER_SECRETS)) throw new Error(`add a placeholder for the required secret ${entry.name}`);
    env[entry.name] = PLACEHOLDER_SECRETS[entry.name];
  }
  return env;
}

const variants = (service: ServiceName) =>
  [
    ['default values', []],
    ['production example', [productionValues(service)]],
  ] as [string, string[]][];

describe.each(SERVICES)('%s chart and code agree', (service) => {
  it.each(variants(service))('ports and probes equal the code’s defaults (%s)', (_, valuesFiles) => {
    const { defaultOf } = configs[service];
    const objects = render(service, { valuesFiles });
    const deployment = workload(objects);
    const container = deployment.spec.template.spec.containers[0];
    const ports = Object.fromEntries(container.ports.map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]));
    expect(ports).toEqual({ http: defaultOf('PORT'), metrics: defaultOf('METRICS_PORT') });
    const settings = find(objects, 'ConfigMap').data;
    expect(Number(settings.PORT)).toBe(defaultOf('PORT'));
    expect(Number(settings.METRICS_PORT)).toBe(defaultOf('METRICS_PORT'));
    // Probes point at the named API port; the metrics Service at the metrics port.
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe])
      expect(probe.httpGet.port).toBe('http');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(find(objects, 'Service', deployment.metadata.name).spec.ports[0].targetPort).toBe('http');
    expect(find(objects, 'Service', `${deployment.metadata.name}-metrics`).spec.ports[0].port).toBe(defaultOf('METRICS_PORT'));
  });

  it.each(variants(service))('every setting and credential the chart passes is one the code reads (%s)', (_, valuesFiles) => {
    const { schema } = configs[service];
    const known = Object.keys(schema.shape);
    const objects = render(service, { valuesFiles });
    const container = workload(objects).spec.template.spec.containers[0];
    const passed = [...Object.keys(find(objects, 'ConfigMap').data), ...(container.env ?? []).map((e: { name: string }) => e.name)];
    expect(passed.filter((name) => !known.includes(name))).toEqual([]);
  });

  it.each(variants(service))('the rendered settings pass the service’s own config loader (%s)', (_, valuesFiles) => {
    const { load } = configs[service];
    const objects = render(service, { valuesFiles });
    const config = load(podEnvironment(objects));
    expect(config.PORT).toBe(workload(objects).spec.template.spec.containers[0].ports[0].containerPort);
    // The data directory, when the service has one, is on a mounted (writable) volume.
    if ('DATA_DIR' in config) {
      const mounts = workload(objects).spec.template.spec.containers[0].volumeMounts.map((m: { mountPath: string }) => m.mountPath);
      expect(mounts.some((m: string) => String(config.DATA_DIR).startsWith(`${m}/`))).toBe(true);
    }
  });

  it('gives pods longer to stop than the service takes to drain', () => {
    const { defaultOf } = configs[service];
    const pod = workload(render(service)).spec.template.spec;
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(defaultOf('SHUTDOWN_TIMEOUT_MS') as number);
  });

  it('a bad setting in values is refused by the service’s loader (the check above can fail)', () => {
    const { load } = configs[service];
    const objects = render(service, { set: ['config.LOG_LEVEL=loud'] });
    expect(() => load(podEnvironment(objects))).toThrow(/LOG_LEVEL/);
  });
});

describe('backend chart defaults', () => {
  it('leave only the mail relay to the operator: without SMTP_HOST the backend refuses to start, naming it', () => {
    const objects = render('backend');
    expect(find(objects, 'ConfigMap').data.MAIL_TRANSPORT).toBe('smtp');
    expect(() => configs.backend.load(podEnvironment(objects, {}))).toThrow(
      /^Invalid configuration: SMTP_HOST: is required when MAIL_TRANSPORT=smtp$/,
    );
  });
});
