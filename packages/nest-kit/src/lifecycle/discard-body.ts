import type { IncomingMessage } from 'node:http';

/**
 * After answering a request whose body was not (fully) read (a 413, a refused upload), reads and
 * discards the rest instead of closing at once: closing a socket that still has unread data sends a
 * TCP reset, which can destroy the answer before the client has read it. Past `maxMs` the connection
 * is cut anyway, so a client that keeps sending cannot hold it.
 */
export function discardRestOfBody(req: IncomingMessage, maxMs = 10_000): void {
  if (req.complete || req.destroyed) return;
  const timer = setTimeout(() => req.socket?.destroy(), maxMs);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.once('end', done);
  req.once('close', done);
  req.resume();
}
