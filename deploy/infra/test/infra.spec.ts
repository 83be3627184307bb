import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, normalise, resourcesOf, type Synthesised } from './helpers.ts';

// Two apps, each synthesised once (Template.fromStack reuses the assembly). Nag runs in nag.spec.ts.
// Production gets context overrides, so the test also proves that context reaches the resources.
const OVERRIDES = {
  nodeInstanceType: 'm6i.xlarge',
  nodeMinSize: '3',
  nodeMaxSize: '6',
  modelInstanceType: 'ml.g5.4xlarge',
  modelMaxInstances: '3',
};
let staging: Synthesised;
let production: Synthesised;
type T = Record<'network' | 'data' | 'compute' | 'model', Template>;
let s: T;
let p: T;

const templates = (x: Synthesised): T => ({
  network: Template.fromStack(x.stacks.network),
  data: Template.fromStack(x.stacks.data),
  compute: Template.fromStack(x.stacks.compute),
  model: Template.fromStack(x.stacks.model),
});

beforeAll(() => {
  staging = build('staging', {}, { nag: false });
  production = build('production', OVERRIDES, { nag: false });
  s = templates(staging);
  p = templates(production);
});
afterAll(() => {
  staging?.dispose();
  production?.dispose();
});

describe('synthesis', () => {
  it('needs no AWS account: no context lookup is left unanswered', () => {
    for (const x of [staging, production]) expect(x.app.synth().manifest.missing).toBeUndefined();
  });

  it.each(['staging', 'production'] as const)('%s templates match the snapshot (asset hashes normalised)', async (env) => {
    const t = env === 'staging' ? s : p;
    for (const layer of ['network', 'data', 'compute', 'model'] as const) {
      await expect(normalise(t[layer].toJSON())).toMatchFileSnapshot(`__snapshots__/${env}/${layer}.template.json`);
    }
  });
});

describe('network', () => {
  it('spans three availability zones with public, private and isolated subnets', () => {
    const subnets = resourcesOf(s.network, 'AWS::EC2::Subnet');
    expect(subnets).toHaveLength(9);
    expect(new Set(subnets.map(([, props]) => props.AvailabilityZone))).toEqual(new Set(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']));
    for (const [, props] of subnets) expect(props.MapPublicIpOnLaunch).toBe(false);
  });

  it('one NAT gateway in staging, one per zone in production', () => {
    s.network.resourceCountIs('AWS::EC2::NatGateway', 1);
    p.network.resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  it('tags subnets for the load balancer controller', () => {
    const tagged = (key: string) =>
      resourcesOf(s.network, 'AWS::EC2::Subnet').filter(([, props]) =>
        (props.Tags as Array<{ Key: string; Value: string }>).some((t) => t.Key === key && t.Value === '1'),
      ).length;
    expect(tagged('kubernetes.io/role/elb')).toBe(3);
    expect(tagged('kubernetes.io/role/internal-elb')).toBe(3);
  });

  it('logs all flows to an encrypted log group kept a year', () => {
    s.network.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    s.network.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
  });
});

describe('data', () => {
  it('no bucket can be public, every bucket is encrypted, versioned and TLS-only', () => {
    const buckets = resourcesOf(s.data, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(4);
    for (const [id, props] of buckets) {
      expect(props.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });
      const sse = (
        props.BucketEncryption as { ServerSideEncryptionConfiguration: Array<{ ServerSideEncryptionByDefault: { SSEAlgorithm: string } }> }
      ).ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm;
      // Only the access-log bucket is SSE-S3 (log delivery cannot write to SSE-KMS buckets).
      expect(sse, id).toBe(id.startsWith('AccessLogs') ? 'AES256' : 'aws:kms');
      expect(props.AccessControl, id).toBeUndefined();
    }
    const policies = resourcesOf(s.data, 'AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(4);
    for (const [, props] of policies) {
      expect(JSON.stringify(props.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
      expect(JSON.stringify(props.PolicyDocument)).not.toMatch(/"Principal":\{"AWS":"\*"\}[^}]*"Effect":"Allow"/);
    }
  });

  it('the audit bucket has object lock: governance in staging, compliance for six years in production', () => {
    s.data.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'patientinsight-staging-audit-123456789012-eu-west-1',
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } },
    });
    p.data.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'patientinsight-audit-123456789012-eu-west-1',
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2190 } } },
    });
  });

  it('the case bucket sends object-created notifications to the ingestion queue, which S3 alone may write', () => {
    const [[bucketId, bucket]] = resourcesOf(s.data, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('CaseBucket'));
    const [[queueId]] = resourcesOf(s.data, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('IngestQueue'));
    expect(bucket.NotificationConfiguration).toEqual({
      QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: { 'Fn::GetAtt': [queueId, 'Arn'] } }],
    });
    // CloudFormation keeps one policy per queue: a second AWS::SQS::QueuePolicy on it would silently replace the first.
    const policies = resourcesOf(s.data, 'AWS::SQS::QueuePolicy').filter(([, props]) => JSON.stringify(props.Queues).includes(queueId));
    expect(policies).toHaveLength(1);
    const [[policyId]] = policies;
    expect(s.data.toJSON().Resources[bucketId].DependsOn).toContain(policyId);
    s.data.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestQueue'), 'Arn'] },
            Condition: {
              ArnEquals: {
                'aws:SourceArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::patientinsight-staging-cases-123456789012-eu-west-1']],
                },
              },
              StringEquals: { 'aws:SourceAccount': '123456789012' },
            },
          }),
        ]),
      },
    });
  });

  it('the queue is encrypted and sends a message to the dead-letter queue after 5 receives', () => {
    const [[dlqId]] = resourcesOf(s.data, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('IngestDeadLetterQueue'));
    s.data.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      ReceiveMessageWaitTimeSeconds: 20,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
    });
    for (const [, q] of resourcesOf(s.data, 'AWS::SQS::Queue')) expect(q.SqsManagedSseEnabled).toBe(true);
  });

  it('PostgreSQL: encrypted, private, TLS only, generated credentials in Secrets Manager, multi-AZ switchable', () => {
    const common = {
      Engine: 'postgres',
      StorageEncrypted: true,
      KmsKeyId: Match.anyValue(),
      PubliclyAccessible: false,
      Port: '5433',
      EnableIAMDatabaseAuthentication: true,
      // The password is never in the template: CloudFormation resolves it from the generated secret.
      MasterUserPassword: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^\\{\\{resolve:secretsmanager:$')])] },
    };
    s.data.hasResourceProperties('AWS::RDS::DBInstance', { ...common, MultiAZ: false, DeletionProtection: false });
    p.data.hasResourceProperties('AWS::RDS::DBInstance', { ...common, MultiAZ: true, DeletionProtection: true, BackupRetentionPeriod: 35 });
    s.data.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: Match.objectLike({ 'rds.force_ssl': '1' }) });
    s.data.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'patientinsight-staging/database/master',
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password' }),
    });
    s.data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    s.data.hasResourceProperties('AWS::Backup::BackupSelection', Match.anyValue());
  });

  it('multi-AZ follows context, not only the environment', () => {
    const flipped = build('staging', { dbMultiAz: 'true' }, { nag: false });
    try {
      Template.fromStack(flipped.stacks.data).hasResourceProperties('AWS::RDS::DBInstance', { MultiAZ: true });
    } finally {
      flipped.dispose();
    }
  });

  it('one ECR repository per service: KMS, scan on push, immutable tags, lifecycle rules', () => {
    for (const service of ['frontend', 'backend', 'embedder']) {
      p.data.hasResourceProperties('AWS::ECR::Repository', {
        RepositoryName: `patientinsight/${service}`,
        EncryptionConfiguration: { EncryptionType: 'KMS' },
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: 'IMMUTABLE',
        LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('"countType":"imageCountMoreThan","countNumber":50') },
      });
    }
    p.data.resourceCountIs('AWS::ECR::Repository', 3);
  });
});

/** The JSON of the CfnJson condition a role's trust policy points at (IRSA keys contain the deploy-time issuer). */
function trustConditions(t: Template, roleName: string): string {
  const [[, role]] = resourcesOf(t, 'AWS::IAM::Role').filter(([, props]) => props.RoleName === roleName);
  const [statement] = (role.AssumeRolePolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
  expect(statement.Action).toBe('sts:AssumeRoleWithWebIdentity');
  expect(statement.Principal).toEqual({ Federated: { Ref: expect.stringMatching(/^ClusterOidcProviderNative/) } });
  const condition = statement.Condition as Record<string, { 'Fn::GetAtt': [string, string] }>;
  expect(Object.keys(condition)).toEqual(['StringEquals']);
  const cfnJsonId = condition.StringEquals['Fn::GetAtt'][0];
  return JSON.stringify(t.toJSON().Resources[cfnJsonId].Properties.Value);
}

/** Every statement of the managed policies attached to a role, flattened to one action per entry. */
function permissions(t: Template, roleName: string): Array<{ action: string; resource: string; condition?: unknown }> {
  const [[roleId]] = resourcesOf(t, 'AWS::IAM::Role').filter(([, props]) => props.RoleName === roleName);
  const out: Array<{ action: string; resource: string; condition?: unknown }> = [];
  for (const [, policy] of resourcesOf(t, 'AWS::IAM::ManagedPolicy')) {
    if (!JSON.stringify(policy.Roles).includes(`"${roleId}"`)) continue;
    for (const st of (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement) {
      expect(st.Effect).toBe('Allow');
      const actions = ([] as string[]).concat(st.Action as string | string[]);
      const resources = ([] as unknown[]).concat(st.Resource);
      for (const action of actions) {
        for (const resource of resources) out.push({ action, resource: JSON.stringify(resource), condition: st.Condition });
      }
    }
  }
  return out;
}

describe('compute', () => {
  it('EKS 1.31 with encrypted secrets, control-plane logs and no lingering creator admin', () => {
    s.compute.hasResourceProperties('AWS::EKS::Cluster', {
      Version: '1.31',
      EncryptionConfig: [{ Provider: { KeyArn: Match.anyValue() }, Resources: ['secrets'] }],
      Logging: { ClusterLogging: { EnabledTypes: Match.arrayWith([{ Type: 'api' }, { Type: 'audit' }]) } },
      AccessConfig: Match.objectLike({ BootstrapClusterCreatorAdminPermissions: false }),
    });
  });

  it('managed node group: 2-4 by default, instance type and bounds from context', () => {
    s.compute.hasResourceProperties('AWS::EKS::Nodegroup', {
      InstanceTypes: ['m6i.large'],
      ScalingConfig: { MinSize: 2, MaxSize: 4, DesiredSize: 2 },
    });
    p.compute.hasResourceProperties('AWS::EKS::Nodegroup', {
      InstanceTypes: ['m6i.xlarge'],
      ScalingConfig: { MinSize: 3, MaxSize: 6, DesiredSize: 3 },
    });
  });

  it('nodes: encrypted root volumes, IMDSv2 only with one hop (pods cannot take the node role)', () => {
    s.compute.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }) }],
      }),
    });
  });

  it.each([
    ['patientinsight-staging-backend', 'patientinsight', 'backend'],
    ['patientinsight-staging-embedder', 'patientinsight', 'embedder'],
    ['patientinsight-staging-cluster-autoscaler', 'kube-system', 'cluster-autoscaler'],
    ['patientinsight-staging-aws-load-balancer-controller', 'kube-system', 'aws-load-balancer-controller'],
    ['patientinsight-staging-kube-prometheus-stack-prometheus', 'monitoring', 'kube-prometheus-stack-prometheus'],
    ['patientinsight-staging-external-secrets', 'external-secrets', 'external-secrets'],
  ])('IRSA role %s trusts only the service account %s/%s', (roleName, namespace, account) => {
    const conditions = trustConditions(s.compute, roleName);
    expect(conditions).toContain(`:sub\\":\\"system:serviceaccount:${namespace}:${account}\\"`);
    expect(conditions).toContain(':aud\\":\\"sts.amazonaws.com\\"');
    expect(conditions).not.toContain('*');
  });

  it('backend: may invoke the report endpoint and put audit checkpoints, nothing else', () => {
    const perms = permissions(s.compute, 'patientinsight-staging-backend');
    expect(perms.map((x) => x.action).sort()).toEqual([
      'kms:GenerateDataKey',
      's3:PutObject',
      'sagemaker:InvokeEndpoint',
      'sagemaker:InvokeEndpointWithResponseStream',
    ]);
    for (const x of perms.filter((x) => x.action.startsWith('sagemaker:'))) {
      expect(x.resource).toContain(':sagemaker:eu-west-1:123456789012:endpoint/patientinsight-staging-report-llm"');
    }
    expect(perms.find((x) => x.action === 's3:PutObject')?.resource).toContain(
      ':s3:::patientinsight-staging-audit-123456789012-eu-west-1/*',
    );
    expect(perms.find((x) => x.action === 'kms:GenerateDataKey')?.condition).toEqual({
      StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
    });
  });

  it('embedder: may read the case bucket, keep uploads and consume the ingestion queue, nothing else', () => {
    const perms = permissions(s.compute, 'patientinsight-staging-embedder');
    const byAction = (prefix: string) => perms.filter((x) => x.action.startsWith(prefix));
    expect([...new Set(perms.map((x) => x.action))].sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:DeleteObject',
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
      's3:PutObject',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ]);
    // Writes only to the uploads bucket; the case bucket is read-only.
    for (const x of perms.filter((x) => ['s3:PutObject', 's3:DeleteObject'].includes(x.action))) {
      expect(x.resource).toContain('patientinsight-staging-uploads-');
    }
    for (const x of byAction('sqs:')) expect(x.resource).toMatch(/IngestQueue.*Arn/);
    for (const x of perms) expect(x.resource).not.toBe('"*"');
  });

  it('external secrets: may read this environment secrets only', () => {
    const perms = permissions(s.compute, 'patientinsight-staging-external-secrets');
    expect(perms.map((x) => x.action).sort()).toEqual(['kms:Decrypt', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    for (const x of perms.filter((x) => x.action.startsWith('secretsmanager:'))) {
      expect(x.resource).toContain(':secretsmanager:eu-west-1:123456789012:secret:patientinsight-staging/*');
    }
  });

  it('cluster autoscaler: may only resize node groups tagged as owned by this cluster', () => {
    const perms = permissions(s.compute, 'patientinsight-staging-cluster-autoscaler');
    for (const action of ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup']) {
      expect(perms.find((x) => x.action === action)?.condition).toEqual({
        StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/patientinsight-staging': 'owned' },
      });
    }
    expect(perms.filter((x) => !x.condition).every((x) => /:(Describe|Get)/.test(x.action))).toBe(true);
  });

  it("load balancer controller: the controller's published policy (creates NLBs only under the cluster tag)", () => {
    const perms = permissions(s.compute, 'patientinsight-staging-aws-load-balancer-controller');
    const create = perms.find((x) => x.action === 'elasticloadbalancing:CreateLoadBalancer');
    expect(JSON.stringify(create?.condition)).toContain('aws:RequestTag/elbv2.k8s.aws/cluster');
    expect(perms.some((x) => x.action === 'ec2:AuthorizeSecurityGroupIngress')).toBe(true);
  });

  it('GitHub deploy role: trusted only for pushes to main and the production environment', () => {
    const [[, role]] = resourcesOf(s.compute, 'AWS::IAM::Role').filter(([, r]) => r.RoleName === 'patientinsight-staging-github-deploy');
    expect(role.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: { Ref: expect.stringMatching(/^GitHubOidc/) } },
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': [
                'repo:patientinsight/patientinsight:ref:refs/heads/main',
                'repo:patientinsight/patientinsight:environment:production',
              ],
            },
          },
        },
      ],
    });
    s.compute.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
    const perms = permissions(s.compute, 'patientinsight-staging-github-deploy');
    for (const x of perms.filter((x) => x.action.startsWith('ecr:') && x.action !== 'ecr:GetAuthorizationToken')) {
      expect(x.resource).toMatch(/Repository/);
    }
    // Inside the cluster: admin of the app namespace only.
    const [[, entry]] = resourcesOf(s.compute, 'AWS::EKS::AccessEntry');
    expect(JSON.stringify(entry.PrincipalArn)).toMatch(/DeployRole/);
    const [policy] = entry.AccessPolicies as Array<{ PolicyArn: unknown; AccessScope: unknown }>;
    expect(JSON.stringify(policy.PolicyArn)).toMatch(/:cluster-access-policy\/AmazonEKSAdminPolicy"/);
    expect(policy.AccessScope).toEqual({ Type: 'namespace', Namespaces: ['patientinsight'] });
  });

  it('an existing GitHub OIDC provider can be reused instead of created (one per account)', () => {
    const reuse = build(
      'staging',
      { githubOidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      { nag: false },
    );
    try {
      const t = Template.fromStack(reuse.stacks.compute);
      expect(resourcesOf(t, 'AWS::IAM::OIDCProvider').filter(([id]) => id.startsWith('GitHubOidc'))).toHaveLength(0);
    } finally {
      reuse.dispose();
    }
  });

  it('an AMP workspace, with a remote-write role for Prometheus', () => {
    s.compute.hasResourceProperties('AWS::APS::Workspace', { Alias: 'patientinsight-staging' });
    expect(permissions(s.compute, 'patientinsight-staging-kube-prometheus-stack-prometheus').map((x) => x.action)).toEqual([
      'aps:RemoteWrite',
    ]);
  });
});

describe('model', () => {
  it('OpenBioLLM-8B on the TGI container, inside the VPC', () => {
    s.model.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: {
        Image: Match.stringLikeRegexp('^763104351884\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/huggingface-pytorch-tgi-inference:'),
        Environment: Match.objectLike({ HF_MODEL_ID: 'aaditya/Llama3-OpenBioLLM-8B', SM_NUM_GPUS: '1' }),
      },
      VpcConfig: { Subnets: Match.anyValue(), SecurityGroupIds: Match.anyValue() },
    });
  });

  it('endpoint config: instance type from context, volumes under a KMS key', () => {
    s.model.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      KmsKeyId: Match.anyValue(),
      ProductionVariants: [Match.objectLike({ VariantName: 'AllTraffic', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 })],
    });
    p.model.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ InstanceType: 'ml.g5.4xlarge' })],
    });
    p.model.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'patientinsight-report-llm' });
  });

  it('autoscaling on invocations per instance, within the bounds from context', () => {
    const scalable = (min: number, max: number, name: string) => ({
      ServiceNamespace: 'sagemaker',
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      ResourceId: `endpoint/${name}/variant/AllTraffic`,
      MinCapacity: min,
      MaxCapacity: max,
    });
    s.model.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', scalable(1, 2, 'patientinsight-staging-report-llm'));
    p.model.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', scalable(1, 3, 'patientinsight-report-llm'));
    s.model.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        TargetValue: 20,
        ScaleOutCooldown: 300,
        ScaleInCooldown: 900,
      }),
    });
    // The target may only be registered once the endpoint exists.
    const [[, target]] = Object.entries(s.model.toJSON().Resources as Record<string, { Type: string; DependsOn?: string[] }>).filter(
      ([, r]) => r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget',
    );
    expect(target.DependsOn?.some((id) => id.startsWith('Endpoint'))).toBe(true);
  });
});

describe('outputs the deploy README names', () => {
  it.each([
    [
      'data',
      [
        'DatabaseEndpoint',
        'DatabasePort',
        'DatabaseSecretArn',
        'CaseBucketName',
        'UploadBucketName',
        'AuditBucketName',
        'IngestQueueUrl',
        'IngestDeadLetterQueueUrl',
        'RepositoryUriFrontend',
        'RepositoryUriBackend',
        'RepositoryUriEmbedder',
      ],
    ],
    [
      'compute',
      [
        'ClusterName',
        'BackendRoleArn',
        'EmbedderRoleArn',
        'ClusterAutoscalerRoleArn',
        'LoadBalancerControllerRoleArn',
        'PrometheusRoleArn',
        'PrometheusRemoteWriteUrl',
        'ExternalSecretsRoleArn',
        'DeployRoleArn',
      ],
    ],
    ['model', ['ReportEndpointName']],
    ['network', ['VpcId']],
  ] as const)('%s stack', (layer, names) => {
    const outputs = Object.keys(s[layer].toJSON().Outputs ?? {});
    for (const name of names) expect(outputs).toContain(name);
  });
});
