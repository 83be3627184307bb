import type { IntakeSummary, SearchFilters, SearchPatient } from '@patientinsight/shared';
import { contentWords } from './summary-text.js';

export interface RetrievalPlan {
  query: string;
  topK: number;
  filters: SearchFilters | null;
  /** The profile's age and sex, sent as data (the embedder's demographic prior reads them). */
  patient: SearchPatient;
}

/**
 * The embedder query for a summary: the clinical content only (complaint, HPI, associated symptoms,
 * context, known conditions), no names or dates; age and sex travel as data (`patient`), not as prose.
 * The age filter keeps cases within `ageWindow` years of the patient (0 turns it off).
 */
export function buildRetrievalPlan(summary: IntakeSummary, topK: number, ageWindow: number): RetrievalPlan {
  const h = summary.hpi;
  const age = summary.profile.age;
  const parts = [
    summary.chiefComplaint,
    h.onset && `onset ${h.onset}`,
    h.character,
    h.location,
    h.severity !== null ? (h.severity >= 7 ? 'severe' : h.severity >= 4 ? 'moderate' : 'mild') : null,
    h.pattern,
    h.aggravating && `worse with ${h.aggravating}`,
    h.relieving && `relieved by ${h.relieving}`,
    ...h.associatedSymptoms,
    summary.context,
    ...summary.profile.conditions,
  ].filter((p): p is string => Boolean(p && p.trim() && p.trim().toLowerCase() !== 'not reported'));
  const query = parts.join('; ').slice(0, 2000);
  const filters: SearchFilters | null = age !== null && ageWindow > 0 ? { ageMin: Math.max(0, Math.floor(age - ageWindow)), ageMax: Math.min(150, Math.ceil(age + ageWindow)) } : null;
  const patient: SearchPatient = { ...(age !== null ? { age } : {}), ...(summary.profile.sex ? { sex: summary.profile.sex } : {}) };
  return { query, topK, filters, patient };
}

/** Query words found in a case's title or snippet: why it matched, shown next to the score. */
export function matchedTerms(query: string, caseText: string): string[] {
  const caseWords = new Set(contentWords(caseText));
  const found: string[] = [];
  for (const word of contentWords(query)) if (caseWords.has(word) && !found.includes(word) && !/^\d/.test(word)) found.push(word);
  return found.slice(0, 8);
}
