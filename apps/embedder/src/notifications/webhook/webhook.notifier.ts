import { type JobNotification, Notifier } from '../notifier.js';

/** POSTs the notification as JSON; a 5xx or network error is retried with backoff. */
export class WebhookNotifier extends Notifier {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly options: { timeoutMs?: number; attempts?: number; backoffMs?: number } = {},
  ) {
    super();
  }

  async send(notification: JobNotification): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ event: 'ingestion.finished', ...notification }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        });
        await res.body?.cancel();
        if (res.ok) return;
        lastError = new Error(`webhook answered ${res.status}`);
        if (res.status < 500) break; // the receiver refused it; sending again will not help
      } catch (error) {
        lastError = error as Error;
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, (this.options.backoffMs ?? 250) * 2 ** (attempt - 1)));
    }
    throw lastError ?? new Error('webhook failed');
  }
}
