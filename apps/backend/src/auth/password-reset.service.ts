import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import type { PasswordResetConfirm } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import { mailAppUrl, type MailConfig } from '../mail/mail.config.js';
import { MAIL_CONFIG, MailQueue } from '../mail/mail.module.js';
import { USER_ACCOUNTS, type UserAccounts } from '../users/user-accounts.port.js';
import { hashPassword } from './password-hasher.js';
import { PasswordResetRepository } from './password-reset.repository.js';
import { SessionsRepository } from './sessions.repository.js';

/** How long an e-mailed link works. */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

export const RESET_ACCEPTED_MESSAGE =
  'If an account uses this address, we have sent it a link to choose a new password. The link works for 30 minutes, once.';

/** One answer for a token that never existed, was used, or expired. */
export class ResetTokenInvalidError extends AppError {
  constructor() {
    super(
      'RESET_TOKEN_INVALID',
      'This reset link is not valid: it has expired, was already used, or was replaced by a newer one. Ask for a new link.',
      400,
      [{ field: 'token', reason: 'is expired, used or unknown' }],
    );
  }
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Self-service password reset by e-mailed link. A request answers the same whatever the address: the
 * token is drawn and hashed for every request, and the lookup, the insert and the message happen after
 * the answer (`requestReset` returns before them), so neither the body nor the time tells whether an
 * account exists. The link's token (32 random bytes) is stored only as its SHA-256, works for 30
 * minutes, once, and ends every session of the account when used.
 */
@Injectable()
export class PasswordResetService implements OnApplicationShutdown {
  private readonly logger = new Logger('PasswordReset');
  private readonly appUrl: string;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(USER_ACCOUNTS) private readonly users: UserAccounts,
    private readonly tokens: PasswordResetRepository,
    private readonly sessions: SessionsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MailQueue) private readonly mail: MailQueue,
    @Inject(MAIL_CONFIG) config: MailConfig,
  ) {
    this.appUrl = mailAppUrl(config);
  }

  requestReset(email: string): void {
    const token = randomBytes(32).toString('base64url');
    // The caller has its answer already: a failure here is logged (error class only, never the address).
    const work = this.issue(email, token, sha256(token)).catch((error: unknown) => {
      this.logger.error({ error: (error as Error).name, code: (error as { code?: unknown }).code }, 'password reset request not processed');
    });
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** The background part of a request, awaited by tests and at shutdown. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  onApplicationShutdown(): Promise<void> {
    return this.settled();
  }

  private async issue(email: string, token: string, tokenHash: string): Promise<void> {
    const row = await this.users.findByEmail(email);
    if (row?.status !== 'active') {
      await this.audit.record({
        actor: null,
        action: 'auth.password_reset_request',
        resourceType: 'user',
        resourceId: row?.id ?? null,
        outcome: 'not_found',
        details: { reason: row ? `account_${row.status}` : 'unknown_account' },
      });
      return;
    }
    await this.tokens.create(row.id, tokenHash, new Date(Date.now() + RESET_TOKEN_TTL_MS));
    await this.audit.record({
      actor: null,
      action: 'auth.password_reset_request',
      resourceType: 'user',
      resourceId: row.id,
      outcome: 'success',
    });
    // In the fragment, so the token never reaches a server's access log or a Referer header.
    const link = `${this.appUrl}/reset-password#token=${token}`;
    await this.mail.enqueue({
      kind: 'password-reset',
      to: row.email,
      subject: 'Reset your PatientInsight password',
      text: [
        'Someone asked to reset the password of the PatientInsight account that uses this address.',
        '',
        'To choose a new password, open this link within 30 minutes (it works once):',
        link,
        '',
        'Using it signs you out everywhere. If you did not ask for this, ignore this message: your password stays as it is.',
      ].join('\n'),
    });
  }

  async confirm(input: PasswordResetConfirm): Promise<void> {
    const tokenHash = sha256(input.token);
    const used = await this.tokens.consume(tokenHash);
    const row = used ? await this.users.findById(used.userId) : undefined;
    if (!used || !row || row.status !== 'active') {
      const refusal = used ? { reason: 'account_inactive', userId: used.userId } : await this.tokens.refusal(tokenHash);
      await this.audit.record({
        actor: null,
        action: 'auth.password_reset',
        resourceType: 'user',
        resourceId: refusal.userId,
        outcome: 'denied',
        details: { reason: refusal.reason },
      });
      throw new ResetTokenInvalidError();
    }
    await this.users.update(row.id, {
      password_hash: await hashPassword(input.newPassword),
      must_change_password: false,
      password_changed_at: new Date(),
    });
    await this.tokens.invalidateAllFor(row.id);
    // Whoever held the old password (or a stolen session) is out.
    await this.sessions.revokeAllFor(row.id, 'password_reset');
    await this.audit.record({
      actor: { id: row.id, role: row.role },
      action: 'auth.password_reset',
      resourceType: 'user',
      resourceId: row.id,
      outcome: 'success',
    });
  }
}
