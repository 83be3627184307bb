import nodemailer, { type Transporter } from 'nodemailer';
import { type JobNotification, Notifier, renderNotification } from '../notifier.js';

/** E-mails the notification through an SMTP server (nodemailer). */
export class SmtpNotifier extends Notifier {
  readonly name = 'smtp';
  private readonly transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly to: string[],
  ) {
    super();
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(notification: JobNotification): Promise<void> {
    const { subject, text } = renderNotification(notification);
    await this.transport.sendMail({
      from: this.from,
      to: this.to,
      subject,
      text,
      headers: { 'X-PatientInsight-Job': notification.jobId },
    });
  }

  close(): void {
    this.transport.close();
  }
}
