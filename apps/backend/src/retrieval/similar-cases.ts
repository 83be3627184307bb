import {
  type EmbedderClient,
  EmbedderClientError,
  type IntakeSummary,
  type SearchResponse,
  type SearchResult,
} from '@patientinsight/shared';
import { buildRetrievalPlan, matchedConcepts, type RetrievalPlan } from './clinical-query.js';
import { ClinicalVocabulary, GATE_KINDS } from './clinical-vocabulary.js';
import { type Calibration, type RelevanceFeatures, relevanceProbability } from './relevance-calibration.js';

/** What the report says when no retrieved case shares a clinical concept with the patient. */
export const NO_CLOSE_CASE = 'No sufficiently similar published case was found for this account, so none is cited.';

export interface SimilarCasesSettings {
  /** Cases a report cites at most. */
  topK: number;
  /** ± years of the age filter (0: none). */
  ageWindow: number;
  /** Results ranked by the search (at least 2·topK: the gate may pass over some). The benchmark asks for 100. */
  depth?: number;
  /** Maps a ranked case to a probability of relevance; without it the gate is the matched concept alone. */
  calibration?: Calibration | null;
  /** Cases under this probability are not cited (0: no floor). */
  minRelevance?: number;
}

export interface GatedCase {
  result: SearchResult;
  /** The query's concepts the case's full text contains. */
  matchedConcepts: string[];
  /** How many of them are of a gate kind (a finding, the site or a condition; not "pain", "sudden onset" or an exposure alone). */
  strongMatches: number;
  /** What the calibrated probability of relevance was computed from. */
  features: RelevanceFeatures;
  /** Calibrated probability that the case is relevant (null without a calibration). */
  relevance: number | null;
}

export interface SimilarCases {
  plan: RetrievalPlan;
  /** The search's answer (null when the summary named no clinical concept: nothing was searched). */
  response: SearchResponse | null;
  /** The full ranking the search returned, best first (what the benchmark scores). */
  ranking: SearchResult[];
  /** At most topK cases, in rank order, each sharing ≥ 1 finding, site or condition with the patient: the ones a report may cite. */
  cited: GatedCase[];
  /** Read but held back: no matched finding, site or condition, or a probability of relevance under the floor. */
  withheld: GatedCase[];
  /** True when no case passed: the report says NO_CLOSE_CASE instead of citing weak ones. */
  noCloseCase: boolean;
}

let shared: ClinicalVocabulary | undefined;
/** The project's vocabulary, read once (a malformed file fails at boot, where the report builder is made). */
export function defaultVocabulary(): ClinicalVocabulary {
  shared ??= ClinicalVocabulary.load();
  return shared;
}

/**
 * The product's retrieval path: summary → clinical query → embedder search (the profile's age filter,
 * dropped when it leaves fewer than 3 cases; age and sex as data) → each ranked case read in full and
 * kept only if it shares at least one finding, site or condition with the patient and, with a calibration,
 * its probability of relevance reaches the floor (the relevance gate).
 */
export async function findSimilarCases(
  client: EmbedderClient,
  summary: IntakeSummary,
  settings: SimilarCasesSettings,
  vocabulary = defaultVocabulary(),
): Promise<SimilarCases> {
  let plan = buildRetrievalPlan(summary, vocabulary, settings.topK, settings.ageWindow);
  if (!plan.query) return { plan, response: null, ranking: [], cited: [], withheld: [], noCloseCase: true };
  const depth = Math.min(100, Math.max(settings.depth ?? 0, 2 * settings.topK));
  const search = (p: RetrievalPlan) =>
    client.search({ query: p.query, topK: depth, patient: p.patient, ...(p.filters ? { filters: p.filters } : {}) });
  let response = await search(plan);
  if (response.results.length < 3 && plan.filters) {
    plan = { ...plan, filters: null };
    response = await search(plan);
  }
  const cited: GatedCase[] = [];
  const withheld: GatedCase[] = [];
  // Read the candidates a report could cite, in rank order, until topK have passed the gate.
  const assessed = await assessCandidates(
    client,
    plan,
    response.results.slice(0, 2 * settings.topK),
    vocabulary,
    settings.calibration ?? null,
  );
  for (const gated of assessed) {
    if (cited.length >= settings.topK) break;
    if (gated.strongMatches > 0 && (gated.relevance === null || gated.relevance >= (settings.minRelevance ?? 0))) cited.push(gated);
    else withheld.push(gated);
  }
  return { plan, response, ranking: response.results, cited, withheld, noCloseCase: cited.length === 0 };
}

/**
 * Reads each result in full and measures it against the query: matched concepts, the calibrated probability
 * (features from the search's own score and rank). The gate and bench:intake-learned-fusion read candidates alike.
 */
export async function assessCandidates(
  client: EmbedderClient,
  plan: RetrievalPlan,
  results: SearchResult[],
  vocabulary: ClinicalVocabulary,
  calibration: Calibration | null,
): Promise<GatedCase[]> {
  const texts = await Promise.all(results.map((r) => caseText(client, r)));
  const queryConcepts = plan.concepts.filter((c) => GATE_KINDS.has(c.kind)).length;
  return results.map((result, i) => {
    const { matched, strong } = matchedConcepts(plan.concepts, texts[i]!, vocabulary);
    const features: RelevanceFeatures = { fused: result.score, rank: result.rank, strong, queryConcepts };
    const relevance = calibration ? relevanceProbability(calibration, features) : null;
    return { result, matchedConcepts: matched, strongMatches: strong, features, relevance };
  });
}

/** Title and full text of a case; its title and snippet when the case cannot be read (a version switched meanwhile). */
async function caseText(client: EmbedderClient, result: SearchResult): Promise<string> {
  try {
    const record = await client.getCase(result.caseId);
    return `${record.title}\n${record.text}`;
  } catch (error) {
    if (error instanceof EmbedderClientError && error.status === 404) return `${result.title}\n${result.snippet}`;
    throw error;
  }
}
