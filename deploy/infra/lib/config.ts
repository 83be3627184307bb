import type { Node } from 'constructs';

export const ENVIRONMENTS = ['staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** The three services, as the Helm charts and the CD workflow name them (deploy/helm/<service>, ECR patientinsight/<service>). */
export const SERVICES = ['frontend', 'backend', 'embedder'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Kubernetes namespace the charts are installed in (.github/workflows/cd.yml NAMESPACE). */
export const APP_NAMESPACE = 'patientinsight';

export interface InfraConfig {
  env: EnvironmentName;
  account: string;
  region: string;
  /** Explicit zones: an explicit list means no availability-zone lookup, so synth needs no AWS account. */
  availabilityZones: string[];
  /** Resource name prefix; production keeps the bare names the charts' production examples and cd.yml use. */
  prefix: string;
  vpcCidr: string;
  natGateways: number;
  nodeInstanceType: string;
  nodeMinSize: number;
  nodeMaxSize: number;
  nodeDesiredSize: number;
  /** CIDRs allowed to reach the public EKS API endpoint (the CD runners); empty = private endpoint only. */
  clusterApiCidrs: string[];
  dbInstanceType: string;
  dbMultiAz: boolean;
  dbAllocatedStorageGiB: number;
  dbBackupRetentionDays: number;
  modelInstanceType: string;
  modelImage: string;
  modelId: string;
  modelMinInstances: number;
  modelMaxInstances: number;
  /** Target of the endpoint's scaling policy: SageMakerVariantInvocationsPerInstance (per minute). */
  modelInvocationsPerInstance: number;
  /** owner/name of the GitHub repository whose workflows may assume the deploy role. */
  githubRepository: string;
  /** An existing token.actions.githubusercontent.com provider (an account holds only one); created when absent. */
  githubOidcProviderArn?: string;
  /** Days the audit bucket's object lock keeps each checkpoint. */
  auditRetentionDays: number;
}

export class ConfigError extends Error {}

type Raw = (key: string) => unknown;

function str(raw: Raw, key: string, fallback: string): string {
  const v = raw(key);
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'string') throw new ConfigError(`context ${key}: must be a string`);
  return v;
}

function int(raw: Raw, key: string, fallback: number, min: number, max: number): number {
  const v = raw(key);
  if (v === undefined || v === null || v === '') return fallback;
  // `cdk synth -c key=3` passes strings; cdk.json passes numbers.
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`context ${key}: must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return n;
}

function bool(raw: Raw, key: string, fallback: boolean): boolean {
  const v = raw(key);
  if (v === undefined || v === null || v === '') return fallback;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new ConfigError(`context ${key}: must be true or false, got ${JSON.stringify(v)}`);
}

function list(raw: Raw, key: string, fallback: string[]): string[] {
  const v = raw(key);
  if (v === undefined || v === null) return fallback;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  throw new ConfigError(`context ${key}: must be a list or a comma-separated string`);
}

/** Reads and checks every setting once, from CDK context (cdk.json or `-c key=value`), with per-environment defaults. */
export function loadConfig(node: Pick<Node, 'tryGetContext'>): InfraConfig {
  const raw: Raw = (key) => node.tryGetContext(key);
  const env = str(raw, 'env', 'staging');
  if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
    throw new ConfigError(`context env: must be one of ${ENVIRONMENTS.join(', ')}, got ${JSON.stringify(env)}`);
  }
  const production = env === 'production';
  const account = str(raw, 'account', '');
  if (!/^\d{12}$/.test(account)) throw new ConfigError('context account: must be a 12-digit AWS account id');
  const region = str(raw, 'region', '');
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new ConfigError(`context region: not an AWS region: ${JSON.stringify(region)}`);
  const availabilityZones = list(
    raw,
    'availabilityZones',
    ['a', 'b', 'c'].map((z) => `${region}${z}`),
  );
  if (availabilityZones.length !== 3) throw new ConfigError('context availabilityZones: the VPC spans exactly three zones');
  const githubRepository = str(raw, 'githubRepository', '');
  if (!/^[\w.-]+\/[\w.-]+$/.test(githubRepository)) throw new ConfigError('context githubRepository: must be owner/name');

  const nodeMinSize = int(raw, 'nodeMinSize', 2, 1, 100);
  const nodeMaxSize = int(raw, 'nodeMaxSize', 4, 1, 100);
  if (nodeMaxSize < nodeMinSize) throw new ConfigError('context nodeMaxSize: must be at least nodeMinSize');
  const modelMinInstances = int(raw, 'modelMinInstances', 1, 1, 20);
  const modelMaxInstances = int(raw, 'modelMaxInstances', production ? 4 : 2, 1, 20);
  if (modelMaxInstances < modelMinInstances) throw new ConfigError('context modelMaxInstances: must be at least modelMinInstances');

  return {
    env: env as EnvironmentName,
    account,
    region,
    availabilityZones,
    prefix: production ? 'patientinsight' : `patientinsight-${env}`,
    vpcCidr: str(raw, 'vpcCidr', production ? '10.40.0.0/16' : '10.41.0.0/16'),
    // One NAT per zone in production so a zone outage does not cut the others' egress; one is enough for staging.
    natGateways: int(raw, 'natGateways', production ? 3 : 1, 1, 3),
    nodeInstanceType: str(raw, 'nodeInstanceType', 'm6i.large'),
    nodeMinSize,
    nodeMaxSize,
    nodeDesiredSize: int(raw, 'nodeDesiredSize', nodeMinSize, nodeMinSize, nodeMaxSize),
    clusterApiCidrs: list(raw, 'clusterApiCidrs', ['0.0.0.0/0']),
    dbInstanceType: str(raw, 'dbInstanceType', production ? 'm6g.large' : 't4g.medium'),
    dbMultiAz: bool(raw, 'dbMultiAz', production),
    dbAllocatedStorageGiB: int(raw, 'dbAllocatedStorageGiB', production ? 100 : 20, 20, 65536),
    dbBackupRetentionDays: int(raw, 'dbBackupRetentionDays', production ? 35 : 7, 1, 35),
    modelInstanceType: str(raw, 'modelInstanceType', 'ml.g5.2xlarge'),
    // Hugging Face TGI deep-learning container (AWS account 763104351884 hosts the DLCs in most regions).
    modelImage: str(
      raw,
      'modelImage',
      `763104351884.dkr.ecr.${region}.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04`,
    ),
    modelId: str(raw, 'modelId', 'aaditya/Llama3-OpenBioLLM-8B'),
    modelMinInstances,
    modelMaxInstances,
    modelInvocationsPerInstance: int(raw, 'modelInvocationsPerInstance', 20, 1, 10000),
    githubRepository,
    githubOidcProviderArn: str(raw, 'githubOidcProviderArn', '') || undefined,
    // Six years: HIPAA's documentation retention period.
    auditRetentionDays: int(raw, 'auditRetentionDays', production ? 2190 : 30, 1, 36500),
  };
}
