import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@patientinsight/nest-kit';
import { SERVICE_TOKEN_SCHEME } from '@patientinsight/shared';
import type { Request } from 'express';

const PUBLIC_ROUTE = 'embedder:public-route';
/** Marks a route (probes only) as reachable without the service token. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/** Every embedder route needs the service token unless marked public: deny by default. */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly expected: Buffer;
  constructor(
    private readonly reflector: Reflector,
    token: string,
  ) {
    this.expected = Buffer.from(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    const given = Buffer.from(token ?? '');
    if (scheme !== SERVICE_TOKEN_SCHEME || given.length !== this.expected.length || !timingSafeEqual(given, this.expected)) {
      throw new AppError('SERVICE_TOKEN_INVALID', 'A valid service token is required', 401);
    }
    return true;
  }
}
