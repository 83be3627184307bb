import { postJsonWithRetry } from '@patientinsight/nest-kit';
import { type JobNotification, Notifier } from '../notifier.js';

/** POSTs the notification as JSON; a 5xx or network error is retried with backoff (nest-kit's postJsonWithRetry). */
export class WebhookNotifier extends Notifier {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly options: { timeoutMs?: number; attempts?: number; backoffMs?: number } = {},
  ) {
    super();
  }

  async send(notification: JobNotification): Promise<void> {
    await postJsonWithRetry(this.url, { event: 'ingestion.finished', ...notification }, this.options);
  }
}
