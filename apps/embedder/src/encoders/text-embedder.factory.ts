import type { EmbedderConfig } from '../config/embedder.config.js';
import type { TextEmbedder } from './encoder.port.js';
import { OpenAiEmbedder } from './http/openai-embedder.js';
import { SageMakerEmbedder } from './http/sagemaker-embedder.js';
import { TeiEmbedder } from './http/tei-embedder.js';

/** The remote dense encoder the configuration names, or null for the corpus-trained (lsa) and lexical-only (none) modes. */
export function createTextEmbedder(config: EmbedderConfig): TextEmbedder | null {
  const call = { timeoutMs: config.ENCODER_TIMEOUT_MS, maxRetries: config.ENCODER_MAX_RETRIES };
  switch (config.DENSE_ENCODER) {
    case 'lsa':
    case 'none':
      return null;
    case 'openai':
      return new OpenAiEmbedder({ ...call, baseURL: config.OPENAI_BASE_URL, apiKey: required(config.OPENAI_API_KEY, 'OPENAI_API_KEY'), model: config.OPENAI_EMBEDDING_MODEL });
    case 'tei':
      return new TeiEmbedder({ ...call, url: required(config.TEI_URL, 'TEI_URL') });
    case 'sagemaker':
      return new SageMakerEmbedder({ ...call, endpointName: required(config.SAGEMAKER_ENDPOINT_NAME, 'SAGEMAKER_ENDPOINT_NAME'), region: config.AWS_REGION, endpointUrl: config.SAGEMAKER_ENDPOINT_URL });
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`Invalid configuration: ${name}: is required when DENSE_ENCODER uses it`);
  return value;
}
