/**
 * `node apps/backend/bench/mask-bench.mjs` (after a build): the e-mail finder of the PII masker beside
 * the regular expression it replaced, on inputs that made that expression quadratic. The finder's
 * time should grow in step with the length (it is linear by construction: see findEmails).
 */
import { findEmails, MaskingSession } from '../dist/privacy/pii-masker.js';

const OLD_EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const time = (fn, runs) => {
  fn(); // warm-up: the first call includes compilation
  const started = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - started) / runs;
};

for (const unit of ['a.', 'a+', 'a.b@c.', 'a@']) {
  const row = [];
  for (const length of [20_000, 40_000, 80_000, 160_000]) {
    const text = unit.repeat(Math.ceil(length / unit.length));
    const finder = time(() => findEmails(text), 20);
    // The old expression only up to 40,000 characters: beyond, it takes seconds a run.
    const regex = length <= 40_000 ? time(() => [...text.matchAll(OLD_EMAIL)], 1) : null;
    row.push(`${length / 1000}k: ${finder.toFixed(2)} ms${regex === null ? '' : ` (regex ${regex.toFixed(0)} ms)`}`);
  }
  console.log(`"${unit}" repeated  ${row.join('   ')}`);
}
const notes = `${'a.'.repeat(5000)} write to jane.doe@example.org ${'a+'.repeat(5000)}`;
console.log(`mask() of ${notes.length} characters of notes: ${time(() => new MaskingSession().mask(notes), 5).toFixed(1)} ms`);
