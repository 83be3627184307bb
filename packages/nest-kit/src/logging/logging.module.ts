import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { REQUEST_ID_HEADER } from '@patientinsight/shared';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { describeWithoutMessage } from '../lifecycle/process-guard.js';

export interface LoggingOptions {
  service: string;
  level: string;
  /** Where JSON lines go (tests capture them); stdout by default. */
  destination?: NodeJS.WritableStream;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** Takes the caller's request id when it is well-formed, else makes one; echoes it on the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * JSON logs through pino. Request logs carry method, route, status and request id only: never
 * bodies, query strings or headers, because those can hold symptoms, names and tokens. An error
 * logged as `err` keeps its type, code and stack frames, never its message: a database or parser
 * message can quote the row it failed on (a headerless CSV's "columns found" is a case's text).
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: options.level,
              base: { service: options.service },
              genReqId: (req, res) => (req as IncomingMessage & { id?: string }).id ?? requestIdFor(req, res),
              customAttributeKeys: { reqId: 'requestId' },
              autoLogging: { ignore: (req) => ['/healthz', '/readyz'].includes(req.url ?? '') },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  path: String(req.url).split('?')[0],
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                err: describeWithoutMessage,
              },
              redact: { paths: ['req.headers', 'res.headers'], remove: true },
            },
            options.destination ?? process.stdout,
          ],
          forRoutes: ['*path'],
        }),
      ],
      exports: [LoggerModule],
    };
  }
}

export { PinoLogger };
