import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '@patientinsight/shared';
import type { Request } from 'express';
import { ApiErrors } from './openapi.js';

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
 * `@Roles` nor `@Public` is refused for everyone: the guard denies by default. The OpenAPI document
 * lists the roles (`x-roles`) and the 401/403 answers the guard gives.
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiExtension('x-roles', roles),
    ApiErrors({
      401: 'UNAUTHENTICATED: no bearer token, or it is expired, or its session has ended',
      403: `FORBIDDEN: only ${roles.join(', ')} may call this route; PASSWORD_CHANGE_REQUIRED: the account must change its initial password first`,
    }),
  );

/** Open to anonymous callers (register, login, refresh, probes). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-roles', ['anyone']));

/** Still callable while the account must change its password (change-password, logout, me). */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_OK_KEY, true);

export type AuthenticatedRequest = Request & { user?: AuthUser };

/** `@CurrentUser() user: AuthUser` in a controller method guarded by `@Roles`. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without @Roles');
  return user;
});
