import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import type { Role } from '@patientinsight/shared';
import type { Kysely } from 'kysely';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../common/ids.js';
import type { BackendDb } from '../database/backend-db.js';
import { type AuthenticatedRequest, PENDING_PASSWORD_OK_KEY, PUBLIC_KEY, ROLES_KEY } from '../common/auth.decorators.js';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from './auth.errors.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenService } from './token.service.js';
import { UnauthenticatedTrail } from '../common/unauthenticated-trail.js';

/**
 * The global guard. `@Public()` routes pass. Every other route needs a valid access token whose
 * session is still live (logout, a password change or disabling the account take effect at once),
 * and the route must list the caller's role in `@Roles(...)`. A route that declares nothing is
 * refused to everyone: deny by default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly unauthenticated = new UnauthenticatedTrail();
  private readonly db: Kysely<BackendDb>;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DATABASE) database: Database<BackendDb>,
  ) {
    this.db = database.db;
  }

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
    if (!claims)
      return this.refuse(
        req,
        route,
        'invalid_token',
        new UnauthenticatedError('The access token is invalid or expired: refresh it or sign in again'),
      );
    const session = await this.sessions.findActive(claims.sessionId);
    // A role change also ends the token's authority: it was issued for the old role.
    if (!session || session.userId !== claims.userId || session.role !== claims.role)
      return this.refuse(req, route, 'session_ended', new UnauthenticatedError('The session has ended: sign in again'));
    req.user = { id: session.userId, role: session.role, sessionId: session.sessionId };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(session.role)) {
      const patientId = await this.targetedPatient(req);
      await this.audit.record({
        actor: req.user,
        action: 'http.denied',
        resourceType: 'route',
        resourceId: route,
        patientId,
        outcome: 'denied',
        details: roles ? null : { reason: 'route declares no roles' },
      });
      throw new ForbiddenError();
    }
    if (session.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_OK_KEY, targets))
      throw new PasswordChangeRequiredError();
    return true;
  }

  /**
   * Whose data a refused call aimed at, when the path names it: an encounter's patient, or a patient
   * account, so "who tried to reach patient X" is one query on the trail.
   */
  private async targetedPatient(req: AuthenticatedRequest): Promise<string | null> {
    const id = (req.params as Record<string, string | undefined>).id;
    if (!id || !isUuid(id)) return null;
    const path = String(req.route?.path ?? '');
    if (path.startsWith('/v1/encounters/:id')) {
      return (await this.db.selectFrom('encounters').select('patient_id').where('id', '=', id).executeTakeFirst())?.patient_id ?? null;
    }
    if (path.startsWith('/v1/users/:id')) {
      return (
        (await this.db.selectFrom('users').select('id').where('id', '=', id).where('role', '=', 'patient').executeTakeFirst())?.id ?? null
      );
    }
    return null;
  }

  /** Records a refused anonymous request (a rate-limited sample of them), then refuses it. */
  private async refuse(req: AuthenticatedRequest, route: string, reason: string, error: UnauthenticatedError): Promise<never> {
    const suppressed = this.unauthenticated.admit(req.ip ?? 'unknown', route, reason);
    if (suppressed !== null) {
      await this.audit.record({
        actor: null,
        action: 'http.unauthenticated',
        resourceType: 'route',
        resourceId: route,
        outcome: 'denied',
        details: { reason, ...(suppressed > 0 ? { suppressed } : {}) },
      });
    }
    throw error;
  }
}
