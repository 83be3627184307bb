import { CfnOutput, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { InfraConfig } from './config.ts';
import { logsKeyPolicy } from './shared.ts';

export interface NetworkStackProps extends StackProps {
  config: InfraConfig;
}

/** The longest-lived layer: the VPC over three zones. Everything else is deployed into it. */
export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: config.prefix,
      ipAddresses: ec2.IpAddresses.cidr(config.vpcCidr),
      availabilityZones: config.availabilityZones,
      natGateways: config.natGateways,
      // Nothing may use the default security group (the HIPAA pack checks that it allows no traffic).
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        // Only NAT gateways and load balancers live here: nothing gets a public address by default.
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        // Nodes and pods (VPC CNI gives pods subnet addresses, hence the /19s), the SageMaker endpoint's ENIs.
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: {
        // Case files and image layers stay on the AWS network instead of crossing the NAT gateways.
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
      },
    });
    // The AWS Load Balancer Controller picks the subnets for the charts' NLBs by these tags.
    for (const subnet of this.vpc.publicSubnets) Tags.of(subnet).add('kubernetes.io/role/elb', '1');
    for (const subnet of this.vpc.privateSubnets) Tags.of(subnet).add('kubernetes.io/role/internal-elb', '1');

    const flowLogKey = new kms.Key(this, 'FlowLogKey', {
      alias: `${config.prefix}/vpc-flow-logs`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    flowLogKey.addToResourcePolicy(logsKeyPolicy(this));
    const flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: flowLogKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
      maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
    });

    new CfnOutput(this, 'VpcId', { value: this.vpc.vpcId });
  }
}
