/**
 * Masks personal data in patient text before it leaves for an external model, and restores it in what
 * the user sees. Placeholders are stable within one masking session (`[NAME_1]` is always the same
 * person) so the model can still refer to them. Ages and durations ("45-year-old", "3 days") are kept:
 * they are clinically needed and do not identify anyone on their own (HIPAA Safe Harbor keeps ages < 90).
 */

export type PiiKind = 'EMAIL' | 'PHONE' | 'URL' | 'DATE' | 'ID' | 'NAME' | 'ADDRESS';

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  /** Which capture group holds the value to mask (default: the whole match). */
  group?: number;
}

/** A detector that scans by hand where a regular expression would take quadratic time. */
interface ScanDetector {
  kind: PiiKind;
  find: (text: string) => [start: number, end: number][];
}

const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
/** `[\w.+-]`: what the local part of an address is made of. */
const isLocalChar = (code: number) => isWordChar(code) || code === 46 || code === 43 || code === 45;
/** `[\w-]`: what a domain label is made of. */
const isLabelChar = (code: number) => isWordChar(code) || code === 45;
const wordAt = (text: string, i: number) => i >= 0 && i < text.length && isWordChar(text.charCodeAt(i));

/**
 * E-mail addresses, exactly where `/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g` would find them, in
 * linear time. The regex tries every start position and rescans the run after it, so long runs
 * of `a.a.a.` in doctors' notes took quadratic time. Here every address hangs on an `@`: the scan
 * walks left over the local part and right over the domain, and neither walk crosses another `@`
 * or a previous match, so each character is visited a bounded number of times.
 */
export function findEmails(text: string): [start: number, end: number][] {
  const found: [number, number][] = [];
  let matchedUpTo = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at < matchedUpTo) continue;
    // Local part: the run of local characters before the `@`, starting at its first word boundary.
    let left = at;
    while (left > matchedUpTo && isLocalChar(text.charCodeAt(left - 1))) left -= 1;
    let start = left;
    while (start < at && wordAt(text, start - 1) === wordAt(text, start)) start += 1;
    if (start === at) continue;
    // Domain: labels of [\w-] joined by single dots, at least two of them.
    const labels: [number, number][] = [];
    let i = at + 1;
    for (;;) {
      const labelStart = i;
      while (i < text.length && isLabelChar(text.charCodeAt(i))) i += 1;
      if (i === labelStart) break;
      labels.push([labelStart, i]);
      if (text.charCodeAt(i) !== 46 || !isLabelChar(text.charCodeAt(i + 1))) break;
      i += 1;
    }
    // The address ends on a word boundary: trailing hyphens of the last label are not part of it,
    // and a label of hyphens only is dropped (as the regex's backtracking does).
    let end = -1;
    while (labels.length >= 2) {
      const [labelStart, labelEnd] = labels[labels.length - 1] as [number, number];
      let e = labelEnd;
      while (e > labelStart && text.charCodeAt(e - 1) === 45) e -= 1;
      if (e > labelStart) {
        end = e;
        break;
      }
      labels.pop();
    }
    if (end === -1) continue;
    found.push([start, end]);
    matchedUpTo = end;
  }
  return found;
}

const MONTHS =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const NAME = "[A-Z][a-zA-Z'’-]+(?: [A-Z][a-zA-Z'’-]+)?";

/** Order matters: emails and URLs before identifiers and phones, dates before plain numbers. */
const EMAIL: ScanDetector = { kind: 'EMAIL', find: findEmails };

const DETECTORS: (Detector | ScanDetector)[] = [
  EMAIL,
  { kind: 'URL', pattern: /\bhttps?:\/\/\S+|\bwww\.\S+/gi },
  { kind: 'DATE', pattern: /\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g },
  {
    kind: 'DATE',
    pattern: new RegExp(
      `\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTHS}\\.?(?:,? \\d{4})?\\b|\\b${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b|\\b${MONTHS} \\d{4}\\b`,
      'gi',
    ),
  },
  { kind: 'ID', pattern: /\b\d{3}-\d{2}-\d{4}\b/g }, // US SSN
  {
    kind: 'ID',
    pattern:
      /\b(?:MRN|NHS|SSN|patient (?:id|number)|record|insurance|policy|member)(?: (?:no\.?|number|#|id))?:? ?#?([A-Z0-9][A-Z0-9-]{3,})\b/gi,
    group: 1,
  },
  { kind: 'PHONE', pattern: /(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,4}[ .-]\d{3,4}[ .-]?\d{0,4}\b/g },
  { kind: 'ID', pattern: /\b[A-Z]{1,3}\d{5,}\b|\b\d{7,}\b/g },
  {
    kind: 'ADDRESS',
    pattern:
      /\b\d{1,5} [A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Close|Way|Court|Ct)\b/g,
  },
  { kind: 'NAME', pattern: new RegExp(`\\b(?:my name is|i am called|call me|this is) (${NAME})`, 'gi'), group: 1 },
  { kind: 'NAME', pattern: new RegExp(`\\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Prof)\\.? (${NAME})`, 'g'), group: 1 },
  {
    kind: 'NAME',
    pattern: new RegExp(
      `\\b[Mm]y (?:wife|husband|partner|son|daughter|mother|mum|mom|father|dad|brother|sister|friend|neighbour|neighbor|doctor|gp|carer|child|baby),? (${NAME})`,
      'g',
    ),
    group: 1,
  },
];

/** Capitalised words that the name patterns must not take for names. */
const NOT_NAMES = new Set([
  'I',
  'The',
  'It',
  'My',
  'He',
  'She',
  'They',
  'We',
  'This',
  'That',
  'Not',
  'Very',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
]);

export class MaskingSession {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counters = new Map<PiiKind, number>();

  /** @param knownNames names the account holds (patient, emergency contact): always masked. */
  constructor(private readonly knownNames: readonly string[] = []) {}

  private placeholder(kind: PiiKind, value: string): string {
    const key = `${kind}:${value.toLowerCase()}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const placeholder = `[${kind}_${n}]`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    return placeholder;
  }

  /** Masks personal data; citation tags (`[case:<uid>]`, public case ids) pass through untouched. */
  mask(text: string): string {
    return text
      .split(/(\[case:[^\]\s]+\])/)
      .map((part, i) => (i % 2 === 1 ? part : this.maskPlain(part)))
      .join('');
  }

  private maskPlain(text: string): string {
    // Contacts first: a known name inside an e-mail address must go with the whole address.
    let out = this.apply(
      text,
      DETECTORS.filter((d) => d.kind === 'EMAIL' || d.kind === 'URL'),
    );
    for (const name of this.knownNames.flatMap((n) => [n, ...n.split(/\s+/).filter((part) => part.length > 2)])) {
      if (!name.trim()) continue;
      const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      out = out.replace(new RegExp(`\\b${escaped}\\b`, 'gi'), (m) => this.placeholder('NAME', m));
    }
    return this.apply(out, DETECTORS);
  }

  private apply(text: string, detectors: (Detector | ScanDetector)[]): string {
    let out = text;
    for (const detector of detectors) {
      if ('find' in detector) {
        let replaced = '';
        let from = 0;
        for (const [start, end] of detector.find(out)) {
          const match = out.slice(start, end);
          replaced += out.slice(from, start) + this.replacement(detector.kind, match, match);
          from = end;
        }
        out = replaced + out.slice(from);
        continue;
      }
      out = out.replace(detector.pattern, (match: string, ...groups: unknown[]) =>
        this.replacement(detector.kind, match, detector.group ? (groups[detector.group - 1] as string | undefined) : match),
      );
    }
    return out;
  }

  /** What a detector's match becomes: the match with its value replaced by a placeholder, or unchanged. */
  private replacement(kind: PiiKind, match: string, value: string | undefined): string {
    if (/^\[[A-Z]+_\d+\]$/.test(match)) return match;
    if (!value || /\[[A-Z]+_\d+\]/.test(value)) return match;
    if (kind === 'NAME' && NOT_NAMES.has(value.split(' ')[0]!)) return match;
    // Short digit runs are durations, doses or scores ("3 days", "500 mg", "7/10"), not phone numbers.
    if (kind === 'PHONE' && value.replace(/\D/g, '').length < 7) return match;
    return match.replace(value, this.placeholder(kind, value));
  }

  /** Puts the original values back (for what the user sees and what is stored). */
  restore(text: string): string {
    return text.replace(
      /\[(EMAIL|PHONE|URL|DATE|ID|NAME|ADDRESS)_\d+\]/g,
      (placeholder) => this.byPlaceholder.get(placeholder) ?? placeholder,
    );
  }

  get maskedCount(): number {
    return this.byPlaceholder.size;
  }
}
