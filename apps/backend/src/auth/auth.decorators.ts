import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@patientinsight/shared';
import type { Request } from 'express';

/** The signed-in caller, as the guard established it for this request. */
export interface AuthUser {
  id: string;
  role: Role;
  sessionId: string;
}

export const ROLES_KEY = 'pi:roles';
export const PUBLIC_KEY = 'pi:public';
export const PENDING_PASSWORD_OK_KEY = 'pi:pending-password-ok';

/**
 * The roles allowed to call a route (on the method or the controller). A route with neither
 * `@Roles` nor `@Public` is refused for everyone: the guard denies by default.
 */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);

/** Open to anonymous callers (register, login, refresh, probes). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Still callable while the account must change its password (change-password, logout, me). */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_OK_KEY, true);

export type AuthenticatedRequest = Request & { user?: AuthUser };

/** `@CurrentUser() user: AuthUser` in a controller method guarded by `@Roles`. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without @Roles');
  return user;
});
