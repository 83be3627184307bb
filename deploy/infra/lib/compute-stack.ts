import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as aps from 'aws-cdk-lib/aws-aps';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { APP_NAMESPACE, type InfraConfig, SERVICES } from './config.ts';
import type { DataStack } from './data-stack.ts';
import { IrsaRole } from './irsa.ts';
import { reportEndpointName } from './model-stack.ts';
import { logsKeyPolicy } from './shared.ts';

export interface ComputeStackProps extends StackProps {
  config: InfraConfig;
  vpc: ec2.IVpc;
  data: DataStack;
}

/** Version of the AWS Load Balancer Controller whose published IAM policy the controller's role carries. */
export const LB_CONTROLLER_VERSION = '2.17.1';
/** Kubernetes service accounts of the cluster add-ons (their charts' default names, installed in kube-system). */
export const LB_CONTROLLER_SERVICE_ACCOUNT = 'aws-load-balancer-controller';
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';
/** kube-prometheus-stack's Prometheus, which remote-writes to the AMP workspace (deploy/monitoring). */
export const PROMETHEUS_NAMESPACE = 'monitoring';
export const PROMETHEUS_SERVICE_ACCOUNT = 'kube-prometheus-stack-prometheus';
/** External Secrets Operator's chart defaults (release `external-secrets` in its own namespace). */
export const EXTERNAL_SECRETS_NAMESPACE = 'external-secrets';
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = 'external-secrets';

/** What may be replaced without touching data: the cluster, its node group, the workload roles, Prometheus. */
export class ComputeStack extends Stack {
  readonly cluster: eks.Cluster;
  readonly roles: Record<
    'backend' | 'embedder' | 'clusterAutoscaler' | 'loadBalancerController' | 'prometheus' | 'externalSecrets',
    iam.Role
  >;
  readonly deployRole: iam.Role;

  constructor(scope: Construct, id: string, props: ComputeStackProps) {
    super(scope, id, props);
    const { config, vpc, data } = props;
    const clusterName = config.prefix;

    const secretsKey = new kms.Key(this, 'ClusterSecretsKey', {
      alias: `${config.prefix}/eks-secrets`,
      description: 'Envelope encryption of Kubernetes Secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    secretsKey.addToResourcePolicy(logsKeyPolicy(this));

    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName,
      version: eks.KubernetesVersion.V1_31,
      vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      // A managed node group (below) rather than Auto Mode: the cluster autoscaler and the 2-4 bounds are explicit.
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      endpointAccess:
        config.clusterApiCidrs.length > 0
          ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...config.clusterApiCidrs)
          : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: secretsKey,
      clusterLogging: [
        eks.ClusterLoggingTypes.API,
        eks.ClusterLoggingTypes.AUDIT,
        eks.ClusterLoggingTypes.AUTHENTICATOR,
        eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
        eks.ClusterLoggingTypes.SCHEDULER,
      ],
      // The creator is CloudFormation's execution role: it must not stay a cluster admin. Admins get access entries.
      bootstrapClusterCreatorAdminPermissions: false,
      outputConfigCommand: false,
    });

    // Encrypted root volumes and IMDSv2 with one hop: pods cannot borrow the node's role (they use IRSA).
    const launchTemplate = new ec2.LaunchTemplate(this, 'NodeLaunchTemplate', {
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(50, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }),
        },
      ],
    });
    this.cluster.addNodegroupCapacity('Nodes', {
      nodegroupName: 'general',
      instanceTypes: [new ec2.InstanceType(config.nodeInstanceType)],
      minSize: config.nodeMinSize,
      maxSize: config.nodeMaxSize,
      desiredSize: config.nodeDesiredSize,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      launchTemplateSpec: { id: launchTemplate.launchTemplateId ?? '', version: launchTemplate.latestVersionNumber },
      // EKS tags the node group's Auto Scaling group for the autoscaler's discovery (k8s.io/cluster-autoscaler/<name>).
      labels: { 'patientinsight.io/pool': 'general' },
    });

    const adminRoleArn = this.node.tryGetContext('clusterAdminRoleArn') as string | undefined;
    if (adminRoleArn) {
      this.cluster.grantAccess('OperatorAdmin', adminRoleArn, [
        eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', { accessScopeType: eks.AccessScopeType.CLUSTER }),
      ]);
    }

    const provider = this.cluster.openIdConnectProvider;
    const irsa = (id: string, namespace: string, serviceAccount: string, description: string) =>
      new IrsaRole(this, id, { provider, namespace, serviceAccount, description, roleName: `${config.prefix}-${serviceAccount}` });

    // --- Workload roles (one per service account, least privilege) -----------------------------------------
    const backend = irsa('BackendRole', APP_NAMESPACE, 'backend', 'backend: invoke the report model, write audit checkpoints');
    backend.allow(
      new iam.PolicyStatement({
        sid: 'InvokeReportModel',
        actions: ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream'],
        resources: [`arn:${this.partition}:sagemaker:${this.region}:${this.account}:endpoint/${reportEndpointName(config)}`],
      }),
    );
    backend.allow(
      new iam.PolicyStatement({
        sid: 'WriteAuditCheckpoints',
        // Put only: checkpoints are write-once (object lock); the backend never reads, lists or deletes them.
        actions: ['s3:PutObject'],
        resources: [`${data.auditBucketArn}/*`],
      }),
    );
    backend.allow(kmsViaS3(this, data, ['kms:GenerateDataKey']));

    const embedder = irsa(
      'EmbedderRole',
      APP_NAMESPACE,
      'embedder',
      'embedder: read case files, consume the ingestion queue, keep uploads',
    );
    embedder.allow(
      new iam.PolicyStatement({
        sid: 'ReadCaseFiles',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket'],
        resources: [data.caseBucketArn, `${data.caseBucketArn}/*`],
      }),
    );
    embedder.allow(
      new iam.PolicyStatement({
        sid: 'KeepUploads',
        // UPLOADS_S3_URI (deploy/helm/embedder/values.yaml): an upload is stored, read by any replica, then removed.
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [`${data.uploadBucketArn}/*`],
      }),
    );
    embedder.allow(
      new iam.PolicyStatement({
        sid: 'ConsumeIngestQueue',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [data.ingestQueue.queueArn],
      }),
    );
    embedder.allow(kmsViaS3(this, data, ['kms:Decrypt', 'kms:GenerateDataKey']));

    // --- Cluster add-on roles --------------------------------------------------------------------------------
    const autoscaler = irsa('ClusterAutoscalerRole', 'kube-system', CLUSTER_AUTOSCALER_SERVICE_ACCOUNT, 'cluster-autoscaler');
    autoscaler.allow(
      new iam.PolicyStatement({
        sid: 'Discover',
        actions: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        resources: ['*'],
      }),
    );
    autoscaler.allow(
      new iam.PolicyStatement({
        sid: 'ScaleOwnGroupsOnly',
        actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        resources: ['*'],
        conditions: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: 'owned' } },
      }),
    );

    const lbController = irsa('LoadBalancerControllerRole', 'kube-system', LB_CONTROLLER_SERVICE_ACCOUNT, 'AWS Load Balancer Controller');
    const require = createRequire(import.meta.url);
    // The controller's own published policy, as aws-cdk-lib ships it (the same file its AlbController construct uses).
    const lbPolicy = JSON.parse(
      readFileSync(
        join(dirname(require.resolve('aws-cdk-lib')), `aws-eks-v2/lib/addons/alb-iam_policy-v${LB_CONTROLLER_VERSION}.json`),
        'utf8',
      ),
    ) as { Statement: unknown[] };
    for (const statement of lbPolicy.Statement) lbController.allow(iam.PolicyStatement.fromJson(statement));

    // External Secrets Operator syncs the database credentials (and the services' other secrets, which operators
    // keep under <prefix>/) from Secrets Manager into the Kubernetes Secrets the charts read.
    const externalSecrets = irsa(
      'ExternalSecretsRole',
      EXTERNAL_SECRETS_NAMESPACE,
      EXTERNAL_SECRETS_SERVICE_ACCOUNT,
      'External Secrets Operator: read this environment secrets',
    );
    externalSecrets.allow(
      new iam.PolicyStatement({
        sid: 'ReadEnvironmentSecrets',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [`arn:${this.partition}:secretsmanager:${this.region}:${this.account}:secret:${config.prefix}/*`],
      }),
    );
    externalSecrets.allow(
      new iam.PolicyStatement({
        sid: 'DataKeyViaSecretsManager',
        actions: ['kms:Decrypt'],
        resources: [data.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${this.region}.amazonaws.com` } },
      }),
    );

    const workspace = new aps.CfnWorkspace(this, 'Prometheus', { alias: config.prefix });
    const prometheus = irsa('PrometheusRole', PROMETHEUS_NAMESPACE, PROMETHEUS_SERVICE_ACCOUNT, 'Prometheus remote write to AMP');
    prometheus.allow(new iam.PolicyStatement({ sid: 'RemoteWrite', actions: ['aps:RemoteWrite'], resources: [workspace.attrArn] }));

    this.roles = {
      backend: backend.role,
      embedder: embedder.role,
      clusterAutoscaler: autoscaler.role,
      loadBalancerController: lbController.role,
      prometheus: prometheus.role,
      externalSecrets: externalSecrets.role,
    };

    // --- GitHub Actions deploy role (cd.yml) ----------------------------------------------------------------
    const githubProvider = config.githubOidcProviderArn
      ? iam.OidcProviderNative.fromOidcProviderArn(this, 'GitHubOidc', config.githubOidcProviderArn)
      : new iam.OidcProviderNative(this, 'GitHubOidc', {
          url: 'https://token.actions.githubusercontent.com',
          clientIds: ['sts.amazonaws.com'],
        });
    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: `${config.prefix}-github-deploy`,
      description: 'GitHub Actions cd.yml: push images, helm upgrade in the app namespace',
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(githubProvider.oidcProviderArn, {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          // cd.yml's image job runs on a push to main; its deploy job runs in the `production` environment.
          // Exact subjects: no other branch, tag, pull request or environment of the repository can assume it.
          'token.actions.githubusercontent.com:sub': [
            `repo:${config.githubRepository}:ref:refs/heads/main`,
            `repo:${config.githubRepository}:environment:production`,
          ],
        },
      }),
    });
    new iam.ManagedPolicy(this, 'DeployPolicy', {
      roles: [this.deployRole],
      description: 'cd.yml: push the three images, read the cluster endpoint',
      statements: [
        new iam.PolicyStatement({ sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'PushImages',
          actions: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
            'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart',
            'ecr:CompleteLayerUpload',
            'ecr:PutImage',
          ],
          resources: SERVICES.map((service) => data.repositories[service].repositoryArn),
        }),
        new iam.PolicyStatement({ sid: 'Kubeconfig', actions: ['eks:DescribeCluster'], resources: [this.cluster.clusterArn] }),
      ],
    });
    // Inside the cluster: admin of the app namespace only (helm creates deployments, secrets, HPAs, policies there).
    this.cluster.grantAccess('Deploy', this.deployRole.roleArn, [
      eks.AccessPolicy.fromAccessPolicyName('AmazonEKSAdminPolicy', {
        accessScopeType: eks.AccessScopeType.NAMESPACE,
        namespaces: [APP_NAMESPACE],
      }),
    ]);

    const out = (name: string, value: string, description: string) => new CfnOutput(this, name, { value, description });
    out('ClusterName', this.cluster.clusterName, 'aws eks update-kubeconfig --name <this>; cluster-autoscaler autoDiscovery.clusterName');
    out('BackendRoleArn', backend.role.roleArn, 'helm backend: irsa.roleArn');
    out('EmbedderRoleArn', embedder.role.roleArn, 'helm embedder: irsa.roleArn');
    out(
      'ClusterAutoscalerRoleArn',
      autoscaler.role.roleArn,
      `cluster-autoscaler: rbac.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn`,
    );
    out(
      'LoadBalancerControllerRoleArn',
      lbController.role.roleArn,
      'aws-load-balancer-controller: serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn',
    );
    out('PrometheusRoleArn', prometheus.role.roleArn, 'kube-prometheus-stack: prometheus.serviceAccount.annotations');
    out(
      'PrometheusRemoteWriteUrl',
      `${workspace.attrPrometheusEndpoint}api/v1/remote_write`,
      'kube-prometheus-stack: prometheus.prometheusSpec.remoteWrite[0].url',
    );
    out(
      'ExternalSecretsRoleArn',
      externalSecrets.role.roleArn,
      'external-secrets: serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn',
    );
    out('DeployRoleArn', this.deployRole.roleArn, 'GitHub variable AWS_DEPLOY_ROLE_ARN');
  }
}

/** KMS use of the data key only when S3 asks for it on the caller's behalf (the buckets' SSE-KMS). */
function kmsViaS3(stack: Stack, data: DataStack, actions: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DataKeyViaS3',
    actions,
    resources: [data.dataKey.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
  });
}
