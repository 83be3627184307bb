import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

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
