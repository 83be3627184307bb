import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCases, ingestUri, startEmbedder, type TestEmbedder, toCsv } from './ingestion-helpers.js';

jest.setTimeout(180_000);

/** The stored-state lines of a scrape (jobs, rows, queue, case store), sorted. */
async function storedState(embedder: TestEmbedder): Promise<string[]> {
  const text = await (await fetch(embedder.metricsUrl)).text();
  return text
    .split('\n')
    .filter((l) => /^ingest_(jobs|rows|queue_depth|case_store_size)\{/.test(l))
    .sort();
}

describe.each(testDrivers())('ingestion metrics on %s', (driver) => {
  const started: TestEmbedder[] = [];
  afterAll(async () => {
    await started.at(-1)?.close();
  });

  it('derives jobs and rows from the database: a restarted embedder on the same database reports the same figures', async () => {
    const first = await startEmbedder(driver);
    started.push(first);
    const good = toCsv(generateCases(40, { prefix: 'metrics' }));
    const path = join(first.dataDir, 'metrics.csv');
    // 40 good rows, one too short, one without an id.
    await writeFile(
      path,
      `${good}0,metrics-short,1,x.xml,T,fever,"[[40.0, 'year']]",F,{},{}\n0,,1,x.xml,T,${'A long enough case text about chest pain. '.repeat(3)},"[[40.0, 'year']]",F,{},{}\n`,
    );
    expect(await ingestUri(first.url, pathToFileURL(path).href)).toMatchObject({
      state: 'succeeded',
      counters: { read: 42, accepted: 40, rejected: 2 },
    });
    expect(await ingestUri(first.url, pathToFileURL(path).href)).toMatchObject({
      state: 'succeeded',
      outcome: 'nothing_new',
      counters: { duplicate: 40 },
    });
    const broken = join(first.dataDir, 'broken.csv');
    await writeFile(broken, 'no_id_column,text\n1,x\n');
    expect((await ingestUri(first.url, pathToFileURL(broken).href)).state).toBe('failed');

    const before = await storedState(first);
    expect(before).toEqual(
      expect.arrayContaining([
        'ingest_jobs{state="succeeded",outcome="added",service="embedder"} 1',
        'ingest_jobs{state="succeeded",outcome="nothing_new",service="embedder"} 1',
        'ingest_jobs{state="failed",outcome="none",service="embedder"} 1',
        'ingest_rows{outcome="accepted",service="embedder"} 40',
        'ingest_rows{outcome="rejected",service="embedder"} 4',
        'ingest_rows{outcome="duplicate",service="embedder"} 40',
        'ingest_rows{outcome="cancelled",service="embedder"} 0',
        'ingest_case_store_size{state="live",service="embedder"} 40',
      ]),
    );

    await first.stop();
    const second = await startEmbedder(driver, {}, { reuse: first.stored });
    started.push(second);
    expect(await storedState(second)).toEqual(before);
  });
});
