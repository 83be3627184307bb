import { Logger } from '@nestjs/common';
import { type PostJsonOptions, postJsonWithRetry } from '@patientinsight/nest-kit';
import nodemailer, { type Transporter } from 'nodemailer';
import type { OnCallConfig } from './oncall.config.js';

/**
 * What the on-call channel is told about a red flag. No patient words, name or contact: only ids,
 * the taxonomy categories and a link a signed-in doctor opens (e-mail and chat are not a safe
 * place for health data).
 */
export interface OnCallAlert {
  encounterId: string;
  categories: string[];
  source: 'intake' | 'screening' | 'qa';
  flaggedAt: string;
  link: string;
}

/** One channel (webhook, e-mail); the embedder's ingestion notifiers follow the same shape and share the webhook sender. */
export interface OnCallChannel {
  readonly name: 'webhook' | 'email';
  send(alert: OnCallAlert): Promise<void>;
  close?(): void;
}

export function renderAlert(alert: OnCallAlert): { subject: string; text: string } {
  const what = alert.categories.join(', ');
  return {
    subject: `URGENT red flag (${what}): encounter ${alert.encounterId}`,
    text: [
      `A patient's ${alert.source === 'qa' ? 'question after their report' : alert.source === 'screening' ? 'screening answer' : 'intake message'} raised a red flag at ${alert.flaggedAt}: ${what}.`,
      '',
      `Open it and acknowledge what was done: ${alert.link}`,
      '',
      'The patient was told to call the emergency number. This message holds no patient details on purpose; sign in to see them.',
    ].join('\n'),
  };
}

/** POSTs the alert as JSON through nest-kit's webhook sender (retries on 5xx and network errors, a 4xx is final). */
export class WebhookChannel implements OnCallChannel {
  readonly name = 'webhook' as const;
  constructor(
    private readonly url: string,
    private readonly options: PostJsonOptions = {},
  ) {}

  async send(alert: OnCallAlert): Promise<void> {
    await postJsonWithRetry(this.url, { event: 'triage.red_flag', ...alert, summary: renderAlert(alert).subject }, this.options);
  }
}

/** E-mails the alert through the SMTP relay (nodemailer). */
export class EmailChannel implements OnCallChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly to: string[],
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(alert: OnCallAlert): Promise<void> {
    const { subject, text } = renderAlert(alert);
    await this.transport.sendMail({
      from: this.from,
      to: this.to,
      subject,
      text,
      priority: 'high',
      headers: { 'X-PatientInsight-Encounter': alert.encounterId },
    });
  }

  close(): void {
    this.transport.close();
  }
}

export function createOnCallChannels(
  config: Pick<OnCallConfig, 'ONCALL_WEBHOOK_URL' | 'ONCALL_SMTP_URL' | 'ONCALL_EMAIL_FROM' | 'ONCALL_EMAIL_TO'>,
): OnCallChannel[] {
  const channels: OnCallChannel[] = [];
  if (config.ONCALL_WEBHOOK_URL) channels.push(new WebhookChannel(config.ONCALL_WEBHOOK_URL));
  if (config.ONCALL_SMTP_URL && config.ONCALL_EMAIL_TO.length > 0)
    channels.push(new EmailChannel(config.ONCALL_SMTP_URL, config.ONCALL_EMAIL_FROM, config.ONCALL_EMAIL_TO));
  return channels;
}

export interface AlertOutcome {
  sent: string[];
  failed: { channel: string; error: string }[];
}

/** Sends through every channel; one failing never stops the others. Logs ids and channel names only. */
export class OnCallNotifier {
  private readonly logger = new Logger('OnCallNotifier');
  constructor(
    readonly channels: OnCallChannel[],
    private readonly linkBase: string,
    /** How long a caller waits for an alert before answering (ONCALL_ALERT_WAIT_MS), so it can say it was sent. */
    readonly alertWaitMs = 3000,
  ) {}

  get configured(): boolean {
    return this.channels.length > 0;
  }

  linkFor(encounterId: string): string {
    return `${this.linkBase.replace(/\/$/, '')}/doctor/encounters/${encounterId}`;
  }

  async notify(alert: OnCallAlert): Promise<AlertOutcome> {
    const results = await Promise.allSettled(this.channels.map((c) => c.send(alert)));
    const outcome: AlertOutcome = { sent: [], failed: [] };
    results.forEach((result, i) => {
      const channel = this.channels[i]!.name;
      if (result.status === 'fulfilled') outcome.sent.push(channel);
      else {
        const error = (result.reason as Error).message;
        outcome.failed.push({ channel, error });
        this.logger.warn({ encounterId: alert.encounterId, channel, error }, 'on-call alert failed');
      }
    });
    return outcome;
  }

  close(): void {
    for (const c of this.channels) c.close?.();
  }
}
