/**
 * The mail port: a message to one person. Messages carry no health data (a link to sign in, or a
 * one-time link), because e-mail is not a safe place for it. `kind` names the message in the
 * outbox's file names and in logs; the address never reaches a log line.
 */
export interface MailMessage {
  kind: 'password-reset' | 'encounter-answered' | 'encounter-returned';
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** `smtp` or `outbox`, for logs and the health of the feature. */
  readonly transport: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export const MAILER = Symbol('MAILER');
