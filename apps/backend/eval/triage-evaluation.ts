import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The detector under evaluation is passed in: the spec hands in the sources, eval:triage the built `dist`. */
export type Detect = (text: string) => { flags: { category: string }[]; clarification?: { categories: string[] } | null };

/** The project's labelled sets (apps/backend/eval/triage/{dev,test}); `regression/` keeps the sets of the first detector. */
export const TRIAGE_EVAL_DIR = fileURLToPath(new URL('./triage/', import.meta.url));
export const triageSplit = (split: 'dev' | 'test' | 'regression'): string[] =>
  readdirSync(join(TRIAGE_EVAL_DIR, split))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(TRIAGE_EVAL_DIR, split, f));

/** One line of a labelled file: `{"text": ..., "red_flag": true|false}`; other fields (category, kind, source) are optional and used for the tables. */
const labelledMessageSchema = z.looseObject({
  text: z.string(),
  red_flag: z.boolean(),
  category: z.string().nullish(),
  kind: z.string().nullish(),
});
export type LabelledMessage = z.infer<typeof labelledMessageSchema>;

export function readLabelledMessages(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, index }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${index + 1}: not valid JSON`);
      }
      const parsed = labelledMessageSchema.safeParse(json);
      if (!parsed.success)
        throw new Error(
          `${path}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ')}`,
        );
      return parsed.data;
    });
}

/** What the detector did with one message: flagged it, asked a safety question first, or let it through. */
export type Outcome = 'flag' | 'ask' | 'none';
export interface JudgedMessage extends LabelledMessage {
  outcome: Outcome;
  flagged: string[];
}
export interface Tally {
  caught: number;
  total: number;
}

export interface TriageEvaluation {
  total: number;
  positives: number;
  negatives: number;
  /** Flagged or asked: asking counts as caught (and, for a non-emergency, as a false alarm). */
  truePositives: number;
  falsePositives: number;
  recall: number;
  falseAlarmRate: number;
  flaggedOutright: number;
  asked: { positives: number; negatives: number };
  /** Recall per labelled category. */
  byCategory: Map<string, Tally>;
  /** False alarms per non-emergency kind. */
  byKind: Map<string, Tally>;
  misses: JudgedMessage[];
  falseAlarms: JudgedMessage[];
}

const tally = (map: Map<string, Tally>, key: string, hit: boolean) => {
  const t = map.get(key) ?? { caught: 0, total: 0 };
  t.total++;
  if (hit) t.caught++;
  map.set(key, t);
};

export function evaluateTriage(messages: LabelledMessage[], detect: Detect): TriageEvaluation {
  const judged: JudgedMessage[] = messages.map((m) => {
    const d = detect(m.text);
    return {
      ...m,
      outcome: d.flags.length > 0 ? 'flag' : d.clarification ? 'ask' : 'none',
      flagged: d.flags.length ? d.flags.map((f) => f.category) : (d.clarification?.categories ?? []),
    };
  });
  const byCategory = new Map<string, Tally>();
  const byKind = new Map<string, Tally>();
  for (const m of judged) {
    if (m.red_flag) tally(byCategory, m.category ?? '(none)', m.outcome !== 'none');
    else tally(byKind, m.kind ?? '(none)', m.outcome !== 'none');
  }
  const positives = judged.filter((m) => m.red_flag);
  const negatives = judged.filter((m) => !m.red_flag);
  const misses = positives.filter((m) => m.outcome === 'none');
  const falseAlarms = negatives.filter((m) => m.outcome !== 'none');
  return {
    total: judged.length,
    positives: positives.length,
    negatives: negatives.length,
    truePositives: positives.length - misses.length,
    falsePositives: falseAlarms.length,
    recall: positives.length ? (positives.length - misses.length) / positives.length : 1,
    falseAlarmRate: negatives.length ? falseAlarms.length / negatives.length : 0,
    flaggedOutright: positives.filter((m) => m.outcome === 'flag').length,
    asked: {
      positives: positives.filter((m) => m.outcome === 'ask').length,
      negatives: negatives.filter((m) => m.outcome === 'ask').length,
    },
    byCategory,
    byKind,
    misses,
    falseAlarms,
  };
}
