import { type DynamicModule, Module } from '@nestjs/common';
import type { EmbedderConfig } from '../config/embedder.config.js';
import { LogNotifier } from './log/log.notifier.js';
import { NotificationsService } from './notifications.service.js';
import type { Notifier } from './notifier.js';
import { SmtpNotifier } from './smtp/smtp.notifier.js';
import { WebhookNotifier } from './webhook/webhook.notifier.js';

export function createNotifiers(config: Pick<EmbedderConfig, 'NOTIFY_WEBHOOK_URL' | 'SMTP_URL' | 'NOTIFY_EMAIL_FROM' | 'NOTIFY_EMAIL_TO'>): Notifier[] {
  const notifiers: Notifier[] = [new LogNotifier()];
  if (config.NOTIFY_WEBHOOK_URL) notifiers.push(new WebhookNotifier(config.NOTIFY_WEBHOOK_URL));
  if (config.SMTP_URL && config.NOTIFY_EMAIL_TO.length > 0) notifiers.push(new SmtpNotifier(config.SMTP_URL, config.NOTIFY_EMAIL_FROM, config.NOTIFY_EMAIL_TO));
  return notifiers;
}

@Module({})
export class NotificationsModule {
  static forRoot(config: EmbedderConfig): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [{ provide: NotificationsService, useFactory: () => new NotificationsService(createNotifiers(config)) }],
      exports: [NotificationsService],
    };
  }
}
