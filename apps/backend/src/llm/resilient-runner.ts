import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  IsolatedCircuitError,
  retry,
  wrap,
} from 'cockatiel';
import { estimateTokens, type GenerationRequest, type LanguageModel, LanguageModelError } from './language-model.js';
import type { LlmMetrics, LlmTask } from './llm-metrics.js';

export interface ResilienceOptions {
  /** Longest wait for the first token (covers connection, queueing and prefill). */
  firstTokenTimeoutMs: number;
  /** Longest silence between two tokens once streaming. */
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  /** Attempts after the first, only while nothing has been streamed yet. */
  retries: number;
  backoffInitialMs: number;
  breakerConsecutiveFailures: number;
  breakerCooldownMs: number;
  pricePer1kInUsd: number;
  pricePer1kOutUsd: number;
}

export interface RunResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** Whether the token counts came from the provider or were estimated from characters. */
  usageReported: boolean;
  costUsd: number;
  timeToFirstTokenMs: number;
  totalMs: number;
  attempts: number;
}

/**
 * Calls a LanguageModel with timeouts (first token, idle, total), retries with exponential backoff and
 * jitter before the first token, and a consecutive-failure circuit breaker (cockatiel). Records model
 * metrics. Throws LanguageModelError; the caller falls back to the offline composer.
 */
export class ResilientRunner {
  private readonly breaker;
  private readonly policy;

  constructor(
    readonly model: LanguageModel,
    private readonly options: ResilienceOptions,
    private readonly metrics: LlmMetrics,
  ) {
    this.breaker = circuitBreaker(
      handleWhen((e) => e instanceof LanguageModelError),
      { halfOpenAfter: options.breakerCooldownMs, breaker: new ConsecutiveBreaker(options.breakerConsecutiveFailures) },
    );
    this.breaker.onStateChange((state) => this.metrics.circuitOpen.set({ provider: model.provider }, state === CircuitState.Open ? 1 : 0));
    const retryPolicy = retry(
      handleWhen((e) => e instanceof LanguageModelError && e.retryable),
      { maxAttempts: options.retries, backoff: new ExponentialBackoff({ initialDelay: options.backoffInitialMs, maxDelay: 4_000 }) },
    );
    this.policy = wrap(retryPolicy, this.breaker);
  }

  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  /** Streams the model's answer to `onToken`; resolves with the full text and usage. */
  async run(
    task: LlmTask,
    request: Omit<GenerationRequest, 'signal'>,
    onToken: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<RunResult> {
    const started = performance.now();
    const labels = { provider: this.model.provider, model: this.model.model };
    let attempts = 0;
    let streamed = false;
    try {
      const result = await this.policy.execute(async () => {
        attempts++;
        try {
          return await this.attempt(
            request,
            (text) => {
              streamed = true;
              onToken(text);
            },
            started,
            signal,
          );
        } catch (error) {
          // Once text reached the user, a retry would repeat it: only the fallback remains.
          if (streamed && error instanceof LanguageModelError && error.retryable)
            throw new LanguageModelError(error.failure, error.message, false, { cause: error });
          throw error;
        }
      });
      const totalMs = performance.now() - started;
      const costUsd = (result.tokensIn / 1000) * this.options.pricePer1kInUsd + (result.tokensOut / 1000) * this.options.pricePer1kOutUsd;
      this.metrics.duration.observe({ ...labels, task, outcome: 'ok' }, totalMs / 1000);
      this.metrics.timeToFirstToken.observe({ ...labels, task }, result.timeToFirstTokenMs / 1000);
      this.metrics.tokens.inc({ ...labels, direction: 'in' }, result.tokensIn);
      this.metrics.tokens.inc({ ...labels, direction: 'out' }, result.tokensOut);
      return { ...result, costUsd, totalMs, attempts };
    } catch (error) {
      this.metrics.duration.observe({ ...labels, task, outcome: 'error' }, (performance.now() - started) / 1000);
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        throw new LanguageModelError('circuit_open', 'circuit breaker open', false, { cause: error });
      }
      if (error instanceof LanguageModelError) throw error;
      throw new LanguageModelError('malformed', `model call failed: ${(error as Error)?.message ?? String(error)}`, false, {
        cause: error,
      });
    }
  }

  private async attempt(
    request: Omit<GenerationRequest, 'signal'>,
    onToken: (text: string) => void,
    started: number,
    outer?: AbortSignal,
  ): Promise<Omit<RunResult, 'costUsd' | 'totalMs' | 'attempts'>> {
    const controller = new AbortController();
    let timedOut: string | null = null;
    const arm = (ms: number, what: string) =>
      setTimeout(() => {
        timedOut = what;
        controller.abort(new Error(what));
      }, ms);
    const total = arm(this.options.totalTimeoutMs, 'total timeout');
    let idle = arm(this.options.firstTokenTimeoutMs, 'no first token in time');
    const onOuterAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let text = '';
    let timeToFirstTokenMs = 0;
    const usage: { tokensIn: number | null; tokensOut: number | null } = { tokensIn: null, tokensOut: null };
    try {
      for await (const event of this.model.stream({ ...request, signal: controller.signal })) {
        if (event.type === 'usage') {
          usage.tokensIn = event.tokensIn ?? usage.tokensIn;
          usage.tokensOut = event.tokensOut ?? usage.tokensOut;
          continue;
        }
        if (!event.text) continue;
        if (!text) timeToFirstTokenMs = performance.now() - started;
        text += event.text;
        clearTimeout(idle);
        idle = arm(this.options.idleTimeoutMs, 'stream went silent');
        onToken(event.text);
      }
    } catch (error) {
      if (timedOut) throw new LanguageModelError('timeout', `${this.model.provider}: ${timedOut}`, true, { cause: error });
      throw error;
    } finally {
      clearTimeout(total);
      clearTimeout(idle);
      outer?.removeEventListener('abort', onOuterAbort);
    }
    if (timedOut) throw new LanguageModelError('timeout', `${this.model.provider}: ${timedOut}`, true);
    if (!text.trim()) throw new LanguageModelError('empty', `${this.model.provider} returned no text`, true);
    const promptChars = request.messages.map((m) => m.content).join('\n');
    const tokensIn = usage.tokensIn ?? estimateTokens(promptChars);
    const tokensOut = usage.tokensOut ?? estimateTokens(text);
    return { text, tokensIn, tokensOut, usageReported: usage.tokensIn !== null && usage.tokensOut !== null, timeToFirstTokenMs };
  }
}
