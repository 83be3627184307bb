import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { ComputeStack } from './compute-stack.ts';
import { loadConfig } from './config.ts';
import { DataStack } from './data-stack.ts';
import { ModelStack } from './model-stack.ts';
import { NetworkStack } from './network-stack.ts';
import { applySuppressions } from './suppressions.ts';

export interface PatientInsightStacks {
  network: NetworkStack;
  data: DataStack;
  compute: ComputeStack;
  model: ModelStack;
}

const FEATURE_FLAGS = {
  // The cluster's IAM OIDC provider as AWS::IAM::OIDCProvider instead of a Lambda-backed custom resource.
  '@aws-cdk/aws-eks:useNativeOidcProvider': true,
  // Server access logs delivered by bucket policy, so the log bucket can keep ACLs disabled.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  // Exports between the stacks stay protected: a consumer must drop its import before the producer can change it.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};

/** Stack ids carry the environment so staging and production can live side by side in one app. */
export function stackId(env: string, layer: string): string {
  return `PatientInsight-${env}-${layer}`;
}

export interface BuildOptions {
  /** Run the AwsSolutions and HIPAA Security packs at synth (default true; any unacknowledged finding fails synth). */
  nag?: boolean;
  /** Apply lib/suppressions.ts (default true; the nag test turns it off to prove every acknowledgment is needed). */
  suppress?: boolean;
}

/** Builds the four stacks of the environment named in context, with cdk-nag's packs checking every resource. */
export function buildApp(app: App, options: BuildOptions = {}): PatientInsightStacks {
  // Behaviour this app relies on, fixed here so `cdk synth` and the tests cannot differ (context must precede stacks).
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) app.node.setContext(flag, value);
  const config = loadConfig(app.node);
  // The answer to the availability-zone lookup the VPC makes, from context: synth never asks an AWS account.
  app.node.setContext(`availability-zones:account=${config.account}:region=${config.region}`, config.availabilityZones);
  const env = { account: config.account, region: config.region };
  const common = { env, config, terminationProtection: config.env === 'production' };

  const network = new NetworkStack(app, stackId(config.env, 'network'), {
    ...common,
    description: `PatientInsight ${config.env}: VPC over three zones`,
  });
  const data = new DataStack(app, stackId(config.env, 'data'), {
    ...common,
    vpc: network.vpc,
    description: `PatientInsight ${config.env}: database, buckets, image repositories, ingestion queue`,
  });
  const compute = new ComputeStack(app, stackId(config.env, 'compute'), {
    ...common,
    vpc: network.vpc,
    data,
    description: `PatientInsight ${config.env}: EKS cluster, workload roles, Prometheus workspace, deploy role`,
  });
  const model = new ModelStack(app, stackId(config.env, 'model'), {
    ...common,
    vpc: network.vpc,
    description: `PatientInsight ${config.env}: report model endpoint (OpenBioLLM-8B on TGI)`,
  });

  const stacks = { network, data, compute, model };
  for (const stack of Object.values(stacks)) {
    Tags.of(stack).add('project', 'patientinsight');
    Tags.of(stack).add('environment', config.env);
  }
  if (options.suppress !== false) applySuppressions(stacks);
  if (options.nag !== false) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  }
  return stacks;
}
