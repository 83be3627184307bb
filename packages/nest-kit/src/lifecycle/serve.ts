import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrorsWithErrorBody } from '../errors/client-error.js';
import { ErrorBodyFilter } from '../errors/error-body.filter.js';
import { errorLogFields } from '../errors/error-log.js';
import { requestContextMiddleware } from '../logging/request-context.js';
import { ShutdownState } from './shutdown-state.js';

export interface ServeOptions {
  port: number;
  host?: string;
  /** JSON body limit; large enough that schema validation (not the parser) names an oversized field. */
  bodyLimit?: string;
  /** How long in-flight requests may take to finish after SIGTERM. */
  shutdownTimeoutMs?: number;
  /** Install SIGTERM/SIGINT handlers (off in tests that call drainAndClose themselves). */
  handleSignals?: boolean;
}

/**
 * Wires what every service shares onto a created Nest app (request ids, JSON logs, error bodies,
 * body limits) and starts listening. Call it before `listen`/`init` in main.ts and tests alike.
 */
export function configureApp(app: NestExpressApplication, options: Pick<ServeOptions, 'bodyLimit'> = {}): void {
  app.use(requestContextMiddleware);
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.useGlobalFilters(new ErrorBodyFilter());
  answerClientErrorsWithErrorBody(app.getHttpServer() as Server);
  // No app.enableShutdownHooks(): Nest would close the modules (database) the moment SIGTERM
  // arrives, under requests still in flight. serve() handles the signals in the right order.
}

export async function serve(app: NestExpressApplication, options: ServeOptions): Promise<{ port: number }> {
  await app.listen(options.port, options.host ?? '0.0.0.0');
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.get(Logger).log(`${signal} received: draining`);
      drainAndClose(app, options.shutdownTimeoutMs ?? 25_000)
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          app.get(Logger).error(errorLogFields(error), 'shutdown failed');
          process.exit(1);
        });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { port };
}

/**
 * Graceful shutdown: readiness goes 503, the listener stops accepting, in-flight requests finish
 * (or the timeout cuts them), and only then do modules close (database pools, metrics server).
 */
export async function drainAndClose(app: INestApplication, timeoutMs: number): Promise<void> {
  app.get(ShutdownState).startDraining();
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
  await app.close();
}
