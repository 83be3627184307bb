/**
 * `pnpm eval:citations [--scenarios FILE]`: the share of report sentences about cases that carry a
 * valid citation, in the generator's raw output (before the validator) and in the stored report (after).
 * The generator is the one configured in the environment (offline by default).
 */
import type { Report, ReportStreamEvent } from '@patientinsight/shared';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { citationShare, createHarness, DEFAULT_SCENARIOS, readScenarios } from './eval-harness.ts';

const { values } = parseArgs({ options: { scenarios: { type: 'string' } } });
const file = values.scenarios ? resolve(process.env.INIT_CWD ?? process.cwd(), values.scenarios) : DEFAULT_SCENARIOS;
const harness = await createHarness();
console.log(`generator: ${harness.generator}; retrieval: ${harness.retriever}; scenarios: ${file}`);
console.log(`${'scenario'.padEnd(22)} ${'raw cited/about'.padStart(16)} ${'stored cited/about'.padStart(19)} ${'repairs'.padStart(8)}`);
let rawAbout = 0;
let rawCited = 0;
let finalAbout = 0;
let finalCited = 0;
for (const scenario of readScenarios(file)) {
  let raw = '';
  let report: Report;
  try {
    report = await harness.builder.build({ encounterId: scenario.name, summary: scenario.summary }, (e: ReportStreamEvent) => {
      if (e.type === 'delta') raw += e.text;
      if (e.type === 'fallback') raw = '';
    });
  } catch (error) {
    console.log(`${scenario.name.padEnd(22)} skipped: ${(error as Error).message}`);
    continue;
  }
  const retrieved = new Set(report.cases.map((c) => c.caseId));
  const before = citationShare(raw, retrieved);
  const after = report.sections
    .map((s) => citationShare(s.text, retrieved, s.key === 'similarCases'))
    .reduce((a, b) => ({ about: a.about + b.about, cited: a.cited + b.cited }));
  rawAbout += before.about;
  rawCited += before.cited;
  finalAbout += after.about;
  finalCited += after.cited;
  console.log(
    `${scenario.name.padEnd(22)} ${`${before.cited}/${before.about}`.padStart(16)} ${`${after.cited}/${after.about}`.padStart(19)} ${String(report.validation.length).padStart(8)}`,
  );
}
const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)} %` : 'n/a');
console.log(
  `share of sentences about cases with a valid citation: raw ${pct(rawCited, rawAbout)}, stored ${pct(finalCited, finalAbout)} (target 100 %)`,
);
await harness.close();
process.exitCode = finalAbout > 0 && finalCited === finalAbout ? 0 : 1;
