import { applyDecorators, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ApiErrors } from '../common/openapi.js';
import { LIMIT_KIND_KEY, LIMIT_KINDS, type LimitKind, RateLimitRecorder } from './rate-limits.js';

/** Carries the throttler's figures from throwThrottlingException to handleRequest, which knows the limit's name. */
class Limited extends Error {
  constructor(readonly detail: ThrottlerLimitDetail) {
    super('limited');
  }
}

/** @nestjs/throttler's guard, refusing with Retry-After, the `{error}` shape, a metric and an audit sample. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly recorder: RateLimitRecorder,
  ) {
    super(options, storage, reflector);
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (!(error instanceof Limited)) throw error;
      const { req, res } = this.getRequestResponse(request.context);
      const kind = Reflect.getMetadata(LIMIT_KIND_KEY, request.context.getHandler()) as LimitKind;
      throw await this.recorder.refuse(
        req as Request,
        res as Response,
        request.throttler.name ?? kind,
        error.detail.key,
        error.detail.timeToBlockExpire,
        LIMIT_KINDS[kind].message,
      );
    }
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new Limited(detail);
  }
}

/**
 * Limits a route per client IP and per account, user or session, as its kind says (LIMIT_KINDS);
 * the counters are shared by every replica with RATE_LIMIT_STORE=redis.
 */
export const RateLimited = (kind: LimitKind) =>
  applyDecorators(
    SetMetadata(LIMIT_KIND_KEY, kind),
    UseGuards(RateLimitGuard),
    ApiErrors({
      429: `RATE_LIMITED: too many ${kind} requests from this client or account; the Retry-After header and details.retryAfterSeconds say when to try again`,
    }),
  );
