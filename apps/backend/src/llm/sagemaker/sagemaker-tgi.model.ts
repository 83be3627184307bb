import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { applyLlama3Template, LLAMA3_STOP } from '../chat-template.js';
import { type GenerationEvent, type GenerationRequest, type LanguageModel, LanguageModelError } from '../language-model.js';
import { SseDataReader } from '../sse-lines.js';
import { toModelError } from './sagemaker-client.js';

/** One event of TGI's token stream (`data:{...}` lines). */
interface TgiStreamEvent {
  token?: { text?: string; special?: boolean };
  generated_text?: string | null;
  details?: { finish_reason?: string; generated_tokens?: number; prefill?: unknown[] } | null;
  error?: string;
  error_type?: string;
}

/**
 * A Hugging Face TGI container on a SageMaker endpoint serving OpenBioLLM-8B (Llama-3 chat template).
 * Request `{ inputs, parameters: { max_new_tokens, temperature, top_p, stop, ... } }`; InvokeEndpoint answers
 * `[{ generated_text }]`; InvokeEndpointWithResponseStream sends `data:` token events in PayloadParts.
 */
export class SageMakerTgiModel implements LanguageModel {
  readonly provider = 'sagemaker-tgi' as const;
  constructor(
    private readonly client: SageMakerRuntimeClient,
    private readonly endpointName: string,
    readonly model: string,
    /** false uses InvokeEndpoint (one answer, no token stream). */
    private readonly streaming = true,
  ) {}

  private body(request: GenerationRequest, stream: boolean): string {
    return JSON.stringify({
      inputs: applyLlama3Template(request.messages),
      parameters: {
        max_new_tokens: request.maxTokens,
        // TGI rejects temperature 0; greedy decoding is do_sample false.
        ...(request.temperature > 0 ? { temperature: request.temperature, do_sample: true } : { do_sample: false }),
        ...(request.topP !== undefined && request.topP < 1 ? { top_p: request.topP } : {}),
        stop: [...LLAMA3_STOP, ...(request.stop ?? [])],
        return_full_text: false,
        details: stream,
      },
      stream,
    });
  }

  async *stream(request: GenerationRequest): AsyncIterable<GenerationEvent> {
    if (!this.streaming) {
      yield* this.invoke(request);
      return;
    }
    const signal = request.signal;
    let events: AsyncIterable<{ PayloadPart?: { Bytes?: Uint8Array } }> | undefined;
    try {
      const response = await this.client.send(
        new InvokeEndpointWithResponseStreamCommand({
          EndpointName: this.endpointName,
          ContentType: 'application/json',
          Accept: 'text/event-stream',
          Body: new TextEncoder().encode(this.body(request, true)),
        }),
        { abortSignal: signal },
      );
      events = response.Body;
    } catch (error) {
      throw toModelError(error, signal?.aborted ?? false);
    }
    if (!events) throw new LanguageModelError('malformed', 'SageMaker stream had no body', false);
    const reader = new SseDataReader();
    let finished = false;
    let tokensOut = 0;
    const handle = (payload: string): GenerationEvent[] => {
      let event: TgiStreamEvent;
      try {
        event = JSON.parse(payload) as TgiStreamEvent;
      } catch {
        throw new LanguageModelError('malformed', `TGI sent a non-JSON event: ${payload.slice(0, 80)}`, false);
      }
      if (event.error) throw new LanguageModelError('http_error', `TGI error (${event.error_type ?? 'unknown'}): ${event.error}`, false);
      if (!event.token || typeof event.token.text !== 'string')
        throw new LanguageModelError('malformed', 'TGI event without a token', false);
      const out: GenerationEvent[] = [];
      if (!event.token.special) {
        tokensOut++;
        out.push({ type: 'token', text: event.token.text });
      }
      if (event.generated_text != null || event.details) {
        finished = true;
        out.push({
          type: 'usage',
          tokensIn: event.details?.prefill?.length || null,
          tokensOut: event.details?.generated_tokens ?? tokensOut,
        });
      }
      return out;
    };
    try {
      for await (const part of events) {
        const bytes = part.PayloadPart?.Bytes;
        if (!bytes) continue;
        for (const payload of reader.push(bytes)) yield* handle(payload);
      }
      for (const payload of reader.flush()) yield* handle(payload);
    } catch (error) {
      throw toModelError(error, signal?.aborted ?? false);
    }
    if (!finished) throw new LanguageModelError('incomplete', 'TGI stream ended before the final event', false);
  }

  private async *invoke(request: GenerationRequest): AsyncIterable<GenerationEvent> {
    let text: string;
    try {
      const response = await this.client.send(
        new InvokeEndpointCommand({
          EndpointName: this.endpointName,
          ContentType: 'application/json',
          Accept: 'application/json',
          Body: new TextEncoder().encode(this.body(request, false)),
        }),
        { abortSignal: request.signal },
      );
      text = new TextDecoder().decode(response.Body);
    } catch (error) {
      throw toModelError(error, request.signal?.aborted ?? false);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new LanguageModelError('malformed', `TGI answer is not JSON: ${text.slice(0, 80)}`, false);
    }
    const first = Array.isArray(parsed)
      ? (parsed[0] as { generated_text?: unknown } | undefined)
      : (parsed as { generated_text?: unknown });
    if (typeof first?.generated_text !== 'string') throw new LanguageModelError('malformed', 'TGI answer has no generated_text', false);
    yield { type: 'token', text: first.generated_text };
    yield { type: 'usage', tokensIn: null, tokensOut: null };
  }
}
