import { join } from 'node:path';
import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { configSlice } from '../common/config-slice.js';
import { type MailConfig, mailConfigKeys } from './mail.config.js';
import { MAILER, type Mailer, type MailMessage } from './mailer.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

export const MAIL_CONFIG = Symbol('MAIL_CONFIG');

/**
 * Sends a message off the request path: the caller does not wait for the relay, a failure is logged
 * (kind and error class only, never the address) and counted as not delivered, and shutdown waits
 * for the messages still being sent.
 */
export class MailQueue {
  private readonly logger = new Logger('Mail');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(readonly mailer: Mailer) {}

  /** Resolves when the message has been handed over (or failed); callers normally do not await it. */
  enqueue(message: MailMessage): Promise<void> {
    const sending = this.mailer.send(message).catch((error: unknown) => {
      this.logger.warn(
        { kind: message.kind, transport: this.mailer.transport, error: (error as Error).name, code: (error as { code?: unknown }).code },
        'e-mail not delivered',
      );
    });
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
    return sending;
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}

/** The mail port (MAILER) and its queue; the transport comes from MAIL_TRANSPORT. */
@Module({
  providers: [
    configSlice<MailConfig>(MAIL_CONFIG, mailConfigKeys),
    {
      provide: MAILER,
      useFactory: (config: MailConfig): Mailer =>
        config.MAIL_TRANSPORT === 'smtp' ? new SmtpMailer(config) : new OutboxMailer(join(config.DATA_DIR, 'outbox'), config.MAIL_FROM),
      inject: [MAIL_CONFIG],
    },
    { provide: MailQueue, useFactory: (mailer: Mailer) => new MailQueue(mailer), inject: [MAILER] },
  ],
  exports: [MAIL_CONFIG, MAILER, MailQueue],
})
export class MailModule implements OnApplicationShutdown {
  constructor(
    @Inject(MailQueue) private readonly queue: MailQueue,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.drain();
    this.mailer.close();
  }
}
