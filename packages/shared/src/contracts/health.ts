import { z } from 'zod';

/** Shape of @nestjs/terminus health check responses. */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'error', 'shutting_down']),
  info: z.record(z.string(), z.unknown()).optional(),
  error: z.record(z.string(), z.unknown()).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
