import { z } from 'zod';

/**
 * In a `u` expression a surrogate pair is one code point, so only an unpaired surrogate matches.
 * (String.prototype.isWellFormed says the same, but the schemas also run in older browsers.)
 */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether PostgreSQL can store a string: it refuses U+0000 in text and jsonb, and a lone UTF-16
 * surrogate cannot be encoded as UTF-8 (jsonb refuses its `\ud800` escape; text would silently
 * become U+FFFD). Both are refused at validation so they never reach the database.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * The one schema every request string field starts from: a string PostgreSQL can store, with the
 * reason named when it cannot. Add trimming, bounds and formats after it.
 */
export function requestText(message = 'must be text') {
  return z
    .string({ message })
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must not contain unpaired UTF-16 surrogates');
}

/** Text a person types, to be stored as is (trimmed unless `trim: false`), within bounds. */
export function plainText(options: { min?: number; max: number; trim?: boolean }) {
  let schema = requestText();
  if (options.trim !== false) schema = schema.trim();
  if (options.min) schema = schema.min(options.min, options.min === 1 ? 'must not be empty' : `must be at least ${options.min} characters`);
  return schema.max(options.max, `must be at most ${options.max} characters`);
}
