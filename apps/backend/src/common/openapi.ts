import { applyDecorators } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ApiBody, ApiQuery, ApiResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { errorBodySchema } from '@patientinsight/shared';
import { z } from 'zod';
import type { BackendConfig } from '../config/backend.config.js';

type JsonSchema = Record<string, unknown>;

const errorBodyJson = z.toJSONSchema(errorBodySchema, { target: 'openapi-3.0', io: 'output' }) as JsonSchema;

/**
 * Error answers of a route, each in the one `{ error: { code, message, details? } }` shape, keyed by status,
 * with the codes it may carry. Several decorators may name one status: their descriptions are joined.
 */
export function ApiErrors(errors: Record<number, string>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, content: { 'application/json': { schema: errorBodyJson } } }),
    ),
  );
}

const validationError = { 400: 'VALIDATION_FAILED: `details` lists each field and why it was refused' };

/** The request body of a route, documented from the same zod schema that validates it (and its 400). */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return applyDecorators(
    ApiBody({ schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as JsonSchema }),
    ApiErrors(validationError),
  );
}

/** A success response documented from its zod contract. */
export function ApiZodResponse(status: number, schema: z.ZodType, description = 'OK'): MethodDecorator {
  return ApiResponse({
    status,
    description,
    schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as JsonSchema,
  });
}

/** Query parameters of a route, one per key of a zod object (and the 400 for a bad value). */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) => ApiQuery({ name, required: false, schema: property })),
    ApiErrors(validationError),
  );
}

/** The API answers JSON only: it loads nothing and may be framed by nothing. */
const apiHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  hsts: { maxAge: 365 * 86400, includeSubDomains: true },
});
/** The OpenAPI page loads its own scripts and styles: helmet's default policy for pages. */
const docsHeaders = helmet({ hsts: { maxAge: 365 * 86400, includeSubDomains: true } });

/**
 * Backend-specific app setup shared by main.ts and the tests: security headers (helmet: HSTS,
 * nosniff, no X-Powered-By), `Cache-Control: no-store` on every /v1 answer (they carry patient data
 * or session state, and errors too), the trust-proxy setting (client IPs in audit rows and rate
 * limits) and the OpenAPI page at /docs (JSON at /docs-json), served in development or when API_DOCS=true.
 */
export function configureBackendApp(
  app: NestExpressApplication,
  config: Pick<BackendConfig, 'NODE_ENV' | 'API_DOCS' | 'TRUST_PROXY'>,
): void {
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-') ? docsHeaders : apiHeaders)(req, res, next),
  );
  app.use('/v1', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // A hop count, never `true`: Express would then take the left-most X-Forwarded-For entry, which the client writes.
  if (config.TRUST_PROXY > 0) app.set('trust proxy', config.TRUST_PROXY);
  if (config.API_DOCS ?? config.NODE_ENV === 'development') {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('PatientInsight backend')
        .setDescription(
          'Accounts, profiles, encounters, review, feedback and audit. Bodies are validated by the zod contracts in @patientinsight/shared.',
        )
        .setVersion('1')
        .addBearerAuth()
        .addCookieAuth('pi_refresh')
        .build(),
    );
    SwaggerModule.setup('docs', app, document);
  }
}
