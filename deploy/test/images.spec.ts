import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '@patientinsight/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOf, descendants, mustRun, run, runAsync, STORAGE_OPTS, uidsOf } from '../lib/containers.js';
import { DEPLOY_DIR, REPO_ROOT, SERVICES, type ServiceName } from '../lib/paths.js';

// Builds the three Dockerfiles with podman (no Docker daemon here) against a locally made
// node:24-bookworm-slim stand-in, then boots each image with buildah's chroot isolation on the
// embedded defaults (PGlite, local index, offline model) and talks to it over the host network.

// The build context: the repository (default), or a clean export of it (PI_IMAGE_CONTEXT=<dir>).
const context = process.env.PI_IMAGE_CONTEXT ?? REPO_ROOT;
// PI_IMAGES=frontend[,backend...] builds and boots only those images (the others' builds would share the cores).
const wanted = process.env.PI_IMAGES?.split(',').map((s) => s.trim()) ?? [...SERVICES];
const unknown = wanted.filter((s) => !(SERVICES as readonly string[]).includes(s));
if (unknown.length > 0) throw new Error(`PI_IMAGES: unknown image ${unknown.join(', ')} (one of ${SERVICES.join(', ')})`);
const images = SERVICES.filter((s) => wanted.includes(s));
const tag = (service: ServiceName) => `localhost/patientinsight/${service}:test`;
const report: { service: string; sizeMb: number; buildSeconds: number }[] = [];
let baseSizeMb = 0;

// Settings the services refuse to start without in production: credentials (from the chart's Secret in
// Kubernetes) and, for the backend, a mail relay (the boot check sends no mail, so none listens).
const productionEnvFor = (service: ServiceName): Record<string, string> =>
  service === 'frontend'
    ? {}
    : {
        SERVICE_TOKEN: randomBytes(24).toString('hex'),
        ...(service === 'backend'
          ? {
              JWT_SECRET: randomBytes(48).toString('base64'),
              AUDIT_HMAC_KEY: randomBytes(48).toString('base64'),
              MAIL_TRANSPORT: 'smtp',
              SMTP_HOST: '127.0.0.1',
            }
          : {}),
      };

interface ImageConfig {
  User: string;
  Cmd: string[];
  WorkingDir: string;
  Env: string[];
  Healthcheck?: { Test: string[] };
}

beforeAll(() => {
  execFileSync('bash', [join(DEPLOY_DIR, 'images/make-node-standin.sh')], { stdio: 'inherit' });
  baseSizeMb =
    Number(mustRun('podman', ['image', 'inspect', '--format', '{{.Size}}', 'docker.io/library/node:24-bookworm-slim']).trim()) / 1e6;
  run('podman', ['image', 'prune', '-f']); // images left untagged by earlier runs
  startBuilds();
});

afterAll(() => {
  console.log(`\n[images] base node:24-bookworm-slim stand-in: ${baseSizeMb.toFixed(0)} MB`);
  console.log('[images] service    size (MB)   built after (s, the three builds run at once)');
  for (const r of report)
    console.log(`[images] ${r.service.padEnd(10)} ${r.sizeMb.toFixed(0).padStart(9)}   ${r.buildSeconds.toFixed(0).padStart(9)}`);
});

async function waitFor(url: string, isAlive: () => boolean, timeoutMs = 120_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    if (!isAlive()) throw new Error(`the container exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return res;
      last = `HTTP ${res.status}`;
      await res.body?.cancel();
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url}: ${last} after ${timeoutMs} ms`);
}

const buildArgs = (service: ServiceName) => [
  'build',
  '--pull=never',
  '--layers=false',
  '--isolation',
  'chroot',
  '--format',
  'docker', // keeps HEALTHCHECK (OCI drops it)
  '-f',
  `apps/${service}/Dockerfile`,
  '-t',
  tag(service),
  // The machine's extra CA bundle (TLS-inspecting proxies); empty in production.
  ...(process.env.NODE_EXTRA_CA_CERTS
    ? ['--volume', `${process.env.NODE_EXTRA_CA_CERTS}:/run/extra-ca.pem:ro`, '--build-arg', 'NODE_EXTRA_CA_CERTS=/run/extra-ca.pem']
    : []),
  '.',
];

// The three builds run at once (network, compiler and disk overlap); each test boots its image as
// soon as its own build is done.
const builds = new Map<ServiceName, Promise<{ status: number | null; log: string; seconds: number }>>();
function startBuilds(): void {
  const started = Date.now();
  for (const service of images)
    builds.set(
      service,
      runAsync('podman', buildArgs(service), context).then((result) => ({ ...result, seconds: (Date.now() - started) / 1000 })),
    );
}

describe.each(images)('image %s', (service) => {
  it('builds with podman, then boots as the non-root user and answers /healthz and /metrics', async () => {
    const build = await (builds.get(service) as Promise<{ status: number | null; log: string; seconds: number }>);
    const buildSeconds = build.seconds;
    if (build.status !== 0) throw new Error(`podman build ${service} failed:\n${build.log.slice(-6000)}`);

    const inspect = JSON.parse(mustRun('podman', ['image', 'inspect', tag(service)]))[0] as {
      Size: number;
      Config: ImageConfig;
      Healthcheck?: { Test: string[] };
    };
    const sizeMb = inspect.Size / 1e6;
    report.push({ service, sizeMb, buildSeconds });
    console.log(`[images] ${service}: ${sizeMb.toFixed(0)} MB, built in ${buildSeconds.toFixed(0)} s`);

    const config = inspect.Config;
    expect(config.User).toMatch(/^\d+(:\d+)?$/);
    const uid = Number(config.User.split(':')[0]);
    expect(uid).toBeGreaterThan(0);
    const healthcheck = inspect.Healthcheck?.Test ?? config.Healthcheck?.Test;
    expect(healthcheck?.[0]).toBe('CMD');
    expect(config.Cmd[0]).toBe('node');

    const port = await freePort();
    const metricsPort = await freePort();
    const env = { PORT: String(port), METRICS_PORT: String(metricsPort), HOST: '127.0.0.1', ...productionEnvFor(service) };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
    const container =
      mustRun('buildah', ['from', '--pull-never', tag(service)])
        .trim()
        .split('\n')
        .pop() ?? '';
    const child = spawn(
      'buildah',
      [...STORAGE_OPTS, 'run', '--isolation', 'chroot', '--user', config.User, ...envArgs, container, '--', ...config.Cmd],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    const alive = () => child.exitCode === null && child.signalCode === null;
    try {
      const health = await waitFor(`http://127.0.0.1:${port}/healthz`, alive).catch((error: Error) => {
        throw new Error(`${error.message}\n${output.slice(-4000)}`);
      });
      expect(health.status).toBe(200);
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      const body = await metrics.text();
      expect(body).toContain('# TYPE http_request_duration_seconds histogram');
      expect(body).toContain(`service="${service}"`);

      // The process serving these ports runs as the image's numeric user, not root.
      const node = descendants(child.pid ?? -1).find((pid) => commandOf(pid)[0]?.endsWith('node'));
      if (node === undefined) throw new Error('no node process under buildah run');
      expect(uidsOf(node)).toEqual([uid, uid, uid, uid]);

      // The image's own HEALTHCHECK command passes against the running service.
      const probe = run('buildah', [
        'run',
        '--isolation',
        'chroot',
        '--user',
        config.User,
        ...envArgs,
        container,
        '--',
        ...(healthcheck ?? []).slice(1),
      ]);
      expect(probe.status, probe.stderr).toBe(0);

      // SIGTERM drains and exits cleanly, as Kubernetes stops a pod.
      process.kill(node, 'SIGTERM');
      const exitCode = await new Promise<number | null>((resolve) =>
        alive() ? child.once('exit', (code) => resolve(code)) : resolve(child.exitCode),
      );
      expect(exitCode, output.slice(-2000)).toBe(0);
    } finally {
      if (alive()) child.kill('SIGKILL');
      run('buildah', ['rm', container]);
    }
  });
});
