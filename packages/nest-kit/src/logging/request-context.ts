import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from './logging.module.js';

export interface RequestContext {
  requestId: string;
  /** The client address (Express `req.ip`, which honours the app's trust-proxy setting). */
  readonly ip: string | undefined;
  readonly userAgent: string | undefined;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Express middleware, installed first: fixes the request id and keeps it for the request's async work. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFor(req, res);
  (req as Request & { id: string }).id = id;
  storage.run(
    {
      requestId: id,
      // Read lazily: trust-proxy may be configured after this middleware is installed.
      get ip() {
        return req.ip;
      },
      get userAgent() {
        return req.get('user-agent');
      },
    },
    next,
  );
}

/** The current request's id, for outgoing service-to-service calls and audit rows. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The current request's id, client address and user agent, for audit rows. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
