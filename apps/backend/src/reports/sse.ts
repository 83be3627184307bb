import type { Request, Response } from 'express';

/** Whether the client asked for a server-sent-event stream. */
export const wantsEventStream = (req: Request): boolean => (req.headers.accept ?? '').includes('text/event-stream');

/**
 * A server-sent-event writer on an Express response. Headers go out with the first event, so an
 * error thrown before it still becomes a normal JSON error response. `signal` aborts when the client leaves.
 */
export class SseWriter {
  private started = false;
  private readonly controller = new AbortController();

  constructor(private readonly res: Response) {
    res.once('close', () => {
      if (!res.writableFinished) this.controller.abort(new Error('client closed the stream'));
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get headersSent(): boolean {
    return this.started;
  }

  send(event: { type: string }): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (!this.started) {
      this.started = true;
      this.res.status(200);
      this.res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      this.res.setHeader('cache-control', 'no-store, no-transform');
      this.res.setHeader('x-accel-buffering', 'no');
      this.res.flushHeaders();
    }
    this.res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }
}
