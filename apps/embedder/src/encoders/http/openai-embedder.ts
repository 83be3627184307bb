import OpenAI from 'openai';
import { l2normalize, type TextEmbedder } from '../encoder.port.js';
import { callWithRetry, type RemoteCallOptions } from './remote-call.js';

/** OpenAI-compatible `POST /v1/embeddings` (OpenAI, vLLM, LiteLLM, Ollama...) through the openai SDK. */
export class OpenAiEmbedder implements TextEmbedder {
  readonly name: string;
  private readonly client: OpenAI;
  constructor(private readonly options: { baseURL?: string; apiKey: string; model: string } & RemoteCallOptions) {
    this.name = `openai:${options.model}`;
    // Retries and timeouts are ours (callWithRetry), so the SDK makes exactly one attempt.
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const response = await callWithRetry(this.name, this.options, (signal) =>
      this.client.embeddings.create({ model: this.options.model, input: texts }, { signal }),
    );
    const ordered = [...response.data].sort((a, b) => a.index - b.index);
    if (ordered.length !== texts.length) throw new Error(`${this.name} returned ${ordered.length} embeddings for ${texts.length} inputs`);
    return ordered.map((d) => l2normalize(Float32Array.from(d.embedding)));
  }
}
