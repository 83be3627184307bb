// The fold protocol of the shared data's README.md, shared by bench:retrieval and bench:intake-retrieval:
// for each fold, a fresh embedder (its own data dir) ingests the corpus without the fold's query cases
// through POST /v1/ingestions; the caller then runs that fold's queries against it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ingestFile, type RunningEmbedder, startEmbedder } from './embedder-process.ts';
import { sharedDataFile } from './shared-data.ts';

// The corpus sample is committed (data/, with its attribution); only the query set is shared.
export const DEFAULT_CORPUS = resolve(new URL('.', import.meta.url).pathname, '../../../data/pmc-patients-sample-1000.csv');
export const DEFAULT_QUERIES = sharedDataFile('ppr-mini-queries.jsonl');

export interface CorpusRecord {
  record: Record<string, string>;
  raw: string;
}
export interface Corpus {
  header: string;
  records: CorpusRecord[];
}
export interface Query {
  id: string;
  fold?: number;
  query: string;
  relevant: Record<string, number>;
}

export const idOf = (r: Record<string, string>) => r.patient_uid ?? r.caseId ?? r.id!;
export const textOf = (r: Record<string, string>) => r.patient ?? r.text ?? '';

export function readCorpus(path: string): Corpus {
  const text = readFileSync(path);
  return {
    header: text.toString('utf8').split(/\r?\n/, 1)[0]!,
    records: parse(text, { columns: true, raw: true, bom: true }) as CorpusRecord[],
  };
}

/** The first-sentence probe of docs/retrieval.md (short queries) cuts each query as the index cuts a case's opening. */
export { firstSentence } from '../dist/text/sentences.js';

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * Runs `each` once per fold with an embedder that indexed the corpus without `heldOut(fold)` (the
 * fold's query cases), and the cases it kept. Folds run one after the other; each embedder is stopped
 * and its data removed before the next starts.
 */
export async function runFolds(
  corpus: Corpus,
  folds: number[],
  heldOut: (fold: number) => Set<string>,
  each: (fold: number, embedder: RunningEmbedder, kept: CorpusRecord[]) => Promise<void>,
): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-folds-'));
  try {
    for (const fold of folds) {
      const held = heldOut(fold);
      const kept = corpus.records.filter((r) => !held.has(idOf(r.record)));
      const file = join(work, `fold-${fold}.csv`);
      writeFileSync(file, `${corpus.header}\n${kept.map((r) => r.raw.replace(/[\r\n]+$/, '')).join('\n')}\n`);
      const dataDir = join(work, `data-${fold}`);
      const embedder = await startEmbedder({ DATA_DIR: dataDir, LOCAL_SOURCE_ROOTS: work, DRIFT_GATE: 'false' });
      try {
        const job = await ingestFile(embedder, file);
        process.stderr.write(`fold ${fold}: ${kept.length} cases ingested (${JSON.stringify(job.counters)})\n`);
        await each(fold, embedder, kept);
      } finally {
        await embedder.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
