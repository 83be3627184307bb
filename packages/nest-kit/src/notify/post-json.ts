export interface PostJsonOptions {
  /** Per attempt. */
  timeoutMs?: number;
  attempts?: number;
  /** First pause between attempts; doubled each time. */
  backoffMs?: number;
}

/**
 * POSTs a JSON body to a notification receiver (a webhook). A 5xx or a network error is retried with
 * backoff; a 4xx is final, since the receiver refused it and sending again will not help. Throws the
 * last error when every attempt failed. The one webhook sender of the services (ingestion, red flags).
 */
export async function postJsonWithRetry(url: string, body: unknown, options: PostJsonOptions = {}): Promise<void> {
  const attempts = options.attempts ?? 3;
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      await res.body?.cancel();
      if (res.ok) return;
      lastError = new Error(`webhook answered ${res.status}`);
      if (res.status < 500) break;
    } catch (error) {
      lastError = error as Error;
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, (options.backoffMs ?? 250) * 2 ** (attempt - 1)));
  }
  throw lastError ?? new Error('webhook failed');
}
