import { citationTag, type IntakeSummary, REPORT_SECTION_TITLES } from '@patientinsight/shared';
import { splitSentences } from './citation-validator.js';
import { cleanExtract, contentWords, currentCaseText, summaryToSentences } from './summary-text.js';

export interface OfflineCase {
  caseId: string;
  title: string;
  age: number | null;
  sex: 'F' | 'M' | null;
  snippet: string;
  matchedTerms: string[];
}

/** Sentences of a case that describe its work-up or management (what the approach section draws on). */
const WORKUP =
  /\b(?:underwent|performed|revealed|showed|demonstrated|treated|managed|administered|started on|received|ct|mri|ecg|electrocardiogra\w*|biopsy|ultrasound|echocardiogra\w*|angiogra\w*|laboratory|x-ray|radiograph\w*|endoscopy|surgery|resection)\b/i;

function bestSentence(text: string, terms: Set<string>, filter?: RegExp): string | null {
  // Some case texts carry literal "\n" sequences from their source files.
  const sentences = splitSentences(cleanExtract(text)).filter((s) => s.length > 20 && (!filter || filter.test(s)));
  let best: string | null = null;
  let bestScore = -1;
  for (const sentence of sentences) {
    const score = contentWords(sentence).filter((w) => terms.has(w)).length;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best ? best.replace(/\s*\[[^\]]*\]\s*$/, '').replace(/[.!?]*$/, '') : null;
}

const who = (c: OfflineCase) =>
  [
    c.age !== null ? `${Math.round(c.age)}-year-old` : null,
    c.sex === 'F' ? 'woman' : c.sex === 'M' ? 'man' : c.age !== null ? 'patient' : null,
  ]
    .filter(Boolean)
    .join(' ');

/**
 * The deterministic composer: the report built from the intake answers and the retrieved cases' own
 * sentences, with no language model. Same three sections and citation tags as a model's report, so it
 * passes through the same validator. Labelled "generated without a language model" wherever shown.
 */
export function composeOfflineReport(summary: IntakeSummary, cases: OfflineCase[]): string {
  const queryTerms = new Set(contentWords(summaryToSentences(summary).join(' ')));
  const current = currentCaseText(summary);
  const similar = cases.map((c, i) => {
    const sentence = bestSentence(c.snippet, new Set([...queryTerms, ...c.matchedTerms])) ?? c.title;
    const matched = c.matchedTerms.length ? ` matched on ${c.matchedTerms.slice(0, 5).join(', ')};` : '';
    return `- Case ${i + 1} (${[who(c), `“${c.title.replace(/[.\s]+$/, '')}”`].filter(Boolean).join(', ')})${matched} the report describes: “${sentence}.” ${citationTag(c.caseId)}`;
  });
  const workup = cases
    .map((c) => ({ c, sentence: bestSentence(c.snippet, queryTerms, WORKUP) }))
    .filter((x): x is { c: OfflineCase; sentence: string } => x.sentence !== null)
    .slice(0, 3)
    .map(({ c, sentence }) => `- In a similar case, the work-up and care included: “${sentence}.” ${citationTag(c.caseId)}`);
  const approach = [
    '- Take a full history and examine the patient to confirm the account above before relying on any comparison.',
    ...workup,
    '- Consider whether the investigations and treatments cited above apply to this patient; none of them is a diagnosis for this patient.',
  ];
  if ((summary.hpi.severity ?? 0) >= 7)
    approach.unshift(`- The patient rated the symptom ${summary.hpi.severity}/10: assess urgency first.`);
  return [
    `## ${REPORT_SECTION_TITLES.currentCase}`,
    current,
    '',
    `## ${REPORT_SECTION_TITLES.similarCases}`,
    ...similar,
    '',
    `## ${REPORT_SECTION_TITLES.suggestedApproach}`,
    ...approach,
  ].join('\n');
}

export interface OfflineAnswerSource {
  kind: 'report' | 'doctor_notes' | 'cases';
  text: string;
  caseId?: string;
}

/** Question words that say nothing about the content ("is it OK to take…", "what does the report mean"). */
const QUESTION_WORDS = new Set(
  'take taking okay safe normal bad good need needs should could would know tell mean means doctor doctors report reports case cases patient think help does will can happen happens going ask'.split(
    ' ',
  ),
);

export const NOT_IN_REPORT =
  'The report and the doctor’s notes do not answer this question. Please ask your doctor; they can answer it with your full history.';

/**
 * An extractive answer: the sentences of the report, notes and cases that share the most content words with the
 * question; a single shared word is not enough unless it is the only content word asked. None: says so.
 */
export function composeOfflineAnswer(
  question: string,
  sources: OfflineAnswerSource[],
): { text: string; sources: OfflineAnswerSource['kind'][] } {
  const terms = new Set(contentWords(question).filter((w) => !QUESTION_WORDS.has(w)));
  const needed = Math.min(2, terms.size);
  const scored: { sentence: string; score: number; kind: OfflineAnswerSource['kind']; order: number }[] = [];
  let order = 0;
  for (const source of sources) {
    for (const line of source.text.split('\n')) {
      for (const raw of splitSentences(line.replace(/^\s*[-*•]\s+/, '').replace(/^#+\s.*$/, ''))) {
        const score = new Set(contentWords(raw).filter((w) => terms.has(w))).size;
        if (score === 0 || score < needed) continue;
        const sentence =
          source.kind === 'cases' && source.caseId && !raw.includes('[case:')
            ? `${raw.replace(/[.!?]*$/, '')} ${citationTag(source.caseId)}.`
            : raw;
        scored.push({ sentence, score, kind: source.kind, order: order++ });
      }
    }
  }
  const top = scored.sort((a, b) => b.score - a.score || a.order - b.order).slice(0, 3);
  if (top.length === 0) {
    return { text: NOT_IN_REPORT, sources: [] };
  }
  const label = { report: 'The report says', doctor_notes: 'The doctor’s notes say', cases: 'A cited case says' } as const;
  return { text: top.map((t) => `${label[t.kind]}: ${t.sentence}`).join('\n'), sources: [...new Set(top.map((t) => t.kind))] };
}
