import { z } from 'zod';

/** Every error body any service returns has this one shape. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** One entry of `details` for a validation failure: which field, and why. */
export const fieldIssueSchema = z.object({ field: z.string(), reason: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** Flattens zod issues into `{ field, reason }` pairs so clients can point at the field. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    reason: issue.message,
  }));
}
