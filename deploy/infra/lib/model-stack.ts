import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import type { Construct } from 'constructs';
import type { InfraConfig } from './config.ts';
import { logsKeyPolicy } from './shared.ts';

export interface ModelStackProps extends StackProps {
  config: InfraConfig;
  vpc: ec2.IVpc;
}

/**
 * Name of the report model's endpoint. The backend's role is scoped to it by name, so the model can be replaced
 * (a new endpoint config, a new instance type) without redeploying compute.
 * Production keeps the name the backend chart's production example uses (SAGEMAKER_ENDPOINT_NAME).
 */
export function reportEndpointName(config: InfraConfig): string {
  return `${config.prefix}-report-llm`;
}

/** The most replaceable layer: OpenBioLLM-8B behind Hugging Face TGI on a GPU endpoint, with autoscaling. */
export class ModelStack extends Stack {
  readonly endpoint: sagemaker.CfnEndpoint;
  /** Log streams of the endpoint's instances (SageMaker names the group after the endpoint). */
  readonly logGroupArn: string;

  constructor(scope: Construct, id: string, props: ModelStackProps) {
    super(scope, id, props);
    const { config, vpc } = props;

    const key = new kms.Key(this, 'ModelKey', {
      alias: `${config.prefix}/model`,
      description: 'SageMaker endpoint storage volumes',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(logsKeyPolicy(this));

    const securityGroup = new ec2.SecurityGroup(this, 'ModelSecurityGroup', {
      vpc,
      description: 'Report model containers: egress only (weights from the Hugging Face Hub, image from ECR)',
      allowAllOutbound: true,
    });

    const role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'SageMaker report model: pull the TGI image, write its logs and metrics, attach to the VPC',
    });
    this.logGroupArn = `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:/aws/sagemaker/Endpoints/${reportEndpointName(config)}:*`;
    const policy = new iam.ManagedPolicy(this, 'ExecutionPolicy', { roles: [role], description: 'SageMaker report model execution' });
    const imageAccount = config.modelImage.split('.')[0];
    const imageRepo = config.modelImage.split('/')[1]?.split(':')[0] ?? '';
    policy.addStatements(
      new iam.PolicyStatement({
        sid: 'PullTgiImage',
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resources: [`arn:${this.partition}:ecr:${this.region}:${imageAccount}:repository/${imageRepo}`],
      }),
    );
    policy.addStatements(new iam.PolicyStatement({ sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
    policy.addStatements(
      new iam.PolicyStatement({
        sid: 'Logs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [this.logGroupArn],
      }),
    );
    policy.addStatements(
      new iam.PolicyStatement({
        sid: 'Metrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringLike: { 'cloudwatch:namespace': ['/aws/sagemaker/*', 'AWS/SageMaker*'] } },
      }),
    );
    policy.addStatements(
      new iam.PolicyStatement({
        sid: 'VpcInterfaces',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
        ],
        resources: ['*'],
      }),
    );
    policy.addStatements(
      new iam.PolicyStatement({
        sid: 'VolumeKey',
        actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [key.keyArn],
      }),
    );

    const privateSubnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds;
    const model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: role.roleArn,
      primaryContainer: {
        image: config.modelImage,
        environment: {
          HF_MODEL_ID: config.modelId,
          SM_NUM_GPUS: '1',
          MAX_INPUT_TOKENS: '6144',
          MAX_TOTAL_TOKENS: '8192',
          MAX_BATCH_PREFILL_TOKENS: '8192',
          // The backend (SAGEMAKER_CONTAINER=tgi) sends TGI's own `{ inputs, parameters }` requests with the
          // Llama-3 chat template applied, so the Messages API stays off.
        },
      },
      vpcConfig: { subnets: privateSubnets, securityGroupIds: [securityGroup.securityGroupId] },
    });
    model.node.addDependency(policy);

    const variantName = 'AllTraffic';
    const endpointConfig = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      kmsKeyId: key.keyArn,
      productionVariants: [
        {
          variantName,
          modelName: model.attrModelName,
          instanceType: config.modelInstanceType,
          initialInstanceCount: config.modelMinInstances,
          initialVariantWeight: 1,
          // Loading 16 GB of weights takes minutes; the default health-check window is too short.
          containerStartupHealthCheckTimeoutInSeconds: 900,
          modelDataDownloadTimeoutInSeconds: 1200,
        },
      ],
    });
    const endpointName = reportEndpointName(config);
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName,
      endpointConfigName: endpointConfig.attrEndpointConfigName,
    });

    const target = new appscaling.ScalableTarget(this, 'EndpointScaling', {
      serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER,
      resourceId: `endpoint/${endpointName}/variant/${variantName}`,
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      minCapacity: config.modelMinInstances,
      maxCapacity: config.modelMaxInstances,
    });
    target.node.addDependency(this.endpoint);
    target.scaleToTrackMetric('InvocationsPerInstance', {
      predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE,
      targetValue: config.modelInvocationsPerInstance,
      // A GPU instance takes minutes to load the weights: wait for one before adding the next, and give traffic
      // a quarter of an hour to settle before removing capacity.
      scaleOutCooldown: Duration.minutes(5),
      scaleInCooldown: Duration.minutes(15),
    });

    new CfnOutput(this, 'ReportEndpointName', {
      value: this.endpoint.attrEndpointName,
      description: 'helm backend: config.SAGEMAKER_ENDPOINT_NAME',
    });
  }
}
