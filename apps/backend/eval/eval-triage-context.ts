/**
 * `node apps/backend/eval/eval-triage-context.ts [--split dev|regression] [--show N]`: the detector's answer should not
 * change when a message gains context that says nothing about an emergency ("Sorry to bother you.", "My GP surgery is
 * closed."). Each labelled message of the split is sent again with each context; the table counts emergencies no longer
 * caught and non-emergencies newly flagged. Contexts about a child or a pregnancy may rightly change an answer; their
 * counts show how much, not a defect. Never run on the test split: its wording stays unseen.
 */
import { parseArgs } from 'node:util';
import { detect } from '../dist/triage/red-flag-detector.js';
import { evaluateTriage, readLabelledMessages, triageSplit } from './triage-evaluation.ts';

const { values } = parseArgs({ options: { split: { type: 'string', default: 'dev' }, show: { type: 'string', default: '0' } } });
if (values.split !== 'dev' && values.split !== 'regression') {
  console.error(`--split: must be dev or regression (got "${values.split}")`);
  process.exit(2);
}
const show = Number(values.show);

const CONTEXTS: Record<string, { change: (text: string) => string; mayChangeAnswer?: boolean }> = {
  'sorry to bother': { change: (t) => `Sorry to bother you. ${t}` },
  'name and age': { change: (t) => `Hi, my name is Sam and I'm 42. ${t}` },
  'GP surgery closed': { change: (t) => `${t}. My GP surgery is closed so I came here.` },
  'old operation': { change: (t) => `${t}. I had my appendix out years ago.` },
  'no fever': { change: (t) => `${t}. I don't have a fever.` },
  'probably nothing': { change: (t) => `${t}. It's probably nothing.` },
  'what should I do': { change: (t) => `${t}. What should I do?` },
  'wait for the GP': { change: (t) => `${t}. Should I wait for my GP appointment on Monday?` },
  'no fuss': { change: (t) => `${t} but I don't want to make a fuss` },
  'I think': { change: (t) => `I think ${t}` },
  'lower case': { change: (t) => t.toLowerCase() },
  'kids at school': { change: (t) => `${t}. The kids are at school today.`, mayChangeAnswer: true },
  'also pregnant': { change: (t) => `${t}. I'm 20 weeks pregnant too.`, mayChangeAnswer: true },
};

// The messages the detector answers right as sent: emergencies caught, non-emergencies let through.
const messages = triageSplit(values.split).flatMap(readLabelledMessages);
const asSent = evaluateTriage(messages, detect);
const wrongAsSent = new Set([...asSent.misses, ...asSent.falseAlarms].map((m) => m.text));
const right = messages.filter((m) => !wrongAsSent.has(m.text));
console.log(
  `split: ${values.split}; ${asSent.truePositives} emergencies caught and ${asSent.negatives - asSent.falsePositives} non-emergencies not flagged as sent`,
);
console.log('context              emergencies lost  non-emergencies flagged');
for (const [name, { change, mayChangeAnswer }] of Object.entries(CONTEXTS)) {
  const { misses, falseAlarms } = evaluateTriage(
    right.map((m) => ({ ...m, text: change(m.text) })),
    detect,
  );
  console.log(
    `${`${name}${mayChangeAnswer ? ' *' : ''}`.padEnd(21)}${String(misses.length).padStart(16)}${String(falseAlarms.length).padStart(25)}`,
  );
  for (const m of [...misses, ...falseAlarms].slice(0, show)) console.log(`    ${m.red_flag ? 'LOST   ' : 'FLAGGED'} ${m.text}`);
}
console.log('* may rightly change an answer (facts about the person)');
