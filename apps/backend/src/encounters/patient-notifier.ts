import { Inject, Injectable } from '@nestjs/common';
import { mailAppUrl, type MailConfig } from '../mail/mail.config.js';
import { MAIL_CONFIG, MailQueue } from '../mail/mail.module.js';
import { USER_ACCOUNTS, type UserAccounts } from '../users/user-accounts.port.js';

/**
 * Tells a patient by e-mail that their doctor answered (released) or needs more from them (returned).
 * The message holds no health data, no name and no consultation id: only that there is something to
 * read and a link to sign in. Sent after the change is stored; a mail failure never undoes it.
 */
@Injectable()
export class PatientNotifier {
  private readonly signIn: string;

  constructor(
    @Inject(USER_ACCOUNTS) private readonly users: UserAccounts,
    @Inject(MailQueue) private readonly mail: MailQueue,
    @Inject(MAIL_CONFIG) config: MailConfig,
  ) {
    this.signIn = `${mailAppUrl(config)}/login`;
  }

  /** Resolves once the message is handed to the mail queue's transport (or failed); callers need not wait. */
  async encounterChanged(patientId: string, change: 'released' | 'returned'): Promise<void> {
    const patient = await this.users.findById(patientId);
    if (patient?.status !== 'active') return;
    await this.mail.enqueue(
      change === 'released'
        ? {
            kind: 'encounter-answered',
            to: patient.email,
            subject: 'Your doctor has answered on PatientInsight',
            text: [
              'Your doctor has answered your consultation on PatientInsight.',
              '',
              `Sign in to read it: ${this.signIn}`,
              '',
              'For your privacy, this e-mail holds no health details.',
            ].join('\n'),
          }
        : {
            kind: 'encounter-returned',
            to: patient.email,
            subject: 'Your doctor needs more information on PatientInsight',
            text: [
              'Your doctor has looked at your consultation on PatientInsight and needs a little more information from you.',
              '',
              `Sign in to see what they asked: ${this.signIn}`,
              '',
              'For your privacy, this e-mail holds no health details.',
            ].join('\n'),
          },
    );
  }
}
