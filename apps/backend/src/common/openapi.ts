import { applyDecorators } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiBody, ApiQuery, ApiResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import type { BackendConfig } from '../config/backend.config.js';

type JsonSchema = Record<string, unknown>;

/** The request body of a route, documented from the same zod schema that validates it. */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return ApiBody({ schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as JsonSchema });
}

/** A success response documented from its zod contract. */
export function ApiZodResponse(status: number, schema: z.ZodType, description = 'OK'): MethodDecorator {
  return ApiResponse({ status, description, schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as JsonSchema });
}

/** Query parameters of a route, one per key of a zod object. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema> };
  return applyDecorators(...Object.entries(json.properties ?? {}).map(([name, property]) => ApiQuery({ name, required: false, schema: property })));
}

/**
 * Backend-specific app setup shared by main.ts and the tests: the trust-proxy setting (client IPs
 * in audit rows and rate limits) and the OpenAPI page at /docs (JSON at /docs-json), served in
 * development or when API_DOCS=true.
 */
export function configureBackendApp(app: NestExpressApplication, config: Pick<BackendConfig, 'NODE_ENV' | 'API_DOCS' | 'TRUST_PROXY'>): void {
  if (config.TRUST_PROXY) app.set('trust proxy', true);
  if (config.API_DOCS ?? config.NODE_ENV === 'development') {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('PatientInsight backend')
        .setDescription('Accounts, profiles, encounters, review, feedback and audit. Bodies are validated by the zod contracts in @patientinsight/shared.')
        .setVersion('1')
        .addBearerAuth()
        .addCookieAuth('pi_refresh')
        .build(),
    );
    SwaggerModule.setup('docs', app, document);
  }
}
