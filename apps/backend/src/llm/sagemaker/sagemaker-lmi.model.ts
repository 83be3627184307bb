import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { type GenerationEvent, type GenerationRequest, type LanguageModel, LanguageModelError } from '../language-model.js';
import { SseDataReader } from '../sse-lines.js';
import { toModelError } from './sagemaker-client.js';

interface ChatChunk {
  choices?: { delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: unknown;
}

/**
 * A Large Model Inference (DJL/vLLM) container on SageMaker with the OpenAI chat-completions schema:
 * `{ messages, max_tokens, temperature, top_p, stop, stream }`. The container applies the model's
 * own chat template; streamed answers are `data: <chat.completion.chunk>` lines, then `data: [DONE]`.
 */
export class SageMakerLmiModel implements LanguageModel {
  readonly provider = 'sagemaker-lmi' as const;
  constructor(
    private readonly client: SageMakerRuntimeClient,
    private readonly endpointName: string,
    readonly model: string,
    private readonly streaming = true,
  ) {}

  private body(request: GenerationRequest, stream: boolean): Uint8Array {
    return new TextEncoder().encode(
      JSON.stringify({
        messages: request.messages,
        max_tokens: request.maxTokens,
        temperature: request.temperature,
        ...(request.topP !== undefined ? { top_p: request.topP } : {}),
        ...(request.stop?.length ? { stop: request.stop } : {}),
        stream,
        ...(stream ? { stream_options: { include_usage: true } } : {}),
      }),
    );
  }

  async *stream(request: GenerationRequest): AsyncIterable<GenerationEvent> {
    const signal = request.signal;
    if (!this.streaming) {
      let text: string;
      try {
        const response = await this.client.send(
          new InvokeEndpointCommand({ EndpointName: this.endpointName, ContentType: 'application/json', Body: this.body(request, false) }),
          { abortSignal: signal },
        );
        text = new TextDecoder().decode(response.Body);
      } catch (error) {
        throw toModelError(error, signal?.aborted ?? false);
      }
      let parsed: ChatChunk;
      try {
        parsed = JSON.parse(text) as ChatChunk;
      } catch {
        throw new LanguageModelError('malformed', `LMI answer is not JSON: ${text.slice(0, 80)}`, false);
      }
      const content = parsed.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new LanguageModelError('malformed', 'LMI answer has no message content', false);
      yield { type: 'token', text: content };
      yield { type: 'usage', tokensIn: parsed.usage?.prompt_tokens ?? null, tokensOut: parsed.usage?.completion_tokens ?? null };
      return;
    }
    let events: AsyncIterable<{ PayloadPart?: { Bytes?: Uint8Array } }> | undefined;
    try {
      const response = await this.client.send(
        new InvokeEndpointWithResponseStreamCommand({
          EndpointName: this.endpointName,
          ContentType: 'application/json',
          Body: this.body(request, true),
        }),
        { abortSignal: signal },
      );
      events = response.Body;
    } catch (error) {
      throw toModelError(error, signal?.aborted ?? false);
    }
    if (!events) throw new LanguageModelError('malformed', 'SageMaker stream had no body', false);
    const reader = new SseDataReader();
    let done = false;
    const handle = function* (payload: string): Generator<GenerationEvent> {
      if (payload === '[DONE]') {
        done = true;
        return;
      }
      let chunk: ChatChunk;
      try {
        chunk = JSON.parse(payload) as ChatChunk;
      } catch {
        throw new LanguageModelError('malformed', `LMI sent a non-JSON event: ${payload.slice(0, 80)}`, false);
      }
      if (chunk.error) throw new LanguageModelError('http_error', `LMI error: ${JSON.stringify(chunk.error).slice(0, 200)}`, false);
      const choice = chunk.choices?.[0];
      if (choice?.delta?.content) yield { type: 'token', text: choice.delta.content };
      if (choice?.finish_reason) done = true;
      if (chunk.usage)
        yield { type: 'usage', tokensIn: chunk.usage.prompt_tokens ?? null, tokensOut: chunk.usage.completion_tokens ?? null };
    };
    try {
      for await (const part of events) {
        const bytes = part.PayloadPart?.Bytes;
        if (bytes) for (const payload of reader.push(bytes)) yield* handle(payload);
      }
      for (const payload of reader.flush()) yield* handle(payload);
    } catch (error) {
      throw toModelError(error, signal?.aborted ?? false);
    }
    if (!done) throw new LanguageModelError('incomplete', 'LMI stream ended without a finish reason', false);
  }
}
