import {
  CITATION_PATTERN,
  citationTag,
  REPORT_SECTION_TITLES,
  type ReportSection,
  type ReportSectionKey,
  type ValidationNote,
} from '@patientinsight/shared';
import { LanguageModelError } from '../llm/language-model.js';
import { contentWords } from './summary-text.js';

export interface CaseEvidence {
  caseId: string;
  title: string;
  snippet: string;
}

/** A sentence that claims something about a case (or the literature) and therefore needs a citation. */
export const CASE_CLAIM =
  /(?<!\bin )\bcases?\b|\bpatients? (?:in|from|described|reported)\b|\b(?:was|were|been|is|are) (?:reported|described|published)\b(?! as)|\b(?:reported|described|published) (?:in|by)\b|\bliterature\b|\bseries\b/i;
/** "Case 2" refers to the second case of the prompt's numbered list. */
const NUMBERED_CASE = /\bcase\s*#?\s*(\d{1,2})\b/gi;

/** Statements of a diagnosis as certain, and their softened forms. */
const CERTAINTY_REWRITES: [RegExp, string][] = [
  [/\b(?:definitely|certainly|undoubtedly|unquestionably|surely|clearly|without (?:a |any )?doubt)\b/gi, 'possibly'],
  [/\bthe (?:final |definitive |confirmed )?diagnosis is\b/gi, 'a diagnosis to consider is'],
  [/\b(?:this|it) (?:is|confirms) (?:a case of|an? )\b/gi, 'this may be consistent with '],
  [/\b(?:is|are) diagnosed with\b/gi, 'may have'],
  [/\bconfirms? (?:the )?diagnosis of\b/gi, 'may be consistent with'],
  [
    /\b(?:you|the patient|he|she|they) (?:has|have|is suffering from|suffers? from) (?=(?:an? |acute |chronic )?[a-z-]*(?:itis|oma|emia|aemia|osis|pathy|syndrome|disease|infarction|cancer|failure|embolism|stroke|infection|fracture|disorder|dissection|tumou?r)\b)/gi,
    'the findings may be consistent with ',
  ],
];

const SECTION_HEADING =
  /^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*(?:\d+[.)]\s*)?(current case|analysis of (?:the )?similar cases|similar cases|suggested approach|approach)\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$/i;

function sectionKey(heading: string): ReportSectionKey {
  const h = heading.toLowerCase();
  if (h.startsWith('current')) return 'currentCase';
  if (h.includes('similar')) return 'similarCases';
  return 'suggestedApproach';
}

/**
 * Splits a line into sentences at ". " / "! " / "? " before a capital, "[" or "(", but never inside
 * parentheses or quotation marks (a quoted case sentence or an article title stays whole). Citation tags
 * that follow a full stop stay with their sentence.
 * Not Intl.Segmenter: its sentence rules (UAX #29) keep "found. [case:A-1] Next" as one sentence (the tag starts in
 * lower case) and break inside parentheses and quotation marks.
 */
export function splitSentences(line: string): string[] {
  const raw: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '(' || ch === '“') depth++;
    else if ((ch === ')' || ch === '”') && depth > 0) depth--;
    if (depth > 0 || !/[.!?”)\]]/.test(ch) || !/^\s+[A-Z[(“]/.test(line.slice(i + 1, i + 4))) continue;
    // A sentence ends here if, without trailing tags, quotes and brackets, it ends with . ! or ?
    const head = line
      .slice(start, i + 1)
      .replace(/(?:\s*\[case:[^\]\s]*\])+$/, '')
      .replace(/[”)]+$/, '');
    if (/[.!?]$/.test(head) && !(ch === '.' && /^\s+\[case:/.test(line.slice(i + 1)))) {
      raw.push(line.slice(start, i + 1));
      start = i + 1;
    }
  }
  raw.push(line.slice(start));
  const out: string[] = [];
  for (const piece of raw.map((p) => p.trim()).filter(Boolean)) {
    const leadingTags = piece.match(/^(?:\[case:[^\]\s]+\]\s*)+/);
    if (leadingTags && out.length) {
      out[out.length - 1] = `${out[out.length - 1]} ${leadingTags[0].trim()}`;
      const rest = piece.slice(leadingTags[0].length).trim();
      if (rest) out.push(rest);
    } else out.push(piece);
  }
  return out;
}

export interface ValidatedText {
  text: string;
  cited: string[];
  notes: ValidationNote[];
}

/**
 * Checks one block of generated text against the retrieved cases: citations to cases that were not
 * retrieved are removed; a sentence about a case without a valid citation is repaired (a "Case N"
 * reference, or clear word overlap with exactly one case) or removed; diagnoses stated as certain are
 * softened. `requireCitation` makes every sentence need one (the similar-cases section).
 */
export function validateText(text: string, cases: CaseEvidence[], options: { requireCitation?: boolean } = {}): ValidatedText {
  const allowed = new Map(cases.map((c) => [c.caseId, c]));
  const caseWords = cases.map((c) => ({ id: c.caseId, words: new Set(contentWords(`${c.title} ${c.snippet}`)) }));
  const notes: ValidationNote[] = [];
  const cited = new Set<string>();
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const bullet = line.match(/^\s*(?:[-*•]|\d+[.)])\s+/)?.[0] ?? '';
    const kept: string[] = [];
    for (let sentence of splitSentences(line.slice(bullet.length))) {
      // 1. Citations must name retrieved cases.
      sentence = sentence.replace(CITATION_PATTERN, (tag, id: string) => {
        if (allowed.has(id)) return tag;
        notes.push({ kind: 'unknown_citation_removed', detail: `removed ${tag}: that case was not retrieved` });
        return '';
      });
      sentence = sentence
        .replace(/\s{2,}/g, ' ')
        .replace(/\s+([.,;!?])/g, '$1')
        .trim();
      if (!sentence) continue;
      let ids = [...sentence.matchAll(CITATION_PATTERN)].map((m) => m[1]!);
      // 2. A claim about a case needs a citation: repair it or drop the sentence.
      if (ids.length === 0 && (options.requireCitation || CASE_CLAIM.test(sentence))) {
        const numbered = [...sentence.matchAll(NUMBERED_CASE)]
          .map((m) => cases[Number(m[1]) - 1]?.caseId)
          .filter((id): id is string => Boolean(id));
        let repair = numbered;
        if (repair.length === 0) {
          const words = new Set(contentWords(sentence));
          const overlaps = caseWords
            .map((c) => ({ id: c.id, n: [...words].filter((w) => c.words.has(w)).length }))
            .sort((a, b) => b.n - a.n);
          const [best, second] = overlaps;
          if (best && best.n >= 3 && best.n > (second?.n ?? 0)) repair = [best.id];
        }
        if (repair.length > 0) {
          sentence = `${sentence.replace(/([.!?])$/, '')} ${[...new Set(repair)].map(citationTag).join(' ')}.`;
          ids = repair;
        } else if (options.requireCitation || /(?<!\bin )\bcases?\b/i.test(sentence)) {
          notes.push({
            kind: 'uncited_case_claim_removed',
            detail: `removed an uncited statement about a case: "${sentence.slice(0, 120)}"`,
          });
          continue;
        }
      }
      // 3. No certain diagnoses.
      for (const [pattern, replacement] of CERTAINTY_REWRITES) {
        const softened = sentence.replace(pattern, replacement);
        if (softened !== sentence) {
          notes.push({ kind: 'certain_diagnosis_softened', detail: `softened: "${sentence.slice(0, 120)}"` });
          sentence = softened;
        }
      }
      for (const id of ids) cited.add(id);
      kept.push(sentence);
    }
    if (kept.length) lines.push(`${bullet}${kept.join(' ')}`);
    else if (!line.trim() && lines.length && lines[lines.length - 1] !== '') lines.push('');
  }
  return { text: lines.join('\n').trim(), cited: [...cited], notes };
}

export interface ValidatedReport {
  sections: ReportSection[];
  cited: string[];
  notes: ValidationNote[];
}

/** Validates a whole report: the three sections must be there, and at least one valid citation. */
export function validateReport(text: string, cases: CaseEvidence[]): ValidatedReport {
  const blocks = new Map<ReportSectionKey, string[]>();
  let current: ReportSectionKey | null = null;
  for (const line of text.split('\n')) {
    const heading = line.match(SECTION_HEADING);
    if (heading) {
      current = sectionKey(heading[1]!);
      if (!blocks.has(current)) blocks.set(current, []);
      continue;
    }
    if (current) blocks.get(current)!.push(line);
  }
  if (blocks.size < 3)
    throw new LanguageModelError('malformed', `the report lacks its sections (found ${[...blocks.keys()].join(', ') || 'none'})`, false);
  const notes: ValidationNote[] = [];
  const cited = new Set<string>();
  const sections: ReportSection[] = (['currentCase', 'similarCases', 'suggestedApproach'] as const).map((key) => {
    const result = validateText(blocks.get(key)!.join('\n'), cases, { requireCitation: key === 'similarCases' });
    notes.push(...result.notes);
    for (const id of result.cited) cited.add(id);
    return { key, title: REPORT_SECTION_TITLES[key], text: result.text };
  });
  if (cited.size === 0 || !sections[1]!.text)
    throw new LanguageModelError('malformed', 'the report cites none of the retrieved cases', false);
  return { sections, cited: [...cited], notes };
}
