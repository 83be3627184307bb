import { createHash } from 'node:crypto';
import type { ConfigService } from '@nestjs/config';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { BackendConfig } from '../config/backend.config.js';

/**
 * Keys the per-account limit: the signed-in user on authenticated routes (change-password, account
 * deletion; the global auth guard has run by then), else a hash of the submitted email, so the
 * limiter's memory holds no addresses.
 */
function accountTracker(req: Record<string, unknown>): string {
  const user = req.user as { id?: unknown } | undefined;
  if (typeof user?.id === 'string') return `user:${user.id}`;
  const body = req.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
  return createHash('sha256').update(email).digest('hex');
}

/**
 * Two limits on the credential endpoints (register, login, change-password, account deletion): per
 * client IP and per account, each route counted on its own. Both answer 429 with the same message
 * whether or not the account exists.
 */
export function loginThrottleOptions(config: ConfigService<BackendConfig, true>): ThrottlerModuleOptions {
  const ttl = config.get('LOGIN_WINDOW_SECONDS', { infer: true }) * 1000;
  return {
    errorMessage: 'Too many attempts: wait a few minutes and try again',
    throttlers: [
      { name: 'ip', ttl, limit: config.get('LOGIN_IP_LIMIT', { infer: true }), getTracker: (req) => String(req.ip ?? 'unknown') },
      { name: 'account', ttl, limit: config.get('LOGIN_ACCOUNT_LIMIT', { infer: true }), getTracker: accountTracker },
    ],
  };
}
