import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type InfraConfig, SERVICES, type ServiceName } from './config.ts';
import { logsKeyPolicy } from './shared.ts';

export interface DataStackProps extends StackProps {
  config: InfraConfig;
  vpc: ec2.IVpc;
}

/** Port of the database: not the engine default (AwsSolutions-RDS11), so default-port probes miss it. */
export const DB_PORT = 5433;

/**
 * State that must outlive any cluster: the database, the buckets, the image repositories and the ingestion queue.
 * The queue lives here rather than with the compute it feeds because the case bucket's notification names it: S3 checks
 * the destination when the bucket's configuration is written, and compute already depends on this stack.
 */
export class DataStack extends Stack {
  readonly dataKey: kms.Key;
  /** Name prefix of this environment's resources (config.prefix). */
  readonly prefix: string;
  readonly database: rds.DatabaseInstance;
  readonly caseBucket: s3.Bucket;
  readonly uploadBucket: s3.Bucket;
  readonly auditBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  /** Plain ARN strings (from the explicit names) so other stacks' policies need no CloudFormation export. */
  readonly caseBucketArn: string;
  readonly uploadBucketArn: string;
  readonly auditBucketArn: string;
  readonly ingestQueue: sqs.Queue;
  readonly ingestDeadLetterQueue: sqs.Queue;
  readonly repositories: Record<ServiceName, ecr.Repository>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config, vpc } = props;
    const production = config.env === 'production';
    // Production data survives a `cdk destroy`; staging's goes with the stack (its buckets must be emptied first).
    const removalPolicy = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.prefix = config.prefix;

    this.dataKey = new kms.Key(this, 'DataKey', {
      alias: `${config.prefix}/data`,
      description: 'Patient data at rest: database, case files, uploads, audit checkpoints, database logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.dataKey.addToResourcePolicy(logsKeyPolicy(this));

    // --- Buckets -------------------------------------------------------------------------------------------
    // Explicit names: the queue policy and the workload roles refer to them without a cross-resource reference
    // (the queue policy must exist before the bucket that names it, so it cannot reference the bucket).
    const bucketName = (purpose: string) => `${config.prefix}-${purpose}-${this.account}-${this.region}`;
    // S3 delivers server access logs only to SSE-S3 buckets, so this one bucket cannot use the KMS key.
    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      bucketName: bucketName('logs'),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(production ? 400 : 90), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy,
      autoDeleteObjects: false,
    });
    const bucket = (name: string, purpose: string, extra: Partial<s3.BucketProps> = {}) =>
      new s3.Bucket(this, name, {
        bucketName: bucketName(purpose),
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.dataKey,
        bucketKeyEnabled: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${name}/`,
        removalPolicy,
        ...extra,
      });
    this.accessLogsBucket = accessLogs;
    const bucketArn = (purpose: string) => `arn:${this.partition}:s3:::${bucketName(purpose)}`;
    this.caseBucketArn = bucketArn('cases');
    this.uploadBucketArn = bucketArn('uploads');
    this.auditBucketArn = bucketArn('audit');
    this.caseBucket = bucket('CaseBucket', 'cases', {
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    this.uploadBucket = bucket('UploadBucket', 'uploads', {
      // An upload is only a staging copy until its ingestion job has read it.
      lifecycleRules: [
        {
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.auditBucket = bucket('AuditBucket', 'audit', {
      objectLockEnabled: true,
      // Compliance mode: not even the account root can shorten it. Staging uses governance so it can be torn down.
      objectLockDefaultRetention: production
        ? s3.ObjectLockRetention.compliance(Duration.days(config.auditRetentionDays))
        : s3.ObjectLockRetention.governance(Duration.days(config.auditRetentionDays)),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- Ingestion queue: the case bucket's object-created notifications ---------------------------------
    this.ingestDeadLetterQueue = new sqs.Queue(this, 'IngestDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.ingestQueue = new sqs.Queue(this, 'IngestQueue', {
      // SQS-managed keys: S3 can publish to them without a grant on a customer key.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The embedder extends the visibility while a job runs; this is only the first lease.
      visibilityTimeout: Duration.minutes(5),
      receiveMessageWaitTime: Duration.seconds(20),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.ingestDeadLetterQueue, maxReceiveCount: 5 },
    });
    // One resource policy per queue: CloudFormation keeps only one AWS::SQS::QueuePolicy per queue, and enforceSSL
    // already created this one (with its TLS-only deny).
    this.ingestQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CaseBucketNotifications',
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.ingestQueue.queueArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': this.caseBucketArn },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );
    const queuePolicy = this.ingestQueue.node.findChild('Policy');
    // The notification is set on the bucket resource itself (not through CDK's notifications custom resource, which
    // would add a Lambda function); S3 validates the queue policy at that moment, hence the dependency.
    const cfnCaseBucket = this.caseBucket.node.defaultChild as s3.CfnBucket;
    cfnCaseBucket.notificationConfiguration = {
      queueConfigurations: [{ event: 's3:ObjectCreated:*', queue: this.ingestQueue.queueArn }],
    };
    cfnCaseBucket.node.addDependency(queuePolicy);

    // --- Database ----------------------------------------------------------------------------------------
    const dbSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc,
      description: 'PostgreSQL: reachable from the private (node and pod) subnets only',
      allowAllOutbound: false,
    });
    for (const subnet of vpc.privateSubnets) {
      dbSecurityGroup.addIngressRule(ec2.Peer.ipv4(subnet.ipv4CidrBlock), ec2.Port.tcp(DB_PORT), `pods in ${subnet.availabilityZone}`);
    }
    this.database = new rds.DatabaseInstance(this, 'Database', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_4 }),
      instanceType: new ec2.InstanceType(config.dbInstanceType),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [dbSecurityGroup],
      port: DB_PORT,
      multiAz: config.dbMultiAz,
      credentials: rds.Credentials.fromGeneratedSecret('patientinsight', {
        secretName: `${config.prefix}/database/master`,
        encryptionKey: this.dataKey,
      }),
      databaseName: 'patientinsight',
      storageEncrypted: true,
      storageEncryptionKey: this.dataKey,
      allocatedStorage: config.dbAllocatedStorageGiB,
      maxAllocatedStorage: config.dbAllocatedStorageGiB * 4,
      storageType: rds.StorageType.GP3,
      backupRetention: Duration.days(config.dbBackupRetentionDays),
      deleteAutomatedBackups: false,
      deletionProtection: production,
      removalPolicy: production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      autoMinorVersionUpgrade: true,
      iamAuthentication: true,
      publiclyAccessible: false,
      monitoringInterval: Duration.seconds(60),
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: this.dataKey,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      parameters: {
        // TLS only; the services connect with sslmode=verify-full.
        'rds.force_ssl': '1',
        // Statement text can hold patient data: log errors and slow-statement durations, never parameters.
        log_min_duration_statement: '1000',
        log_parameter_max_length: '0',
        log_parameter_max_length_on_error: '0',
      },
    });
    this.database.addRotationSingleUser({
      automaticallyAfter: Duration.days(30),
      // The rotation function calls the Secrets Manager API, which the isolated data subnets cannot reach.
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });

    // Point-in-time copies outside the instance's own automated backups (kept in a vault under the data key).
    const vault = new backup.BackupVault(this, 'BackupVault', {
      backupVaultName: `${config.prefix}-data`,
      encryptionKey: this.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = production
      ? backup.BackupPlan.dailyWeeklyMonthly7YearRetention(this, 'BackupPlan', vault)
      : backup.BackupPlan.daily35DayRetention(this, 'BackupPlan', vault);
    plan.addSelection('Database', { resources: [backup.BackupResource.fromRdsDatabaseInstance(this.database)] });

    // --- Image repositories --------------------------------------------------------------------------------
    this.repositories = Object.fromEntries(
      SERVICES.map((service) => [
        service,
        new ecr.Repository(this, `Repository-${service}`, {
          repositoryName: `${config.prefix}/${service}`,
          encryption: ecr.RepositoryEncryption.KMS,
          imageScanOnPush: true,
          // CD tags each image with its commit SHA once: a tag never moves.
          imageTagMutability: ecr.TagMutability.IMMUTABLE,
          lifecycleRules: [
            {
              rulePriority: 1,
              description: 'untagged layers of failed pushes',
              tagStatus: ecr.TagStatus.UNTAGGED,
              maxImageAge: Duration.days(7),
            },
            {
              rulePriority: 2,
              description: 'keep the last 50 releases (rollback targets)',
              tagStatus: ecr.TagStatus.ANY,
              maxImageCount: 50,
            },
          ],
          removalPolicy,
          emptyOnDelete: !production,
        }),
      ]),
    ) as Record<ServiceName, ecr.Repository>;

    new CfnOutput(this, 'DatabaseEndpoint', { value: this.database.dbInstanceEndpointAddress });
    new CfnOutput(this, 'DatabasePort', { value: this.database.dbInstanceEndpointPort });
    new CfnOutput(this, 'DatabaseSecretArn', { value: this.database.secret?.secretArn ?? '' });
    new CfnOutput(this, 'CaseBucketName', { value: this.caseBucket.bucketName });
    new CfnOutput(this, 'UploadBucketName', { value: this.uploadBucket.bucketName });
    new CfnOutput(this, 'AuditBucketName', { value: this.auditBucket.bucketName });
    new CfnOutput(this, 'IngestQueueUrl', { value: this.ingestQueue.queueUrl });
    new CfnOutput(this, 'IngestDeadLetterQueueUrl', { value: this.ingestDeadLetterQueue.queueUrl });
    for (const service of SERVICES) {
      new CfnOutput(this, `RepositoryUri${service[0].toUpperCase()}${service.slice(1)}`, {
        value: this.repositories[service].repositoryUri,
      });
    }
  }
}
