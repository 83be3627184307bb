/**
 * `pnpm bench:triage`: cost of triaging one patient message, at 4,000 characters and at turns 1, 50 and 200 of a
 * long conversation (each turn triaged with the earlier ones, as the intake does). Beside it, in the same run, the
 * reference: tokenising the same text once (the pass every detector needs). Messages are the dev split's texts,
 * joined and with seeded typos so the spelling corrector sees words it has not cached. Target: < 5 ms a message,
 * flat in the turn number.
 */
import { readFileSync } from 'node:fs';
import { triageMessage } from '../dist/triage/red-flag-detector.js';
import { tokenize } from '../dist/triage/text/tokens.js';
import { triageSplit } from '../eval/triage-evaluation.ts';

const texts = triageSplit('dev').flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).text),
);
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
/** A word with one letter dropped or swapped, one time in eight. */
const typo = (w) =>
  w.length > 4 && random() < 0.125 ? (random() < 0.5 ? w.slice(0, 2) + w.slice(3) : w.slice(0, 2) + w[3] + w[2] + w.slice(4)) : w;
const message = (chars) => {
  let out = '';
  while (out.length < chars) out += `${texts[Math.floor(random() * texts.length)].split(' ').map(typo).join(' ')} `;
  return out.slice(0, chars);
};

function measure(label, run, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  console.log(
    `${label.padEnd(44)} mean ${(times.reduce((a, b) => a + b, 0) / n).toFixed(2)} ms   p50 ${q(0.5)}   p95 ${q(0.95)}   max ${q(1)}`,
  );
}

// Warm the JIT and the module-level phrase indexes.
for (let i = 0; i < 50; i++) triageMessage(message(500));

const long = Array.from({ length: 100 }, () => message(4000));
measure('reference: tokenize a 4,000-char message', (i) => tokenize(long[i % long.length]), 200);
measure('triage a 4,000-char message (no history)', (i) => triageMessage(long[i % long.length]), 200);
for (const turn of [1, 50, 200]) {
  const history = Array.from({ length: turn - 1 }, () => message(300));
  const next = Array.from({ length: 50 }, () => message(300));
  measure(
    `turn ${String(turn).padStart(3)}: a 300-char message after ${turn - 1} others`,
    (i) => triageMessage(next[i % next.length], history),
    200,
  );
  const longHistory = Array.from({ length: turn - 1 }, () => message(4000));
  measure(
    `turn ${String(turn).padStart(3)}: a 4,000-char message after ${turn - 1} of 4,000`,
    (i) => triageMessage(long[i % long.length], longHistory),
    100,
  );
}
