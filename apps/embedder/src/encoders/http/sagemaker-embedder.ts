import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { z } from 'zod';
import { l2normalize, type TextEmbedder } from '../encoder.port.js';
import { callWithRetry, type RemoteCallOptions } from './remote-call.js';

/**
 * Embedding containers on SageMaker answer `{"inputs": [...]}` with either the vectors themselves
 * (TEI, Hugging Face feature-extraction with pooling) or `{"embeddings": [...]}` (DJL/LMI style).
 */
const sagemakerResponseSchema = z.union([
  z.array(z.array(z.number())),
  z.object({ embeddings: z.array(z.array(z.number())) }).transform((r) => r.embeddings),
]);

/** A SageMaker real-time endpoint through `@aws-sdk/client-sagemaker-runtime` InvokeEndpoint. */
export class SageMakerEmbedder implements TextEmbedder {
  readonly name: string;
  private readonly client: SageMakerRuntimeClient;
  constructor(
    private readonly options: {
      endpointName: string;
      region: string;
      endpointUrl?: string;
      credentials?: { accessKeyId: string; secretAccessKey: string };
    } & RemoteCallOptions,
  ) {
    this.name = `sagemaker:${options.endpointName}`;
    // One SDK attempt; callWithRetry owns retries and the per-attempt timeout.
    this.client = new SageMakerRuntimeClient({
      region: options.region,
      endpoint: options.endpointUrl,
      credentials: options.credentials,
      maxAttempts: 1,
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors = await callWithRetry(this.name, this.options, async (abortSignal) => {
      const res = await this.client.send(
        new InvokeEndpointCommand({
          EndpointName: this.options.endpointName,
          ContentType: 'application/json',
          Accept: 'application/json',
          Body: new TextEncoder().encode(JSON.stringify({ inputs: texts })),
        }),
        { abortSignal },
      );
      return sagemakerResponseSchema.parse(JSON.parse(new TextDecoder().decode(res.Body)));
    });
    if (vectors.length !== texts.length) throw new Error(`${this.name} returned ${vectors.length} embeddings for ${texts.length} inputs`);
    return vectors.map((v) => l2normalize(Float32Array.from(v)));
  }

  close(): void {
    this.client.destroy();
  }
}
