import { z } from 'zod';

export const sexSchema = z.enum(['F', 'M']);
export type Sex = z.infer<typeof sexSchema>;

/** A published patient case (PMC-Patients), as the embedder stores it. */
export const caseRecordSchema = z.object({
  caseId: z.string(),
  pmid: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  age: z.number().nullable(),
  sex: sexSchema.nullable(),
  corpusVersion: z.string().optional(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** PubMed link for a case's article. */
export function pubmedUrl(pmid: string | null): string | null {
  return pmid ? `https://pubmed.ncbi.nlm.nih.gov/${pmid}/` : null;
}
