// The generated corpus `pnpm bench:ingest` and bench/rows-phase.mjs ingest: the 1,000-case sample repeated with fresh
// ids and a variant marker (so no text repeats), written as the PMC-Patients V1 CSV.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

const sampleCsv = fileURLToPath(new URL('../../../data/pmc-patients-sample-1000.csv', import.meta.url));

/** The sample's rows, as csv-parse reads them (one object per case, keyed by column). */
export async function readSample() {
  const sample = [];
  for await (const row of createReadStream(sampleCsv).pipe(parse({ columns: true }))) sample.push(row);
  return sample;
}

/** Writes `rows` generated cases to `file`. */
export async function writeGeneratedCorpus(file, rows, sample) {
  async function* generated() {
    for (let i = 0; i < rows; i++) {
      const base = sample[i % sample.length];
      yield {
        ...base,
        patient_id: String(i),
        patient_uid: `bench-${i}`,
        patient: `${base.patient} [variant ${Math.floor(i / sample.length)}]`,
      };
    }
  }
  await pipeline(generated, stringify({ header: true, columns: Object.keys(sample[0]) }), createWriteStream(file));
}
