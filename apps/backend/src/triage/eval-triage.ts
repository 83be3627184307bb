/**
 * `pnpm eval:triage [--messages FILE]`: recall and false-alarm rate of the red-flag detector on a
 * labelled JSONL file (default: the project's set). Prints every miss; exits 1 when recall < 100 %.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TRIAGE_SET, evaluateTriage, readLabelledMessages } from './triage-evaluation.js';

const { values } = parseArgs({ options: { messages: { type: 'string' } } });
const file = values.messages ? resolve(process.env.INIT_CWD ?? process.cwd(), values.messages) : DEFAULT_TRIAGE_SET;
const result = evaluateTriage(readLabelledMessages(file));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
console.log(`file:             ${file}`);
console.log(`messages:         ${result.total} (${result.positives} red flags, ${result.negatives} without)`);
console.log(`recall:           ${pct(result.recall)} (${result.truePositives}/${result.positives})   target 100 %`);
console.log(`false-alarm rate: ${pct(result.falseAlarmRate)} (${result.falsePositives}/${result.negatives})`);
for (const miss of result.misses) console.log(`MISS        ${JSON.stringify(miss.text)}${miss.category ? ` [${miss.category}]` : ''}`);
for (const alarm of result.falseAlarms) console.log(`FALSE ALARM ${JSON.stringify(alarm.text)} → ${alarm.flagged.join(', ')}`);
process.exitCode = result.recall < 1 ? 1 : 0;
