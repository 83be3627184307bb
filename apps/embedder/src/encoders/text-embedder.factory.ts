import type { TextEmbedder } from './encoder.port.js';
import { OpenAiEmbedder } from './http/openai-embedder.js';
import { SageMakerEmbedder } from './http/sagemaker-embedder.js';
import { TeiEmbedder } from './http/tei-embedder.js';

/** What the factory needs of the corpus module's config (the boot-time loader has checked the companion settings). */
export interface TextEmbedderConfig {
  DENSE_ENCODER: 'lsa' | 'none' | 'openai' | 'tei' | 'sagemaker';
  ENCODER_TIMEOUT_MS: number;
  ENCODER_MAX_RETRIES: number;
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_EMBEDDING_MODEL: string;
  TEI_URL?: string;
  SAGEMAKER_ENDPOINT_NAME?: string;
  SAGEMAKER_ENDPOINT_URL?: string;
  AWS_REGION: string;
}

/** The remote dense encoder the configuration names, or null for the corpus-trained (lsa) and lexical-only (none) modes. */
export function createTextEmbedder(config: TextEmbedderConfig): TextEmbedder | null {
  const call = { timeoutMs: config.ENCODER_TIMEOUT_MS, maxRetries: config.ENCODER_MAX_RETRIES };
  switch (config.DENSE_ENCODER) {
    case 'lsa':
    case 'none':
      return null;
    case 'openai':
      return new OpenAiEmbedder({
        ...call,
        baseURL: config.OPENAI_BASE_URL,
        apiKey: required(config.OPENAI_API_KEY, 'OPENAI_API_KEY'),
        model: config.OPENAI_EMBEDDING_MODEL,
      });
    case 'tei':
      return new TeiEmbedder({ ...call, url: required(config.TEI_URL, 'TEI_URL') });
    case 'sagemaker':
      return new SageMakerEmbedder({
        ...call,
        endpointName: required(config.SAGEMAKER_ENDPOINT_NAME, 'SAGEMAKER_ENDPOINT_NAME'),
        region: config.AWS_REGION,
        endpointUrl: config.SAGEMAKER_ENDPOINT_URL,
      });
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`Invalid configuration: ${name}: is required when DENSE_ENCODER uses it`);
  return value;
}
