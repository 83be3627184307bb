import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { LanguageModelError } from '../language-model.js';

export interface SageMakerClientOptions {
  region: string;
  /** Override of the runtime URL (VPC endpoint, or a local fake in tests). */
  endpointUrl?: string;
  /** Explicit keys; unset uses the SDK's default chain (IRSA, instance role, environment). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Inactivity limit on the socket, a backstop under our own first-token and idle timeouts. */
  socketTimeoutMs: number;
}

/** One runtime client; our resilience layer does the retries, so the SDK's are off (maxAttempts 1). */
export function createSageMakerClient(options: SageMakerClientOptions): SageMakerRuntimeClient {
  return new SageMakerRuntimeClient({
    region: options.region,
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 1,
    requestHandler: { socketTimeout: options.socketTimeoutMs },
  });
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/** Maps what the SDK throws to our failure kinds (see /work/shared/notes/sdk-fakes.md for the shapes). */
export function toModelError(error: unknown, aborted: boolean): LanguageModelError {
  if (error instanceof LanguageModelError) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const message = e.message ?? String(error);
  if (aborted || e.name === 'AbortError' || e.name === 'TimeoutError' || message === 'aborted') {
    return new LanguageModelError('timeout', `SageMaker call timed out: ${message}`, true, { cause: error });
  }
  if (e.name === 'ModelStreamError' || e.name === 'InternalStreamFailure') {
    return new LanguageModelError('incomplete', `SageMaker stream failed: ${message}`, false, { cause: error });
  }
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'SyntaxError' || /deserializ/i.test(message)) {
    return new LanguageModelError('malformed', `SageMaker response was not readable: ${message}`, (status ?? 0) >= 500, { cause: error });
  }
  if (status !== undefined) {
    const retryable = status >= 500 || status === 429;
    return new LanguageModelError('http_error', `SageMaker answered ${status} ${e.name ?? ''}: ${message}`, retryable, { cause: error });
  }
  return new LanguageModelError('unavailable', `SageMaker unreachable: ${message}`, true, { cause: error });
}
