import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { detectRedFlags } from './red-flag-detector.js';

/** The labelled set kept in the project (apps/backend/eval/triage-messages.jsonl). */
export const DEFAULT_TRIAGE_SET = fileURLToPath(new URL('../../eval/triage-messages.jsonl', import.meta.url));

/** One line of a labelled file: `{"text": ..., "red_flag": true|false}`; other fields are kept for reporting only. */
const labelledMessageSchema = z.looseObject({ text: z.string(), red_flag: z.boolean(), category: z.string().optional(), kind: z.string().optional() });
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
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

export interface TriageEvaluation {
  total: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  recall: number;
  falseAlarmRate: number;
  misses: LabelledMessage[];
  falseAlarms: (LabelledMessage & { flagged: string[] })[];
}

export function evaluateTriage(messages: LabelledMessage[]): TriageEvaluation {
  const misses: LabelledMessage[] = [];
  const falseAlarms: TriageEvaluation['falseAlarms'] = [];
  let truePositives = 0;
  for (const message of messages) {
    const flags = detectRedFlags(message.text);
    if (message.red_flag && flags.length > 0) truePositives++;
    else if (message.red_flag) misses.push(message);
    else if (flags.length > 0) falseAlarms.push({ ...message, flagged: flags.map((f) => f.category) });
  }
  const positives = messages.filter((m) => m.red_flag).length;
  const negatives = messages.length - positives;
  return {
    total: messages.length,
    positives,
    negatives,
    truePositives,
    falsePositives: falseAlarms.length,
    recall: positives ? truePositives / positives : 1,
    falseAlarmRate: negatives ? falseAlarms.length / negatives : 0,
    misses,
    falseAlarms,
  };
}
