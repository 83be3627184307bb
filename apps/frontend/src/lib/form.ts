import { toFieldIssues } from '@patientinsight/shared';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { ApiError, fieldErrors } from './api-client';

export type FieldErrors = Record<string, string>;

/**
 * Validates form values with the same shared zod schema the backend uses. Returns the parsed
 * value, or `{field: reason}` errors keyed the way the backend names fields (`emergencyContact.phone`).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { data: z.output<S>; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of toFieldIssues(result.error)) errors[issue.field] ??= issue.reason;
  return { data: null, errors };
}

/** Field errors from a 400 answer, plus the general message for anything not tied to a field. */
export function serverErrors(error: unknown): { fields: FieldErrors; message: string | null } {
  const fields = fieldErrors(error);
  if (Object.keys(fields).length > 0) return { fields, message: 'Some answers need fixing; see the highlighted fields.' };
  return { fields: {}, message: error instanceof ApiError || error instanceof Error ? error.message : 'Something went wrong. Try again.' };
}

/** "12" → 12, "" → null: number inputs hold strings until validated. */
export const numberOrNull = (v: string): number | null => (v.trim() === '' ? null : Number(v));
/** One item a line (or comma-separated) → trimmed list without blanks. */
export const listFromText = (v: string): string[] =>
  v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A form validated by a shared schema on submit: client-side field errors first, then the backend's
 * field errors and message if it refuses. `submit` receives the parsed data and the error handler.
 */
export function useSchemaForm<S extends z.ZodType>(
  schema: S,
  submit: (data: z.output<S>, handlers: { onError: (error: unknown) => void }) => void,
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(schema, Object.fromEntries(new FormData(event.currentTarget)));
    setErrors(result.errors ?? {});
    setMessage(null);
    if (result.data !== null)
      submit(result.data, {
        onError: (error) => {
          const refused = serverErrors(error);
          setErrors(refused.fields);
          setMessage(refused.message);
        },
      });
  };
  return { errors, message, onSubmit };
}
