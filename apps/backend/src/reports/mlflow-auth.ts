import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** SageMaker-managed MLflow: requests are signed for this service and routed by the server ARN header. */
export const SAGEMAKER_MLFLOW_SERVICE = 'sagemaker-mlflow';
export const SAGEMAKER_MLFLOW_ARN_HEADER = 'x-mlflow-sm-tracking-server-arn';
export const SAGEMAKER_MLFLOW_ARN = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):\d{12}:mlflow-tracking-server\/[A-Za-z0-9-]+$/;

/** The region of a tracking server ARN and its regional endpoint. */
export function sagemakerMlflowEndpoint(arn: string): { region: string; url: string } {
  const region = SAGEMAKER_MLFLOW_ARN.exec(arn)?.[1];
  if (!region) throw new Error('not a SageMaker MLflow tracking server ARN');
  return { region, url: `https://${region}.experiments.sagemaker.aws` };
}

/** SHA-256 (and HMAC-SHA-256 with a secret) on node:crypto, in the shape SignatureV4 expects. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export type MlflowRequestSigner = (
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string | undefined,
) => Promise<Record<string, string>>;

/**
 * SigV4 for a SageMaker MLflow tracking server: credentials from the default chain (IRSA in EKS), the ARN
 * header signed with the request, the payload hash sent as x-amz-content-sha256 as the service requires.
 */
export function sagemakerMlflowSigner(arn: string): MlflowRequestSigner {
  const { region } = sagemakerMlflowEndpoint(arn);
  const signer = new SignatureV4({ service: SAGEMAKER_MLFLOW_SERVICE, region, credentials: defaultProvider(), sha256: NodeSha256 });
  return async (method, url, headers, body) => {
    const payloadHash = createHash('sha256')
      .update(body ?? '')
      .digest('hex');
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host, [SAGEMAKER_MLFLOW_ARN_HEADER]: arn, 'x-amz-content-sha256': payloadHash },
      body,
    });
    return signed.headers;
  };
}
