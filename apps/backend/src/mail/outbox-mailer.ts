import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.js';

/** Marks every file in the outbox, so nobody mistakes it for a message that left the machine. */
export const OUTBOX_HEADER = 'X-PatientInsight-Outbox';

/**
 * The embedded default: each message is built exactly as SMTP would send it (nodemailer's stream
 * transport) and written to DATA_DIR/outbox as `<time>-<kind>-<id>.eml`, labelled as not sent.
 */
export class OutboxMailer implements Mailer {
  readonly transport = 'outbox';
  private readonly transporter: Transporter;

  constructor(
    readonly folder: string,
    from: string,
  ) {
    this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from });
  }

  async send(message: MailMessage): Promise<void> {
    const built = await this.transporter.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: {
        'X-PatientInsight-Kind': message.kind,
        [OUTBOX_HEADER]: 'not sent: MAIL_TRANSPORT=outbox writes messages here instead of an SMTP relay',
      },
    });
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.kind}-${randomUUID().slice(0, 8)}.eml`;
    // Owner-only: a reset link in here is as good as the password until it expires.
    await writeFile(join(this.folder, name), built.message as Buffer, { mode: 0o600 });
  }

  close(): void {
    this.transporter.close();
  }
}
