import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADER = 'patient_id,patient_uid,PMID,file_path,title,patient,age,gender,relevant_articles,similar_patients';
const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

function row(uid: string, text: string, age: string, sex: string): string {
  return [uid, uid, '30000001', 'e2e/generated.xml', quote(`Generated case ${uid}`), quote(text), quote(age), sex, '{}', '{}'].join(',');
}

export interface CaseFile {
  path: string;
  good: number;
  /** What the operator must see: the case id of each bad row and the field it fails on. */
  bad: { caseId: string; field: string }[];
}

/**
 * A PMC-Patients V1 CSV with good rows and the bad rows an operator meets: missing text, age 300,
 * an unknown sex, and a repeated case id. Ids and texts carry `tag` so each run is new data.
 */
export function writeCaseFile(dir: string, tag: string): CaseFile {
  const text = (i: number) =>
    `A ${40 + i}-year-old ${i % 2 ? 'man' : 'woman'} (${tag}) presented with a persistent dry cough for ${i + 2} months, night sweats and weight loss. Chest imaging showed a ${i + 1} cm nodule; bronchoscopy and biopsy were performed and treatment followed.`;
  const good = Array.from({ length: 8 }, (_, i) => row(`${tag}-${i + 1}`, text(i), `[[${40 + i}.0, 'year']]`, i % 2 ? 'M' : 'F'));
  const bad = [
    { line: row(`${tag}-notext`, '', "[[50.0, 'year']]", 'F'), caseId: `${tag}-notext`, field: 'text' },
    { line: row(`${tag}-age300`, text(20), "[[300.0, 'year']]", 'M'), caseId: `${tag}-age300`, field: 'age' },
    { line: row(`${tag}-sexq`, text(21), "[[45.0, 'year']]", 'Q'), caseId: `${tag}-sexq`, field: 'sex' },
    { line: row(`${tag}-1`, text(22), "[[47.0, 'year']]", 'F'), caseId: `${tag}-1`, field: 'caseId' },
  ];
  const path = join(dir, `cases-${tag}.csv`);
  writeFileSync(path, `${[HEADER, ...good, ...bad.map((b) => b.line)].join('\n')}\n`);
  return { path, good: good.length, bad: bad.map(({ caseId, field }) => ({ caseId, field })) };
}
