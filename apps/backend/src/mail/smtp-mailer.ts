import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from './mail.config.js';
import type { Mailer, MailMessage } from './mailer.js';

/** Sends through the configured relay (nodemailer), with TLS as SMTP_TLS says. */
export class SmtpMailer implements Mailer {
  readonly transport = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    config: Pick<MailConfig, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_TLS' | 'SMTP_TIMEOUT_MS' | 'MAIL_FROM'>,
  ) {
    this.transporter = nodemailer.createTransport(
      {
        host: config.SMTP_HOST,
        port: config.SMTP_PORT,
        secure: config.SMTP_TLS === 'implicit',
        // STARTTLS is required, never merely attempted, so a relay that does not offer it is refused.
        requireTLS: config.SMTP_TLS === 'starttls',
        ignoreTLS: config.SMTP_TLS === 'none',
        auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
        connectionTimeout: config.SMTP_TIMEOUT_MS,
        greetingTimeout: config.SMTP_TIMEOUT_MS,
        socketTimeout: config.SMTP_TIMEOUT_MS,
      },
      { from: config.MAIL_FROM },
    );
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: { 'X-PatientInsight-Kind': message.kind },
    });
  }

  close(): void {
    this.transporter.close();
  }
}
