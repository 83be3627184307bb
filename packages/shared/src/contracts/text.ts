import { z } from 'zod';

/**
 * Text a person types, to be stored as is. PostgreSQL cannot store U+0000, so it is refused here
 * with a clear reason rather than failing at the database.
 */
export function plainText(options: { min?: number; max: number; trim?: boolean }) {
  let schema = z.string({ message: 'must be text' });
  if (options.trim !== false) schema = schema.trim();
  if (options.min) schema = schema.min(options.min, options.min === 1 ? 'must not be empty' : `must be at least ${options.min} characters`);
  return schema.max(options.max, `must be at most ${options.max} characters`).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
}
