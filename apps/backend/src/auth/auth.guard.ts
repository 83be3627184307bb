import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import { type AuthenticatedRequest, PENDING_PASSWORD_OK_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from './auth.errors.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenService } from './token.service.js';
import { UnauthenticatedTrail } from './unauthenticated-trail.js';

/**
 * The global guard. `@Public()` routes pass. Every other route needs a valid access token whose
 * session is still live (logout, a password change or disabling the account take effect at once),
 * and the route must list the caller's role in `@Roles(...)`. A route that declares nothing is
 * refused to everyone: deny by default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly unauthenticated = new UnauthenticatedTrail();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = `${req.method} ${req.route?.path ?? 'unmatched'}`;
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) return this.refuse(req, route, 'no_token', new UnauthenticatedError());
    const claims = await this.tokens.verifyAccess(token);
    if (!claims) return this.refuse(req, route, 'invalid_token', new UnauthenticatedError('The access token is invalid or expired: refresh it or sign in again'));
    const session = await this.sessions.findActive(claims.sessionId);
    // A role change also ends the token's authority: it was issued for the old role.
    if (!session || session.userId !== claims.userId || session.role !== claims.role) return this.refuse(req, route, 'session_ended', new UnauthenticatedError('The session has ended: sign in again'));
    req.user = { id: session.userId, role: session.role, sessionId: session.sessionId };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(session.role)) {
      await this.audit.record({ actor: req.user, action: 'http.denied', resourceType: 'route', resourceId: route, outcome: 'denied', details: roles ? null : { reason: 'route declares no roles' } });
      throw new ForbiddenError();
    }
    if (session.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_OK_KEY, targets)) throw new PasswordChangeRequiredError();
    return true;
  }

  /** Records a refused anonymous request (a rate-limited sample of them), then refuses it. */
  private async refuse(req: AuthenticatedRequest, route: string, reason: string, error: UnauthenticatedError): Promise<never> {
    const suppressed = this.unauthenticated.admit(req.ip ?? 'unknown', route, reason);
    if (suppressed !== null) {
      await this.audit.record({ actor: null, action: 'http.unauthenticated', resourceType: 'route', resourceId: route, outcome: 'denied', details: { reason, ...(suppressed > 0 ? { suppressed } : {}) } });
    }
    throw error;
  }
}
