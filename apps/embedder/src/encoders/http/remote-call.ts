import pRetry, { AbortError } from 'p-retry';
import { EncoderUnavailableError } from '../encoder.port.js';

export interface RemoteCallOptions {
  timeoutMs: number;
  maxRetries: number;
  /** First backoff delay; doubles per retry (randomised). */
  minBackoffMs?: number;
}

/** A failure worth retrying: timeouts, connection errors, 429 and 5xx. A 4xx other than 429 is final. */
export function isTransient(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}

export class RemoteStatusError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteStatusError';
  }
}

/**
 * Runs one remote encoder request with a timeout per attempt and exponential backoff between
 * attempts; when the retries are spent (or the error is final) it throws EncoderUnavailableError, which
 * the search turns into a degraded, lexical-only answer.
 */
export async function callWithRetry<T>(
  encoder: string,
  options: RemoteCallOptions,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await pRetry(
      async () => {
        const signal = AbortSignal.timeout(options.timeoutMs);
        try {
          return await attempt(signal);
        } catch (error) {
          // An aborted fetch is a DOMException that p-retry would take for a cancellation: make it a plain, retryable timeout.
          if (signal.aborted) throw new RemoteStatusError(undefined, `timed out after ${options.timeoutMs} ms`);
          const status = statusOf(error);
          if (!isTransient(status)) throw new AbortError(error as Error);
          throw error;
        }
      },
      { retries: options.maxRetries, minTimeout: options.minBackoffMs ?? 100, factor: 2, randomize: true },
    );
  } catch (error) {
    throw new EncoderUnavailableError(encoder, describe(error), { cause: error });
  }
}

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; $metadata?: { httpStatusCode?: number } };
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.$metadata?.httpStatusCode === 'number') return e.$metadata.httpStatusCode;
  return undefined;
}

function describe(error: unknown): string {
  const e = error as Error;
  const status = statusOf(error);
  const timedOut = e?.name === 'TimeoutError' || e?.name === 'APIConnectionTimeoutError' || /timed? ?out|aborted/i.test(e?.message ?? '');
  if (timedOut) return `timed out (${e.message})`;
  return status !== undefined ? `HTTP ${status}: ${e.message}` : (e?.message ?? String(error));
}
