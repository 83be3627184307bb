import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { find, helm, type K8sObject, render, templateArgs, workload } from '../lib/helm.js';
import { validateObject } from '../lib/k8s-schemas.js';
import { admits, allowsEgress, type PeerPod } from '../lib/network-policy.js';
import { chartDir, productionValues, SERVICES, type ServiceName } from '../lib/paths.js';

const variants = (service: ServiceName) => [
  { name: 'default values', valuesFiles: [] as string[] },
  { name: 'production example', valuesFiles: [productionValues(service)] },
];

const NLB = 'service.beta.kubernetes.io/aws-load-balancer';

describe.each(SERVICES)('chart %s', (service) => {
  describe.each(variants(service))('with $name', ({ valuesFiles }) => {
    it('passes helm lint', () => {
      const result = helm(['lint', chartDir(service), ...valuesFiles.flatMap((f) => ['-f', f])]);
      expect(result.stderr + result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(result.status).toBe(0);
    });

    it('renders objects that each validate against their Kubernetes schema', () => {
      const objects = render(service, { valuesFiles });
      const kinds = objects.map((o) => o.kind).sort();
      for (const kind of [
        'ConfigMap',
        service === 'embedder' ? 'StatefulSet' : 'Deployment',
        'NetworkPolicy',
        'Pod',
        'PodDisruptionBudget',
        'Service',
        'ServiceAccount',
      ])
        expect(kinds).toContain(kind);
      for (const object of objects) {
        expect(() => validateObject(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
      }
    });

    it('runs as non-root with a read-only root filesystem, no capabilities, resources and a spread', () => {
      const deployment = workload(render(service, { valuesFiles }));
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
        expect(container.resources.limits.memory).toBeDefined();
        // Every writable path is a declared volume.
        expect(container.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toContain('/tmp');
      }
      expect(pod.topologySpreadConstraints.length).toBeGreaterThan(0);
      for (const constraint of pod.topologySpreadConstraints)
        expect(constraint.labelSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    });

    it('takes credentials only from a Secret, never from the ConfigMap', () => {
      const objects = render(service, { valuesFiles });
      const container = workload(objects).spec.template.spec.containers[0];
      const secretEnv = (container.env ?? []).filter((e: { valueFrom?: { secretKeyRef?: unknown } }) => e.valueFrom?.secretKeyRef);
      expect(secretEnv.length).toBe((container.env ?? []).length);
      const configKeys = Object.keys(find(objects, 'ConfigMap').data);
      for (const credential of [
        'DATABASE_URL',
        'SERVICE_TOKEN',
        'JWT_SECRET',
        'AUDIT_HMAC_KEY',
        'AUDIT_HMAC_KEYS_PREVIOUS',
        'OPENAI_API_KEY',
        'PINECONE_API_KEY',
        'S3_SECRET_ACCESS_KEY',
        'SMTP_URL',
      ]) {
        expect(configKeys).not.toContain(credential);
      }
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    });

    it('has a helm test hook that calls /readyz through the Service', () => {
      const objects = render(service, { valuesFiles });
      const testPod = objects.find((o) => o.kind === 'Pod' && o.metadata.annotations?.['helm.sh/hook'] === 'test');
      if (!testPod) throw new Error('no helm test pod rendered');
      const command = testPod.spec.containers[0].command.join(' ');
      const serviceName = find(objects, 'Service', workload(objects).metadata.name).metadata.name;
      expect(command).toContain(`http://${serviceName}:`);
      expect(command).toContain('/readyz');
      // Not selected by its own Service (a test pod must never receive traffic).
      const selector = find(objects, 'Service', serviceName).spec.selector as Record<string, string>;
      expect(Object.entries(selector).every(([k, v]) => testPod.metadata.labels?.[k] === v)).toBe(false);
    });
  });

  it('rejects a port given as text, naming the value and the reason', () => {
    const result = helm(templateArgs(service, { set: ['service.port=notaport'] }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema(s)");
    expect(result.stderr).toContain("at '/service/port': got string, want integer");
  });

  it('rejects an unknown key, naming it', () => {
    const result = helm(templateArgs(service, { set: ['service.bogus=1'] }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("at '/service': additional properties 'bogus' not allowed");
    const top = helm(templateArgs(service, { set: ['replicas=3'] }));
    expect(top.stderr).toContain("additional properties 'replicas' not allowed");
  });

  it('rejects a lower-case or chart-owned setting in config', () => {
    expect(helm(templateArgs(service, { set: ['config.logLevel=debug'] })).stderr).toContain("invalid propertyName 'logLevel'");
    expect(helm(templateArgs(service, { set: ['config.PORT=1234'] })).stderr).toContain("invalid propertyName 'PORT'");
  });

  it('keeps the metrics port off the main Service: a separate ClusterIP Service and a ServiceMonitor on it', () => {
    const objects = render(service, { valuesFiles: [productionValues(service)] });
    const deployment = workload(objects);
    const main = find(objects, 'Service', deployment.metadata.name);
    expect(main.spec.ports.map((p: { targetPort: string }) => p.targetPort)).not.toContain('metrics');
    const metricsService = find(objects, 'Service', `${deployment.metadata.name}-metrics`);
    expect(metricsService.spec.type).toBe('ClusterIP');
    const monitor = find(objects, 'ServiceMonitor');
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics', honorLabels: true });
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => metricsService.metadata.labels?.[k] === v)).toBe(true);
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => main.metadata.labels?.[k] === v)).toBe(false);
  });

  it('scales with an autoscaling/v2 HPA on CPU (and a custom metric when set) and drops replicas from the Deployment', () => {
    const objects = render(service, {
      valuesFiles: [productionValues(service)],
      set: ['autoscaling.customMetric.enabled=true', 'autoscaling.customMetric.name=http_requests_per_second'],
    });
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.metrics.map((m: { type: string }) => m.type)).toEqual(['Resource', 'Pods']);
    expect(hpa.spec.metrics[0].resource.name).toBe('cpu');
    expect(hpa.spec.metrics[1].pods.metric.name).toBe('http_requests_per_second');
    expect(workload(objects).spec.replicas).toBeUndefined();
    expect(find(objects, 'PodDisruptionBudget').spec.minAvailable).toBeGreaterThanOrEqual(1);
  });

  it('annotates the ServiceAccount for IRSA when a role is given', () => {
    const arn = 'arn:aws:iam::123456789012:role/patientinsight-test';
    const account = find(render(service, { set: [`irsa.roleArn=${arn}`] }), 'ServiceAccount');
    expect(account.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBe(arn);
    expect(helm(templateArgs(service, { set: ['irsa.roleArn=not-an-arn'] })).stderr).toContain("at '/irsa/roleArn'");
  });
});

describe('the schema validation itself', () => {
  it('catches a broken object (so a pass above means something)', () => {
    const deployment = workload(render('backend'));
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => validateObject(deployment)).toThrow(/containerPort/);
    expect(() => validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toThrow(
      'no schema for example.com/v1 Widget',
    );
  });
});

describe('backend audit verification CronJob', () => {
  it.each(variants('backend'))(
    'runs audit:verify on the schedule with the Deployment’s settings and secrets, outside its Service (with $name)',
    ({ valuesFiles }) => {
      const objects = render('backend', { valuesFiles });
      const cron = find(objects, 'CronJob');
      expect(cron.spec).toMatchObject({ schedule: '17 */6 * * *', concurrencyPolicy: 'Forbid' });
      const job = cron.spec.jobTemplate.spec;
      expect(job.backoffLimit).toBe(0);
      const pod = job.template.spec;
      const container = pod.containers[0];
      expect(container.command).toEqual(['node', 'dist/cli/verify-audit.js']);
      const deployment = workload(objects).spec.template.spec.containers[0];
      expect(container.env).toEqual(deployment.env);
      expect(container.envFrom).toEqual(deployment.envFrom);
      expect(container.env.map((e: { name: string }) => e.name)).toContain('AUDIT_HMAC_KEY');
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true });
      const selector = find(objects, 'Service', 'backend').spec.selector as Record<string, string>;
      expect(Object.entries(selector).every(([k, v]) => job.template.metadata.labels?.[k] === v)).toBe(false);
    },
  );

  it('is off when disabled or without PostgreSQL, and the schema refuses a schedule that is not cron', () => {
    expect(render('backend', { set: ['auditVerify.enabled=false'] }).filter((o) => o.kind === 'CronJob')).toEqual([]);
    expect(render('backend', { set: ['auditVerify.schedule=@hourly'] }).find((o) => o.kind === 'CronJob')?.spec.schedule).toBe('@hourly');
    const result = helm(templateArgs('backend', { set: ['auditVerify.schedule=hourly'] }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("at '/auditVerify/schedule'");
    expect(helm(templateArgs('backend', { set: ['auditVerify.retries=1'] })).stderr).toContain(
      "additional properties 'retries' not allowed",
    );
  });
});

describe('load balancers', () => {
  it.each(['frontend', 'backend'] as const)(
    '%s: a LoadBalancer Service with the AWS Load Balancer Controller NLB annotations',
    (service) => {
      for (const valuesFiles of [[], [productionValues(service)]]) {
        const objects = render(service, { valuesFiles });
        const svc = find(objects, 'Service', workload(objects).metadata.name);
        expect(svc.spec.type).toBe('LoadBalancer');
        expect(svc.metadata.annotations).toMatchObject({
          [`${NLB}-type`]: 'external',
          [`${NLB}-nlb-target-type`]: 'ip',
          [`${NLB}-scheme`]: 'internet-facing',
          [`${NLB}-healthcheck-path`]: '/readyz',
        });
      }
    },
  );

  it.each(['frontend', 'backend'] as const)('%s: the scheme comes from values', (service) => {
    const svc = (scheme: string) => find(render(service, { set: [`service.loadBalancer.scheme=${scheme}`] }), 'Service', service);
    expect(svc('internal').metadata.annotations?.[`${NLB}-scheme`]).toBe('internal');
    expect(svc('internet-facing').metadata.annotations?.[`${NLB}-scheme`]).toBe('internet-facing');
    expect(helm(templateArgs(service, { set: ['service.loadBalancer.scheme=public'] })).stderr).toContain(
      "at '/service/loadBalancer/scheme'",
    );
  });

  it.each(['frontend', 'backend'] as const)(
    '%s: a certificate ARN makes 443 with TLS the only listener (port 80 closed), and helm test follows it',
    (service) => {
      const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
      const objects = render(service, { set: [`service.loadBalancer.certificateArn=${arn}`] });
      const svc = find(objects, 'Service', service);
      expect(svc.metadata.annotations?.[`${NLB}-ssl-cert`]).toBe(arn);
      expect(svc.metadata.annotations?.[`${NLB}-ssl-ports`]).toBe('https');
      // Every Service port becomes an NLB listener: only 443 is left.
      expect(svc.spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 'http', protocol: 'TCP' }]);
      const testPod = objects.find((o) => o.kind === 'Pod' && o.metadata.annotations?.['helm.sh/hook'] === 'test');
      expect(testPod?.spec.containers[0].command.join(' ')).toContain(`http://${service}:443/readyz`);
      const plain = find(render(service), 'Service', service);
      expect(plain.metadata.annotations?.[`${NLB}-ssl-cert`]).toBeUndefined();
      expect(plain.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    },
  );

  it.each(['frontend', 'backend'] as const)('%s: the production example (with its certificate) exposes no plain-HTTP port', (service) => {
    const svc = find(render(service, { valuesFiles: [productionValues(service)] }), 'Service', service);
    expect(svc.metadata.annotations?.[`${NLB}-ssl-cert`]).toMatch(/^arn:aws:acm:/);
    expect(svc.spec.ports.map((p: { port: number }) => p.port)).toEqual([443]);
  });

  it('backend: CORS origins come from values', () => {
    const config = find(
      render('backend', { set: ['cors.allowedOrigins={https://app.example.org,https://admin.example.org}'] }),
      'ConfigMap',
    );
    expect(config.data.CORS_ORIGINS).toBe('https://app.example.org,https://admin.example.org');
    expect(helm(templateArgs('backend', { set: ['cors.allowedOrigins={app.example.org}'] })).stderr).toContain(
      "at '/cors/allowedOrigins/0'",
    );
  });

  it('embedder: ClusterIP only, no load balancer annotations, and the schema refuses a LoadBalancer', () => {
    for (const valuesFiles of [[], [productionValues('embedder')]]) {
      const svc = find(render('embedder', { valuesFiles }), 'Service', 'embedder');
      expect(svc.spec.type).toBe('ClusterIP');
      expect(Object.keys(svc.metadata.annotations ?? {}).filter((k) => k.startsWith('service.beta.kubernetes.io'))).toEqual([]);
    }
    const result = helm(templateArgs('embedder', { set: ['service.type=LoadBalancer'] }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("at '/service/type': value must be 'ClusterIP'");
  });
});

describe('network policies', () => {
  const namespace = 'patientinsight';
  const podOf = (objects: K8sObject[], ns = namespace): PeerPod => ({
    labels: workload(objects).spec.template.metadata.labels,
    namespace: ns,
    namespaceLabels: { 'kubernetes.io/metadata.name': ns },
  });

  it.each([[[]], [['production']]])(
    'embedder admits only the backend to its API and only the monitoring namespace to metrics (%s)',
    (variant) => {
      const files = (s: ServiceName) => (variant.length ? [productionValues(s)] : []);
      const embedder = render('embedder', { valuesFiles: files('embedder'), namespace });
      const policy = find(embedder, 'NetworkPolicy', 'embedder');
      expect(policy.spec.podSelector.matchLabels).toEqual(workload(embedder).spec.selector.matchLabels);
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const backendPod = podOf(render('backend', { valuesFiles: files('backend'), namespace }));
      const frontendPod = podOf(render('frontend', { valuesFiles: files('frontend'), namespace }));
      const embedderPod = podOf(embedder);
      const stranger: PeerPod = { labels: { app: 'curl' }, namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace } };
      const backendElsewhere: PeerPod = { ...backendPod, namespace: 'other', namespaceLabels: { 'kubernetes.io/metadata.name': 'other' } };
      const prometheus: PeerPod = {
        labels: { 'app.kubernetes.io/name': 'prometheus' },
        namespace: 'monitoring',
        namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
      };

      expect(admits(policy, namespace, backendPod, 'http')).toBe(true);
      for (const denied of [frontendPod, embedderPod, stranger, backendElsewhere, prometheus])
        expect(admits(policy, namespace, denied, 'http')).toBe(false);
      expect(admits(policy, namespace, prometheus, 'metrics')).toBe(true);
      for (const denied of [backendPod, frontendPod, stranger]) expect(admits(policy, namespace, denied, 'metrics')).toBe(false);
    },
  );

  it.each(['frontend', 'backend'] as const)(
    '%s admits any source to its API by default, only the listed CIDRs (the NLB subnets) and its helm test pod when given, and only monitoring to metrics',
    (service) => {
      const stranger: PeerPod = { labels: {}, namespace: 'elsewhere', namespaceLabels: {}, ip: '203.0.113.9' };
      const prometheus: PeerPod = { labels: {}, namespace: 'monitoring', namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' } };
      const open = find(render(service, { namespace }), 'NetworkPolicy', service);
      expect(admits(open, namespace, stranger, 'http')).toBe(true);
      expect(admits(open, namespace, stranger, 'metrics')).toBe(false);
      expect(admits(open, namespace, prometheus, 'metrics')).toBe(true);

      const objects = render(service, { valuesFiles: [productionValues(service)], namespace });
      const policy = find(objects, 'NetworkPolicy', service);
      const testPod = objects.find((o) => o.kind === 'Pod' && o.metadata.annotations?.['helm.sh/hook'] === 'test');
      const nlb = { ip: '10.40.1.17' };
      expect(admits(policy, namespace, nlb, 'http')).toBe(true);
      // The backend keeps client addresses (preserveClientIp): an internet client is admitted, the VPC's other
      // addresses (pods, nodes) are not. The frontend sees only the NLB.
      expect(admits(policy, namespace, stranger, 'http')).toBe(service === 'backend');
      expect(admits(policy, namespace, { ip: '10.40.64.5' }, 'http')).toBe(false); // a pod subnet, not the NLB's
      expect(admits(policy, namespace, { labels: testPod?.metadata.labels ?? {}, namespace, namespaceLabels: {} }, 'http')).toBe(true);
      expect(admits(policy, namespace, nlb, 'metrics')).toBe(false);
      expect(admits(policy, namespace, prometheus, 'metrics')).toBe(true);
    },
  );
});

describe('backend client addresses behind the NLB', () => {
  const namespace = 'patientinsight';
  const PRESERVE = 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes';
  it('asks the NLB to preserve client IPs by default, and the API policy admits clients from the source ranges only', () => {
    const svc = find(render('backend'), 'Service', 'backend');
    expect(svc.metadata.annotations?.[PRESERVE]).toBe('preserve_client_ip.enabled=true');
    const off = find(render('backend', { set: ['service.loadBalancer.preserveClientIp=false'] }), 'Service', 'backend');
    expect(off.metadata.annotations?.[PRESERVE]).toBeUndefined();

    const set = ['networkPolicy.apiFrom.cidrs={10.40.0.0/24}', 'networkPolicy.apiFrom.exceptCidrs={10.40.0.0/16}'];
    const anywhere = find(render('backend', { namespace, set }), 'NetworkPolicy', 'backend');
    expect(admits(anywhere, namespace, { ip: '198.51.100.7' }, 'http')).toBe(true);
    expect(admits(anywhere, namespace, { ip: '10.40.0.9' }, 'http')).toBe(true); // the NLB's health checks
    expect(admits(anywhere, namespace, { ip: '10.40.9.9' }, 'http')).toBe(false); // a node or pod of the VPC
    const ranged = find(
      render('backend', { namespace, set: [...set, 'service.loadBalancer.sourceRanges={198.51.100.0/24}'] }),
      'NetworkPolicy',
      'backend',
    );
    expect(admits(ranged, namespace, { ip: '198.51.100.7' }, 'http')).toBe(true);
    expect(admits(ranged, namespace, { ip: '203.0.113.9' }, 'http')).toBe(false);
    const notPreserved = find(
      render('backend', { namespace, set: [...set, 'service.loadBalancer.preserveClientIp=false'] }),
      'NetworkPolicy',
      'backend',
    );
    expect(admits(notPreserved, namespace, { ip: '198.51.100.7' }, 'http')).toBe(false);
  });
});

describe('backend job pods', () => {
  const namespace = 'patientinsight';
  const selects = (policy: K8sObject, labels: Record<string, string>) =>
    Object.entries(policy.spec.podSelector.matchLabels as Record<string, string>).every(([k, v]) => labels[k] === v);
  it("the migration and audit-verify pods have their own policy: no ingress, the API pods' egress, no internet by default", () => {
    const objects = render('backend', { namespace });
    const jobs = find(objects, 'NetworkPolicy', 'backend-jobs');
    const cronPod = find(objects, 'CronJob').spec.jobTemplate.spec.template.metadata.labels;
    const migrationPod = find(objects, 'Job').spec.template.metadata.labels;
    expect(selects(jobs, cronPod)).toBe(true);
    expect(selects(jobs, migrationPod)).toBe(true);
    expect(selects(jobs, workload(objects).spec.template.metadata.labels)).toBe(false);
    expect(selects(find(objects, 'NetworkPolicy', 'backend'), cronPod)).toBe(false);
    expect(jobs.spec.ingress).toEqual([]);
    expect(allowsEgress(jobs, namespace, { ip: '10.1.2.3' }, 5432)).toBe(true);
    expect(allowsEgress(jobs, namespace, { ip: '52.95.1.1' }, 443)).toBe(false);
    expect(allowsEgress(jobs, namespace, { ip: '169.254.169.254' }, 80)).toBe(false);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(2);
    expect(
      render('backend', { set: ['migrations.enabled=false', 'auditVerify.enabled=false'] }).filter((o) => o.kind === 'NetworkPolicy'),
    ).toHaveLength(1);
  });
});

describe('backend rate limits across replicas', () => {
  const refusal = (set: string[]) => {
    const result = helm(templateArgs('backend', { set }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema(s)");
    return result.stderr;
  };

  it('counts them in Redis by default (two pods), with REDIS_URL from the Secret and egress to Redis on 6379', () => {
    const objects = render('backend', { namespace: 'patientinsight' });
    expect(find(objects, 'ConfigMap').data.RATE_LIMIT_STORE).toBe('redis');
    const env = workload(objects).spec.template.spec.containers[0].env as {
      name: string;
      valueFrom?: { secretKeyRef?: { key: string; optional?: boolean } };
    }[];
    expect(env.find((e) => e.name === 'REDIS_URL')?.valueFrom?.secretKeyRef).toMatchObject({ key: 'redis-url' });
    expect(env.find((e) => e.name === 'REDIS_URL')?.valueFrom?.secretKeyRef?.optional).not.toBe(true);
    expect(allowsEgress(find(objects, 'NetworkPolicy', 'backend'), 'patientinsight', { ip: '10.40.7.9' }, 6379)).toBe(true);
  });

  it('refuses the in-memory store, or no REDIS_URL, with more than one pod or the autoscaler; one pod may count in memory', () => {
    for (const set of [
      ['config.RATE_LIMIT_STORE=memory'],
      ['replicaCount=1', 'autoscaling.enabled=true', 'config.RATE_LIMIT_STORE=memory'],
    ]) {
      expect(refusal(set), set.join(' ')).toContain("at '/config/RATE_LIMIT_STORE': value must be 'redis'");
    }
    expect(refusal(['secrets.env.REDIS_URL=null'])).toContain("at '/secrets/env': missing property 'REDIS_URL'");
    const onePod = render('backend', { set: ['replicaCount=1', 'config.RATE_LIMIT_STORE=memory', 'secrets.env.REDIS_URL=null'] });
    expect(find(onePod, 'ConfigMap').data.RATE_LIMIT_STORE).toBe('memory');
    expect(workload(onePod).spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).not.toContain('REDIS_URL');
  });
});

describe('backend mail in production', () => {
  const refusal = (set: string[]) => {
    const result = helm(templateArgs('backend', { set }));
    expect(result.status, set.join(' ')).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema(s)");
    return result.stderr;
  };

  it('refuses the outbox, or no MAIL_TRANSPORT, unless NODE_ENV says this is not production (the image defaults to production)', () => {
    expect(refusal(['config.MAIL_TRANSPORT=outbox'])).toContain("at '/config/MAIL_TRANSPORT': value must be 'smtp'");
    expect(refusal(['config.NODE_ENV=null', 'config.MAIL_TRANSPORT=outbox'])).toContain(
      "at '/config/MAIL_TRANSPORT': value must be 'smtp'",
    );
    expect(refusal(['config.MAIL_TRANSPORT=null'])).toContain("at '/config': missing property 'MAIL_TRANSPORT'");
    const development = render('backend', { set: ['config.NODE_ENV=development', 'config.MAIL_TRANSPORT=outbox'] });
    expect(find(development, 'ConfigMap').data.MAIL_TRANSPORT).toBe('outbox');
  });

  it('the production example sends through its relay: the password from the Secret (required) and egress on 587', () => {
    const namespace = 'patientinsight';
    const objects = render('backend', { valuesFiles: [productionValues('backend')], namespace });
    expect(find(objects, 'ConfigMap').data).toMatchObject({
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: expect.stringMatching(/./),
      SMTP_PORT: '587',
    });
    const env = workload(objects).spec.template.spec.containers[0].env as { name: string; valueFrom?: { secretKeyRef?: object } }[];
    expect(env.find((e) => e.name === 'SMTP_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'backend-credentials',
      key: 'smtp-password',
    });
    const relay = { ip: '52.94.236.248' };
    expect(allowsEgress(find(objects, 'NetworkPolicy', 'backend'), namespace, relay, 587)).toBe(true);
    expect(allowsEgress(find(render('backend', { namespace }), 'NetworkPolicy', 'backend'), namespace, relay, 587)).toBe(false);
  });
});

describe('network policy egress', () => {
  const namespace = 'patientinsight';
  const kubeDns: PeerPod = {
    labels: { 'k8s-app': 'kube-dns' },
    namespace: 'kube-system',
    namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
  };
  const fakeDns: PeerPod = { labels: { 'k8s-app': 'kube-dns' }, namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace } };
  const metadata = [{ ip: '169.254.169.254' }, { ip: 'fd00:ec2::254' }];
  const internet = { ip: '52.94.236.248' };
  const database = { ip: '10.40.128.12' };
  const podIn = (objects: K8sObject[]): PeerPod => ({
    labels: workload(objects).spec.template.metadata.labels,
    namespace,
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
  });
  const embedderPod = podIn(render('embedder', { namespace }));
  const stranger: PeerPod = { labels: { app: 'curl' }, namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace } };

  describe.each(SERVICES)('%s', (service) => {
    it.each(variants(service))(
      'with $name: DNS only to the cluster resolver, never the instance metadata address, nothing unlisted',
      ({ valuesFiles }) => {
        const policy = find(render(service, { valuesFiles, namespace }), 'NetworkPolicy', service);
        expect(policy.spec.policyTypes).toContain('Egress');
        for (const protocol of ['UDP', 'TCP'] as const) expect(allowsEgress(policy, namespace, kubeDns, 53, protocol)).toBe(true);
        expect(allowsEgress(policy, namespace, fakeDns, 53, 'UDP')).toBe(false);
        for (const address of metadata)
          for (const port of [80, 443, 53]) expect(allowsEgress(policy, namespace, address, port), `${address.ip}:${port}`).toBe(false);
        expect(allowsEgress(policy, namespace, internet, 80)).toBe(false);
        expect(allowsEgress(policy, namespace, internet, 22)).toBe(false);
        expect(allowsEgress(policy, namespace, stranger, 8080)).toBe(false);
        // Only the backend calls the embedder.
        expect(allowsEgress(policy, namespace, embedderPod, 3001)).toBe(service === 'backend');
        // Only the backend and the embedder reach a database.
        const dbPort = valuesFiles.length ? 5433 : 5432;
        expect(allowsEgress(policy, namespace, database, dbPort)).toBe(service !== 'frontend');
        expect(allowsEgress(policy, namespace, database, 22)).toBe(false);
      },
    );
  });

  it('by default nothing leaves for the internet; the production examples open HTTPS (Pinecone, SageMaker, S3, STS) for the backend and the embedder only', () => {
    for (const service of SERVICES) {
      expect(allowsEgress(find(render(service, { namespace }), 'NetworkPolicy', service), namespace, internet, 443), service).toBe(false);
      const production = find(render(service, { valuesFiles: [productionValues(service)], namespace }), 'NetworkPolicy', service);
      expect(allowsEgress(production, namespace, internet, 443), service).toBe(service !== 'frontend');
    }
  });

  it.each([
    ['0.0.0.0/0', { ip: '198.51.100.7' }],
    ['::/0', { ip: '2600:1f18::1' }],
    ['169.254.0.0/16', { ip: '169.254.170.23' }],
    ['128.0.0.0/1', { ip: '198.51.100.7' }],
    ['fd00::/8', { ip: 'fd00:ec2::23' }],
  ])('a broad rule (%s) keeps the metadata address out and the rest in', (cidr, inside) => {
    const policy = find(
      render('embedder', { namespace, set: [`networkPolicy.egress.cidrs[0].cidr=${cidr}`, 'networkPolicy.egress.cidrs[0].ports={443}'] }),
      'NetworkPolicy',
      'embedder',
    );
    expect(allowsEgress(policy, namespace, inside, 443)).toBe(true);
    for (const address of metadata) expect(allowsEgress(policy, namespace, address, 443), address.ip).toBe(false);
    expect(() => validateObject(policy)).not.toThrow();
  });

  it('a range that does not hold the metadata address gets no except (Kubernetes refuses one outside the CIDR)', () => {
    const policy = find(
      render('backend', {
        namespace,
        set: ['networkPolicy.egress.cidrs[0].cidr=10.40.0.0/16', 'networkPolicy.egress.cidrs[0].ports={6379}'],
      }),
      'NetworkPolicy',
      'backend',
    );
    const blocks = policy.spec.egress.flatMap((r: { to?: { ipBlock?: { cidr: string; except?: string[] } }[] }) =>
      (r.to ?? []).flatMap((p) => (p.ipBlock ? [p.ipBlock] : [])),
    );
    expect(blocks.find((b: { cidr: string }) => b.cidr === '10.40.0.0/16')).toEqual({ cidr: '10.40.0.0/16' });
    expect(allowsEgress(policy, namespace, { ip: '10.40.200.1' }, 6379)).toBe(true);
  });

  it('refuses the metadata address itself and a malformed CIDR, naming them', () => {
    for (const cidr of ['169.254.169.254/32', 'fd00:ec2::254/128']) {
      const result = helm(
        templateArgs('embedder', { set: [`networkPolicy.egress.cidrs[0].cidr=${cidr}`, 'networkPolicy.egress.cidrs[0].ports={443}'] }),
      );
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`networkPolicy: ${cidr} is the instance metadata address; pods must not reach it`);
    }
    const malformed = helm(templateArgs('backend', { set: ['networkPolicy.egress.database.cidrs={010.0.0.0/8}'] }));
    expect(malformed.stderr).toContain("at '/networkPolicy/egress/database/cidrs/0'");
    expect(helm(templateArgs('frontend', { set: ['networkPolicy.allowExternalEgress=true'] })).stderr).toContain(
      "additional properties 'allowExternalEgress' not allowed",
    );
  });

  it('the charts share one copy of the NetworkPolicy helpers', () => {
    const copies = SERVICES.map((service) => readFileSync(join(chartDir(service), 'templates/_networkpolicy.tpl'), 'utf8'));
    expect(new Set(copies).size).toBe(1);
  });
});

describe('embedder storage', () => {
  const refusal = (set: string[]) => {
    const result = helm(templateArgs('embedder', { set }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema(s)");
    return result.stderr;
  };
  const shared = ['config.VECTOR_STORE=pinecone', 'config.UPLOADS_S3_URI=s3://uploads/embedder'];

  it('by default one pod keeps DATA_DIR (the LanceDB index, models, uploads) on its own PersistentVolumeClaim', () => {
    const objects = render('embedder');
    const set = workload(objects);
    expect(set.kind).toBe('StatefulSet');
    expect(set.spec.replicas).toBe(1);
    expect(find(objects, 'Service', set.spec.serviceName).spec.selector).toEqual(set.spec.selector.matchLabels);
    expect(set.spec.volumeClaimTemplates).toHaveLength(1);
    const claim = set.spec.volumeClaimTemplates[0];
    expect(claim.metadata.name).toBe('data');
    expect(claim.spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } });
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    // The claim, not an emptyDir, backs the mount that holds DATA_DIR.
    const pod = set.spec.template.spec;
    expect(pod.volumes.map((v: { name: string }) => v.name)).not.toContain('data');
    const mount = pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'data');
    expect(find(objects, 'ConfigMap').data.DATA_DIR.startsWith(`${mount.mountPath}/`)).toBe(true);
    expect(find(objects, 'ConfigMap').data.VECTOR_STORE).toBeUndefined(); // the embedded LanceDB default
    // One pod: a PDB of 1 would block every node drain.
    expect(find(objects, 'PodDisruptionBudget').spec.minAvailable).toBe(0);
  });

  it('two replicas, or the autoscaler, or no volume with the default values are refused by the schema, naming what is missing', () => {
    for (const set of [['replicaCount=2'], ['autoscaling.enabled=true'], ['persistence.enabled=false']]) {
      expect(refusal(set), set.join(' ')).toContain("at '/config': missing properties 'VECTOR_STORE', 'UPLOADS_S3_URI'");
    }
    // Shared vectors alone, or shared uploads alone, are not enough.
    expect(refusal(['replicaCount=2', 'config.VECTOR_STORE=pinecone'])).toContain("at '/config': missing property 'UPLOADS_S3_URI'");
    expect(refusal(['replicaCount=2', 'config.VECTOR_STORE=lancedb', 'config.UPLOADS_S3_URI=s3://uploads'])).toContain(
      "at '/config/VECTOR_STORE': value must be 'pinecone'",
    );
    expect(refusal(['replicaCount=2', 'config.VECTOR_STORE=pinecone', 'config.UPLOADS_S3_URI=/mnt/uploads'])).toContain(
      "at '/config/UPLOADS_S3_URI'",
    );
  });

  it('two replicas with Pinecone and S3 uploads render: each pod its own claim for scratch, nothing of the index on it', () => {
    const set = workload(render('embedder', { set: ['replicaCount=2', ...shared] }));
    expect(set.spec.replicas).toBe(2);
    expect(set.spec.podManagementPolicy).toBe('Parallel');
    const noVolume = workload(render('embedder', { set: ['replicaCount=2', 'persistence.enabled=false', ...shared] }));
    expect(noVolume.spec.volumeClaimTemplates).toBeUndefined();
    expect(noVolume.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'data').emptyDir).toBeDefined();
  });

  it('the production example scales with Pinecone and S3 uploads, the autoscaler driving the StatefulSet', () => {
    const objects = render('embedder', { valuesFiles: [productionValues('embedder')] });
    const config = find(objects, 'ConfigMap').data;
    expect(config.VECTOR_STORE).toBe('pinecone');
    expect(config.UPLOADS_S3_URI).toMatch(/^s3:\/\/[^/]+\//);
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: workload(objects).metadata.name });
    expect(hpa.spec.maxReplicas).toBeGreaterThan(1);
  });
});

describe('migrations', () => {
  it.each(['backend', 'embedder'] as const)(
    '%s: a pre-install/pre-upgrade Job runs the migrations before pods start, which then skip them',
    (service) => {
      const objects = render(service, { valuesFiles: [productionValues(service)] });
      const job = find(objects, 'Job');
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const container = job.spec.template.spec.containers[0];
      expect(container.command).toEqual(['node', service === 'backend' ? 'dist/cli/migrate.js' : 'dist/database/migrate.js']);
      expect(container.image).toBe(workload(objects).spec.template.spec.containers[0].image);
      expect(container.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef.key).toBe('database-url');
      expect(find(objects, 'ConfigMap').data.MIGRATE_ON_START).toBe('false');
      expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    },
  );
});
