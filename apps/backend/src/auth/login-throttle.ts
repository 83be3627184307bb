import { createHash } from 'node:crypto';
import type { ConfigService } from '@nestjs/config';
import { applyDecorators, type ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
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

const COSTLY_ROUTE = 'patientinsight:costly-route';

/**
 * A route whose every call costs money or much CPU (a model call, a PDF render): limited per
 * signed-in user and per client IP (COSTLY_USER_LIMIT, COSTLY_IP_LIMIT per COSTLY_WINDOW_SECONDS).
 */
export const CostlyRoute = () => applyDecorators(SetMetadata(COSTLY_ROUTE, true), UseGuards(ThrottlerGuard));

const isCostly = (context: ExecutionContext): boolean => Reflect.getMetadata(COSTLY_ROUTE, context.getHandler()) === true;
const clientIp = (req: Record<string, unknown>) => String(req.ip ?? 'unknown');

/**
 * Two limits on the credential endpoints (register, login, change-password, account deletion): per
 * client IP and per account, each route counted on its own. Both answer 429 with the same message
 * whether or not the account exists. Costly routes have two limits of their own, per user and per IP.
 */
export function loginThrottleOptions(config: ConfigService<BackendConfig, true>): ThrottlerModuleOptions {
  const ttl = config.get('LOGIN_WINDOW_SECONDS', { infer: true }) * 1000;
  const costlyTtl = config.get('COSTLY_WINDOW_SECONDS', { infer: true }) * 1000;
  return {
    errorMessage: (context) => (isCostly(context) ? 'Too many requests of this kind: wait a few minutes and try again' : 'Too many attempts: wait a few minutes and try again'),
    throttlers: [
      { name: 'ip', ttl, limit: config.get('LOGIN_IP_LIMIT', { infer: true }), getTracker: clientIp, skipIf: isCostly },
      { name: 'account', ttl, limit: config.get('LOGIN_ACCOUNT_LIMIT', { infer: true }), getTracker: accountTracker, skipIf: isCostly },
      { name: 'costly-ip', ttl: costlyTtl, limit: config.get('COSTLY_IP_LIMIT', { infer: true }), getTracker: clientIp, skipIf: (context) => !isCostly(context) },
      { name: 'costly-user', ttl: costlyTtl, limit: config.get('COSTLY_USER_LIMIT', { infer: true }), getTracker: accountTracker, skipIf: (context) => !isCostly(context) },
    ],
  };
}
