import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PatientInsightStacks } from './app.ts';

function ack(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

function child(scope: IConstruct, ...path: string[]): IConstruct {
  return path.reduce<IConstruct>((node, id) => node.node.findChild(id), scope);
}

/** An IAM5 finding id as cdk-nag prints it: the partition token shows as <AWS::Partition>. */
function wildcard(stack: Stack, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${resource.replace(stack.partition, '<AWS::Partition>')}]`;
}

/**
 * Every cdk-nag finding (AwsSolutions and HIPAA Security packs) this design accepts, on the narrowest construct that
 * raises it, each with the reason it is accepted. Anything not listed here fails `cdk synth` and the nag test.
 */
export function applySuppressions({ network, data, compute, model }: PatientInsightStacks): void {
  const production = data.node.tryGetContext('env') === 'production';

  // --- network ------------------------------------------------------------------------------------------------
  for (const subnet of network.vpc.publicSubnets) {
    ack(
      subnet,
      'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
      'Public subnets hold only the NAT gateways (egress for nodes, for the model downloading its weights) and the ' +
        "charts' internet-facing NLBs; both need a default route to the internet gateway. Nodes, pods, the database " +
        'and the model run in private and isolated subnets without one.',
    );
  }
  ack(
    child(network.vpc, 'FlowLog', 'IAMRole'),
    'HIPAA.Security-IAMNoInlinePolicy',
    "CDK's flow-log role: its one inline policy lets the VPC Flow Logs service write to this stack's flow-log group " +
      'only; it is created and scoped by the FlowLog construct and has no other use.',
  );

  // --- data ---------------------------------------------------------------------------------------------------
  for (const bucket of [data.caseBucket, data.uploadBucket, data.auditBucket, data.accessLogsBucket]) {
    ack(
      bucket,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'Single-region deployment: copying patient files to a second region is a data-residency decision not yet ' +
        'taken. Durability comes from S3 (eleven nines across zones), versioning, object lock on the audit bucket, ' +
        'and the corpus being rebuildable from the case files.',
    );
  }
  ack(
    data.accessLogsBucket,
    'HIPAA.Security-S3DefaultEncryptionKMS',
    'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3 (SSE-KMS targets are not ' +
      'supported); the bucket holds request logs, never object contents, and is encrypted with SSE-S3.',
  );
  ack(
    child(data.database, 'MonitoringRole'),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
    'Enhanced monitoring requires this AWS-maintained service-role policy; it only allows publishing OS metrics ' +
      'to the RDSOSMetrics log group.',
  );
  ack(
    child(data, 'BackupPlan', 'Database', 'Role'),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    'AWS Backup assumes this role to snapshot the database; the AWS-maintained policy is what AWS Backup documents ' +
      'and tracks as the service gains resource types. The selection limits it to the one database.',
  );
  // The rotation function reaches the database on the database port; the rule cannot read a port that is a token.
  const rotationIngress = data.node
    .findAll()
    .filter((c) => c.node.path.includes('DatabaseSecurityGroup/from') && c.node.path.includes('RotationSingleUser'));
  for (const ingress of rotationIngress) {
    for (const rule of ['HIPAA.Security-EC2RestrictedCommonPorts', 'HIPAA.Security-EC2RestrictedSSH']) {
      ack(
        ingress,
        rule,
        'Ingress from the secret-rotation function security group to the database port (5433) only; the rule ' +
          'fails to evaluate because the port is a CloudFormation reference (the instance endpoint port).',
      );
    }
  }
  if (!production) {
    ack(data.database, 'AwsSolutions-RDS3', 'Staging runs single-AZ to halve its cost; production is multi-AZ (context dbMultiAz).');
    ack(data.database, 'HIPAA.Security-RDSMultiAZSupport', 'Staging runs single-AZ and holds synthetic data only; production is multi-AZ.');
    ack(data.database, 'AwsSolutions-RDS10', 'Staging is torn down and rebuilt freely; production has deletion protection on.');
    ack(
      data.database,
      'HIPAA.Security-RDSInstanceDeletionProtectionEnabled',
      'Staging is torn down and rebuilt freely and holds synthetic data only; production has deletion protection on.',
    );
  }

  // --- compute ------------------------------------------------------------------------------------------------
  ack(
    child(compute.cluster, 'Role'),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy]',
    'The EKS control plane role must carry AmazonEKSClusterPolicy (EKS documentation); AWS maintains it as the ' +
      'control plane gains features.',
  );
  ack(
    compute.cluster,
    'CloudFormation-Validate::W9009',
    "EncryptionConfig.Resources is what the eks-v2 Cluster construct writes for secrets encryption (a warning from CloudFormation's schema, not a finding): 'secrets' is still the only accepted value.",
  );
  const nodeRole = child(compute.cluster, 'NodegroupNodes', 'NodeGroupRole');
  for (const policy of ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly']) {
    ack(
      nodeRole,
      `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
      `Managed node groups require ${policy} on the node role (kubelet registration, VPC CNI, image pulls); pods ` +
        'cannot use it because IMDSv2 is limited to one hop, and workloads get their own IRSA roles.',
    );
  }
  const objectWildcard = (role: IConstruct, arn: string, why: string) => ack(child(role, 'Policy'), wildcard(compute, arn), why);
  objectWildcard(
    child(compute, 'BackendRole'),
    `${data.auditBucketArn}/*`,
    'Checkpoint object keys are chosen at run time; the wildcard covers objects of the audit bucket only, PutObject only.',
  );
  objectWildcard(
    child(compute, 'EmbedderRole'),
    `${data.caseBucketArn}/*`,
    'Case files arrive under keys chosen by whoever uploads them; read-only access to objects of the case bucket only.',
  );
  objectWildcard(
    child(compute, 'EmbedderRole'),
    `${data.uploadBucketArn}/*`,
    'Upload keys are generated per upload; access is limited to objects of the uploads bucket.',
  );
  ack(
    child(compute, 'ExternalSecretsRole', 'Policy'),
    wildcard(compute, `arn:${compute.partition}:secretsmanager:${compute.region}:${compute.account}:secret:${data.prefix}/*`),
    "Secrets Manager appends a random suffix to every secret's ARN, and operators add the services' secrets " +
      'over time; the wildcard is limited to this environment prefix, read-only.',
  );
  ack(
    child(compute, 'ClusterAutoscalerRole', 'Policy'),
    'AwsSolutions-IAM5[Resource::*]',
    'The Describe* calls the autoscaler makes have no resource-level permissions; the two mutating calls ' +
      '(SetDesiredCapacity, TerminateInstanceInAutoScalingGroup) are limited by condition to groups tagged ' +
      'k8s.io/cluster-autoscaler/<this cluster>=owned.',
  );
  const lbPolicy = child(compute, 'LoadBalancerControllerRole', 'Policy');
  const lbReason =
    "The AWS Load Balancer Controller's published IAM policy, unchanged: it creates load balancers, target groups, " +
    'listeners and security groups whose ARNs do not exist before it runs, so their ARNs are wildcards; every ' +
    'mutating statement is conditioned on the elbv2.k8s.aws/cluster tag the controller sets on what it creates.';
  for (const arn of [
    '*',
    'arn:aws:ec2:*:*:security-group/*',
    'arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*',
    'arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*',
    'arn:aws:elasticloadbalancing:*:*:targetgroup/*/*',
    'arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*',
    'arn:aws:elasticloadbalancing:*:*:listener-rule/net/*/*/*',
    'arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*',
    'arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*',
  ]) {
    ack(lbPolicy, `AwsSolutions-IAM5[Resource::${arn}]`, lbReason);
  }
  ack(
    child(compute, 'DeployPolicy'),
    'AwsSolutions-IAM5[Resource::*]',
    'ecr:GetAuthorizationToken (docker login) has no resource-level permissions; pushes are limited to the three ' + 'repositories by ARN.',
  );

  // --- model --------------------------------------------------------------------------------------------------
  const executionPolicy = child(model, 'ExecutionPolicy');
  ack(
    executionPolicy,
    'AwsSolutions-IAM5[Resource::*]',
    'Actions without resource-level permissions: ecr:GetAuthorizationToken, the EC2 network-interface calls ' +
      'SageMaker makes to attach the endpoint to the VPC, and cloudwatch:PutMetricData (limited by condition to ' +
      "SageMaker's metric namespaces).",
  );
  ack(
    executionPolicy,
    wildcard(model, model.logGroupArn),
    "SageMaker creates one log stream per instance under the endpoint's log group; the wildcard covers the streams " +
      'of this endpoint only.',
  );
}
