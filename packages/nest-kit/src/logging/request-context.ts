import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { requestIdFor } from './logging.module.js';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Express middleware, installed first: fixes the request id and keeps it for the request's async work. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFor(req, res);
  (req as Request & { id: string }).id = id;
  storage.run({ requestId: id }, next);
}

/** The current request's id, for outgoing service-to-service calls and audit rows. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
