/**
 * The LanguageModel port: one interface for every hosted model (SageMaker TGI or LMI containers,
 * any OpenAI-compatible API). The offline composer is not a model: it composes from the intake and
 * the retrieved cases directly (reports/offline-composer.ts) and is what we fall back to.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerationRequest {
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number;
  topP?: number;
  stop?: string[];
  /** Aborts the call (timeouts, client gone). */
  signal?: AbortSignal;
}

/** What a streaming call yields: text as it arrives, and usage when the provider reports it. */
export type GenerationEvent = { type: 'token'; text: string } | { type: 'usage'; tokensIn: number | null; tokensOut: number | null };

export type ModelProvider = 'sagemaker-tgi' | 'sagemaker-lmi' | 'openai';

export interface LanguageModel {
  readonly provider: ModelProvider;
  /** The model as recorded with each report (endpoint or model name). */
  readonly model: string;
  /** Streams the completion. Must throw LanguageModelError on protocol or provider failures. */
  stream(request: GenerationRequest): AsyncIterable<GenerationEvent>;
}

export type LanguageModelFailure = 'timeout' | 'unavailable' | 'http_error' | 'malformed' | 'incomplete' | 'circuit_open' | 'empty';

/** A model call that failed, with a coarse reason the fallback label shows the user. */
export class LanguageModelError extends Error {
  constructor(
    readonly failure: LanguageModelFailure,
    message: string,
    /** Whether trying again may help (5xx, 429, network, timeouts before any token). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LanguageModelError';
  }
}

/** Text of the user-facing reason for a fallback. */
export function describeFailure(failure: LanguageModelFailure): string {
  switch (failure) {
    case 'timeout':
      return 'the language model did not answer in time';
    case 'unavailable':
      return 'the language model could not be reached';
    case 'http_error':
      return 'the language model returned an error';
    case 'malformed':
      return 'the language model returned output we could not read';
    case 'incomplete':
      return 'the language model stopped before finishing';
    case 'circuit_open':
      return 'the language model is failing; calls are paused for a while';
    case 'empty':
      return 'the language model returned no usable text';
  }
}

/** Rough token count (≈4 characters per token for English) when a provider does not report usage. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
