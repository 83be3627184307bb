import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { JobNotification, Notifier } from './notifier.js';
import { SmtpNotifier } from './smtp/smtp.notifier.js';

/** Sends a job's notification through every configured notifier; one failing never stops the others or the job. */
@Injectable()
export class NotificationsService implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsService.name);
  constructor(private readonly notifiers: Notifier[]) {}

  async notify(notification: JobNotification): Promise<{ sent: string[]; failed: { notifier: string; error: string }[] }> {
    const results = await Promise.allSettled(this.notifiers.map((n) => n.send(notification)));
    const sent: string[] = [];
    const failed: { notifier: string; error: string }[] = [];
    results.forEach((result, i) => {
      const name = this.notifiers[i]!.name;
      if (result.status === 'fulfilled') sent.push(name);
      else {
        failed.push({ notifier: name, error: (result.reason as Error).message });
        this.logger.warn({ jobId: notification.jobId, notifier: name, err: result.reason }, 'notification failed');
      }
    });
    return { sent, failed };
  }

  onApplicationShutdown(): void {
    for (const n of this.notifiers) if (n instanceof SmtpNotifier) n.close();
  }
}
