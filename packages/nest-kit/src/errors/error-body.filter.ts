import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorBody } from '@patientinsight/shared';
import type { Request, Response } from 'express';
import { currentRequestId } from '../logging/request-context.js';
import { AppError } from './app-error.js';
import { errorLogFields } from './error-log.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Body parser errors (bad JSON, too large) carry `status`/`type` but are not HttpExceptions. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message: string;
}

/** Maps every error to `{ error: { code, message, details? } }`; only unknown errors become 500s. */
@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorBodyFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const [status, body] = this.toBody(exception);
    if (status === 500) {
      // Class, code, route template and request id only: an error's message or driver fields (SQL
      // parameters, PostgreSQL's `where`) can hold the request's personal data.
      const req = http.getRequest<Request & { id?: string }>();
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      this.logger.error(
        { ...errorLogFields(exception), method: req.method, route, requestId: req.id ?? currentRequestId() },
        'unhandled error',
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(body);
  }

  private toBody(exception: unknown): [number, ErrorBody] {
    if (exception instanceof AppError) {
      return [
        exception.status,
        {
          error: {
            code: exception.code,
            message: exception.message,
            ...(exception.details === undefined ? {} : { details: exception.details }),
          },
        },
      ];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
      // Nest's own exceptions answer { statusCode, message }; others (terminus' readiness report)
      // answer a body of their own, which is kept whole as details.
      if (typeof response === 'object' && response !== null && !('statusCode' in response)) {
        return [status, { error: { code, message: exception.message, details: response } }];
      }
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      return [status, { error: { code, message: Array.isArray(message) ? message.join('; ') : String(message) } }];
    }
    const parserError = exception as BodyParserError;
    const parserStatus = parserError?.status ?? parserError?.statusCode;
    if (parserStatus && parserStatus >= 400 && parserStatus < 500 && parserError.expose !== false) {
      const code =
        parserError.type === 'entity.too.large'
          ? 'PAYLOAD_TOO_LARGE'
          : parserError.type === 'entity.parse.failed'
            ? 'MALFORMED_JSON'
            : (CODE_BY_STATUS[parserStatus] ?? 'BAD_REQUEST');
      return [
        parserStatus,
        {
          error: { code, message: parserError.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : parserError.message },
        },
      ];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { error: { code: 'INTERNAL', message: 'An unexpected error occurred' } }];
  }
}
