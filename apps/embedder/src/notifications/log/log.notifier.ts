import { Logger } from '@nestjs/common';
import { type JobNotification, Notifier, renderNotification } from '../notifier.js';

/** The default: one log line per finished job. */
export class LogNotifier extends Notifier {
  readonly name = 'log';
  private readonly logger = new Logger('IngestionNotification');
  async send(notification: JobNotification): Promise<void> {
    const { subject } = renderNotification(notification);
    this.logger.log(
      { jobId: notification.jobId, state: notification.state, counters: notification.counters, drift: notification.drift?.verdict ?? null },
      subject,
    );
  }
}
