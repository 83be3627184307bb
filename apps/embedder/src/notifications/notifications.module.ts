import { type DynamicModule, Module } from '@nestjs/common';
import { LogNotifier } from './log/log.notifier.js';
import { NotificationsService } from './notifications.service.js';
import type { Notifier } from './notifier.js';
import { SmtpNotifier } from './smtp/smtp.notifier.js';
import { WebhookNotifier } from './webhook/webhook.notifier.js';

/** What the notifiers need of the ingestion module's config. */
export interface NotificationsConfig {
  NOTIFY_WEBHOOK_URL?: string;
  SMTP_URL?: string;
  NOTIFY_EMAIL_FROM: string;
  NOTIFY_EMAIL_TO: string[];
}

export function createNotifiers(config: NotificationsConfig): Notifier[] {
  const notifiers: Notifier[] = [new LogNotifier()];
  if (config.NOTIFY_WEBHOOK_URL) notifiers.push(new WebhookNotifier(config.NOTIFY_WEBHOOK_URL));
  if (config.SMTP_URL && config.NOTIFY_EMAIL_TO.length > 0)
    notifiers.push(new SmtpNotifier(config.SMTP_URL, config.NOTIFY_EMAIL_FROM, config.NOTIFY_EMAIL_TO));
  return notifiers;
}

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [{ provide: NotificationsService, useFactory: () => new NotificationsService(createNotifiers(config)) }],
      exports: [NotificationsService],
    };
  }
}
