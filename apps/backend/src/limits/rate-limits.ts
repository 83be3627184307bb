import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { normalizeIp, type ThrottlerModuleOptions, type ThrottlerOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { AppError } from '@patientinsight/nest-kit';
import { REFRESH_COOKIE_NAME } from '@patientinsight/shared';
import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import { UnauthenticatedTrail } from '../common/unauthenticated-trail.js';
import type { LimitsConfig } from './limits.config.js';
import { RateLimitMetrics } from './rate-limit-metrics.js';

/**
 * What a limited route is, which decides its two allowances (per client IP; per account, user or
 * session). Each route is counted on its own. Login has a per-IP allowance only: per account it has
 * the per-client backoff (LoginBackoff), so nobody can lock an owner out of their account.
 */
export type LimitKind = 'login' | 'credentials' | 'refresh' | 'costly' | 'intake' | 'reset' | 'reset-confirm';

type LimitSetting = keyof LimitsConfig & `${string}_LIMIT`;
type WindowSetting = 'LOGIN_WINDOW_SECONDS' | 'COSTLY_WINDOW_SECONDS' | 'PASSWORD_RESET_WINDOW_SECONDS';

interface KindLimits {
  window: WindowSetting;
  ip: LimitSetting;
  /** The per-account allowance's name suffix and setting. */
  account?: { name: 'account' | 'user' | 'session' | 'email'; limit: LimitSetting };
  message: string;
}

const ATTEMPTS = 'Too many attempts: wait a few minutes and try again';
const REQUESTS = 'Too many requests of this kind: wait a few minutes and try again';

export const LIMIT_KINDS: Record<LimitKind, KindLimits> = {
  login: { window: 'LOGIN_WINDOW_SECONDS', ip: 'LOGIN_IP_LIMIT', message: ATTEMPTS },
  credentials: {
    window: 'LOGIN_WINDOW_SECONDS',
    ip: 'LOGIN_IP_LIMIT',
    account: { name: 'account', limit: 'LOGIN_ACCOUNT_LIMIT' },
    message: ATTEMPTS,
  },
  refresh: {
    window: 'LOGIN_WINDOW_SECONDS',
    ip: 'REFRESH_IP_LIMIT',
    account: { name: 'session', limit: 'REFRESH_SESSION_LIMIT' },
    message: 'Too many session refreshes: wait a few minutes and try again',
  },
  costly: {
    window: 'COSTLY_WINDOW_SECONDS',
    ip: 'COSTLY_IP_LIMIT',
    account: { name: 'user', limit: 'COSTLY_USER_LIMIT' },
    message: REQUESTS,
  },
  intake: {
    window: 'COSTLY_WINDOW_SECONDS',
    ip: 'INTAKE_IP_LIMIT',
    account: { name: 'user', limit: 'INTAKE_USER_LIMIT' },
    message: REQUESTS,
  },
  // Reset e-mails per address (the submitted email's hash) and per IP; a confirm carries no address, so per IP only.
  reset: {
    window: 'PASSWORD_RESET_WINDOW_SECONDS',
    ip: 'PASSWORD_RESET_IP_LIMIT',
    account: { name: 'email', limit: 'PASSWORD_RESET_EMAIL_LIMIT' },
    message: ATTEMPTS,
  },
  'reset-confirm': { window: 'PASSWORD_RESET_WINDOW_SECONDS', ip: 'PASSWORD_RESET_IP_LIMIT', message: ATTEMPTS },
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The client address the limits count: behind TRUST_PROXY hops; an IPv6 client by its /64, which one host can fill. */
export function clientAddress(req: { ip?: string }): string {
  return normalizeIp(String(req.ip ?? 'unknown'));
}

/**
 * The per-account key: the signed-in user (the global auth guard has run by then), the refresh
 * cookie's hash on refresh, else a hash of the submitted email. Stores only ever see hashes.
 */
function accountTracker(req: Record<string, unknown>): string {
  const user = req.user as { id?: unknown } | undefined;
  if (typeof user?.id === 'string') return `user:${user.id}`;
  const cookie = (req.headers as Record<string, unknown> | undefined)?.cookie;
  const session = typeof cookie === 'string' ? parseCookie(cookie)[REFRESH_COOKIE_NAME] : undefined;
  if (session) return `session:${sha256(session)}`;
  return emailTracker(req);
}

/** The submitted email's hash, whoever asks (a signed-in browser asking a reset for another address included). */
function emailTracker(req: Record<string, unknown>): string {
  const body = req.body as { email?: unknown } | undefined;
  return `email:${sha256(typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '')}`;
}

export const LIMIT_KIND_KEY = 'patientinsight:limit-kind';

/** Two throttlers per kind; each skips every route that is not of its kind. Without a storage, the throttler's in-memory one. */
export function rateLimitOptions(config: LimitsConfig, storage?: ThrottlerStorage): ThrottlerModuleOptions {
  const throttlers: ThrottlerOptions[] = [];
  for (const [kind, limits] of Object.entries(LIMIT_KINDS) as [LimitKind, KindLimits][]) {
    const ttl = config[limits.window] * 1000;
    const skipIf: ThrottlerOptions['skipIf'] = (context) => Reflect.getMetadata(LIMIT_KIND_KEY, context.getHandler()) !== kind;
    throttlers.push({ name: `${kind}-ip`, ttl, limit: config[limits.ip], getTracker: (req) => clientAddress(req), skipIf });
    if (limits.account)
      throttlers.push({
        name: `${kind}-${limits.account.name}`,
        ttl,
        limit: config[limits.account.limit],
        getTracker: limits.account.name === 'email' ? emailTracker : accountTracker,
        skipIf,
      });
  }
  // Retry-After is set on a refusal only (RateLimitRecorder); no per-throttler X-RateLimit headers.
  return { throttlers, setHeaders: false, ...(storage ? { storage } : {}) };
}

/**
 * A refused request: `Retry-After`, the 429 in the `{error}` shape, http_rate_limited_total, and an
 * audit row sampled like refused anonymous calls (one per client key, route and limit a minute, with
 * the count left out), so a flood does not become a flood of audit rows. No address in any log line.
 */
@Injectable()
export class RateLimitRecorder {
  private readonly sample = new UnauthenticatedTrail();

  constructor(
    private readonly metrics: RateLimitMetrics,
    private readonly audit: AuditService,
  ) {}

  async refuse(
    req: Request,
    res: Response,
    limit: string,
    clientKey: string,
    retryAfterSeconds: number,
    message: string,
  ): Promise<AppError> {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    const route = `${req.method} ${req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched'}`;
    res.setHeader('Retry-After', String(retryAfter));
    this.metrics.limited.inc({ limit, route });
    const suppressed = this.sample.admit(clientKey, route, limit);
    if (suppressed !== null) {
      const user = (req as Request & { user?: { id: string; role: string } }).user;
      await this.audit.record({
        actor: user ? { id: user.id, role: user.role } : null,
        action: 'http.rate_limited',
        resourceType: 'route',
        resourceId: route,
        outcome: 'denied',
        details: { limit, retryAfterSeconds: retryAfter, ...(suppressed > 0 ? { suppressed } : {}) },
      });
    }
    return new AppError('RATE_LIMITED', message, 429, { retryAfterSeconds: retryAfter });
  }
}
