/**
 * `pnpm eval:triage [--messages FILE] [--split dev|test|regression] [--json]`: recall per category, false-alarm
 * rate per non-emergency kind and every miss, on a labelled JSONL file (default: the project's test split).
 * A clarifying safety question counts as caught, and as a false alarm on a non-emergency. Exits 1 under 100 % recall.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { detect } from '../dist/triage/red-flag-detector.js';
import { evaluateTriage, readLabelledMessages, type Tally, triageSplit } from './triage-evaluation.ts';

const { values } = parseArgs({
  options: { messages: { type: 'string', multiple: true }, split: { type: 'string' }, json: { type: 'boolean' } },
});
const split = values.split ?? 'test';
if (!['dev', 'test', 'regression'].includes(split)) {
  console.error(`--split: must be dev, test or regression (got "${split}")`);
  process.exit(2);
}
const files = values.messages?.length
  ? values.messages.map((f) => resolve(process.env.INIT_CWD ?? process.cwd(), f))
  : triageSplit(split as 'dev');
const result = evaluateTriage(
  files.flatMap((file) => readLabelledMessages(file)),
  detect,
);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const rows = (map: Map<string, Tally>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));

if (values.json) {
  console.log(
    JSON.stringify(
      {
        files,
        ...result,
        byCategory: Object.fromEntries(result.byCategory),
        byKind: Object.fromEntries(result.byKind),
      },
      null,
      2,
    ),
  );
} else {
  // Which split ran is said first: the default is the held-out test split, which tuning must never look at.
  console.log(
    `split:            ${values.messages?.length ? 'files given with --messages' : split === 'test' ? 'test (held out: run once per change, never tune on it)' : split}`,
  );
  console.log(`files:            ${files.join(', ')}`);
  console.log(`messages:         ${result.total} (${result.positives} red flags, ${result.negatives} without)`);
  console.log('\nrecall per category (flagged or asked / labelled)');
  for (const [category, t] of rows(result.byCategory))
    console.log(`  ${category.padEnd(28)} ${String(t.caught).padStart(4)}/${String(t.total).padEnd(4)} ${pct(t.caught / t.total)}`);
  console.log('\nfalse alarms per non-emergency kind (flagged or asked / labelled)');
  for (const [kind, t] of rows(result.byKind))
    console.log(`  ${kind.padEnd(28)} ${String(t.caught).padStart(4)}/${String(t.total).padEnd(4)} ${pct(t.caught / t.total)}`);
  console.log('');
  for (const miss of result.misses) console.log(`MISS        ${JSON.stringify(miss.text)}${miss.category ? ` [${miss.category}]` : ''}`);
  for (const alarm of result.falseAlarms)
    console.log(
      `FALSE ALARM ${JSON.stringify(alarm.text)} → ${alarm.outcome} ${alarm.flagged.join(', ')}${alarm.kind ? ` [${alarm.kind}]` : ''}`,
    );
  console.log('');
  console.log(
    `flagged outright: ${result.flaggedOutright}/${result.positives}; asked first: ${result.asked.positives} emergencies, ${result.asked.negatives} non-emergencies`,
  );
  console.log(`recall: ${pct(result.recall)} (${result.truePositives}/${result.positives})   target 100 %`);
  console.log(`false-alarm rate: ${pct(result.falseAlarmRate)} (${result.falsePositives}/${result.negatives})`);
}
process.exitCode = result.recall < 1 ? 1 : 0;
