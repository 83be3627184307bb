import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { type GenerationEvent, type GenerationRequest, type LanguageModel, LanguageModelError } from '../language-model.js';

export interface OpenAiModelOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Wait for response headers; the stream itself is guarded by our first-token and idle timeouts. */
  timeoutMs: number;
}

/** Any OpenAI-compatible chat-completions API (OpenAI, Azure-compatible gateways, vLLM, LMI), streamed over SSE. */
export class OpenAiModel implements LanguageModel {
  readonly provider = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI;

  constructor(options: OpenAiModelOptions) {
    this.model = options.model;
    // Retries are ours (resilient-runner.ts): the SDK's would hide failures from the circuit breaker.
    // The SDK's own console logging is off: failures surface as LanguageModelError and are logged as JSON by the caller.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      maxRetries: 0,
      timeout: options.timeoutMs,
      logLevel: 'off',
    });
  }

  async *stream(request: GenerationRequest): AsyncIterable<GenerationEvent> {
    const signal = request.signal;
    let finished = false;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: request.messages,
          max_tokens: request.maxTokens,
          temperature: request.temperature,
          ...(request.topP !== undefined ? { top_p: request.topP } : {}),
          ...(request.stop?.length ? { stop: request.stop } : {}),
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      for await (const chunk of stream) {
        if (!chunk || typeof chunk !== 'object' || !Array.isArray(chunk.choices)) {
          throw new LanguageModelError('malformed', 'OpenAI-compatible server sent a chunk without choices', false);
        }
        const choice = chunk.choices[0];
        if (choice?.delta?.content) yield { type: 'token', text: choice.delta.content };
        if (choice?.finish_reason) finished = true;
        if (chunk.usage)
          yield { type: 'usage', tokensIn: chunk.usage.prompt_tokens ?? null, tokensOut: chunk.usage.completion_tokens ?? null };
      }
    } catch (error) {
      throw toModelError(error, signal?.aborted ?? false);
    }
    // An aborted stream ends silently in the SDK, and so does a server that hangs up early.
    if (signal?.aborted) throw new LanguageModelError('timeout', 'OpenAI-compatible stream timed out', !finished);
    if (!finished) throw new LanguageModelError('incomplete', 'OpenAI-compatible stream ended without a finish reason', false);
  }
}

function toModelError(error: unknown, aborted: boolean): LanguageModelError {
  if (error instanceof LanguageModelError) return error;
  if (aborted || error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) {
    return new LanguageModelError('timeout', `OpenAI-compatible call timed out: ${(error as Error).message}`, true, { cause: error });
  }
  if (error instanceof APIConnectionError)
    return new LanguageModelError('unavailable', `OpenAI-compatible server unreachable: ${error.message}`, true, { cause: error });
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    return new LanguageModelError(
      'http_error',
      `OpenAI-compatible server answered ${status}: ${error.message}`,
      status >= 500 || status === 429 || status === 0,
      { cause: error },
    );
  }
  if (error instanceof SyntaxError)
    return new LanguageModelError('malformed', `OpenAI-compatible server sent unreadable data: ${error.message}`, false, { cause: error });
  return new LanguageModelError('malformed', `OpenAI-compatible call failed: ${(error as Error)?.message ?? String(error)}`, false, {
    cause: error,
  });
}
