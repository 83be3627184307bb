/**
 * PostgreSQL cannot store U+0000 in text or jsonb ("unsupported Unicode escape sequence"), so a
 * NUL anywhere in a JSON document would turn a write into a 500. Stored JSON drops it; plain text
 * fields are refused at validation instead (see the shared contracts' `plainText`).
 */
export function stripNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map(stripNul) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll('\u0000', ''), stripNul(v)])) as T;
  }
  return value;
}

/** A value as the JSON text a jsonb column accepts. */
export function toJsonb(value: unknown): string {
  return JSON.stringify(stripNul(value));
}
