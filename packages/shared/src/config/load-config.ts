import { z } from 'zod';

/** Thrown when the environment does not satisfy a service's config schema. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.reason}`).join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Parses the environment with a service's zod schema (keys are the variable names). Empty strings
 * count as unset so `FOO=` falls back to the default instead of failing a number parse.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigValidationError(
      result.error.issues.map((issue) => ({
        variable: issue.path.join('.') || '(environment)',
        reason: issue.message,
      })),
    );
  }
  return result.data;
}

/** Helpers for the config schemas: ports, booleans and lists as environment strings. */
export const env = {
  port: (fallback: number) =>
    z.coerce
      .number({ error: 'must be a port number (1-65535)' })
      .int('must be a whole number')
      .min(1, 'must be 1-65535')
      .max(65535, 'must be 1-65535')
      .default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  list: () =>
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
