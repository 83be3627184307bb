import { z } from 'zod';
import { plainText } from './text.js';

/**
 * A doctor's rating of a report or of one case it cites, kept for evaluation.
 *   PUT /v1/encounters/:id/feedback   (doctor) feedbackRequestSchema → feedbackSchema (replaces the doctor's earlier rating of the same target)
 *   GET /v1/encounters/:id/feedback   (doctor) → feedbackListSchema
 *   GET /v1/feedback                  (admin)  feedbackQuerySchema → feedbackListSchema
 */
export const feedbackRequestSchema = z.discriminatedUnion(
  'target',
  [
    z
      .object({
        target: z.literal('report'),
        useful: z.boolean({ message: 'must be true or false' }),
        comment: plainText({ max: 2000, trim: false }).optional(),
      })
      .strict(),
    z
      .object({
        target: z.literal('case'),
        caseId: plainText({ min: 1, max: 100 }),
        useful: z.boolean({ message: 'must be true or false' }),
        comment: plainText({ max: 2000, trim: false }).optional(),
      })
      .strict(),
  ],
  { message: "target must be 'report' or 'case'" },
);
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

export const feedbackSchema = z.object({
  id: z.string(),
  encounterId: z.string(),
  doctorId: z.string(),
  target: z.enum(['report', 'case']),
  caseId: z.string().nullable(),
  useful: z.boolean(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

export const feedbackListSchema = z.object({ feedback: z.array(feedbackSchema) });
export type FeedbackList = z.infer<typeof feedbackListSchema>;

export const feedbackQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
    to: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
    limit: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000')
      .default(200),
  })
  .strict();
export type FeedbackQuery = z.infer<typeof feedbackQuerySchema>;
