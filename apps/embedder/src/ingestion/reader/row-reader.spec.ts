import { describe, expect, it } from '@jest/globals';
import { PassThrough, Readable } from 'node:stream';
import type { PreparedBatch } from '../stages/prepare.js';
import { hasSpareRowReader, prestartRowReader, readPreparedBatches, stopSpareRowReader } from './row-reader.js';
import type { RowReaderOptions } from './row-reader.protocol.js';

const HEADER = 'patient_id,patient_uid,PMID,file_path,title,patient,age,gender\n';
const row = (i: number, age = "[[60.0, 'year']]") =>
  `${i},case-${i},123,p.xml,A title,"Case ${i}: a 60-year-old man with fever and a dry cough for three days.","${age}",M\n`;
const OPTIONS: RowReaderOptions = {
  format: 'csv',
  mapping: null,
  skip: 0,
  batchSize: 10,
  limits: { minTextChars: 20, maxTextChars: 10_000 },
};

async function collect(source: Readable, options: Partial<RowReaderOptions> = {}): Promise<PreparedBatch[]> {
  const out: PreparedBatch[] = [];
  for await (const batch of readPreparedBatches(source, { ...OPTIONS, ...options })) out.push(batch);
  return out;
}

// Odd chunk sizes so records straddle chunk borders, as they do in a real upload.
const chunked = (text: string, size = 37) =>
  Readable.from(Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size))));

describe('row reader (worker thread): parse → clean → validate in batches', () => {
  it('returns every row once, in order and in batches, past the checkpoint', async () => {
    const csv = HEADER + Array.from({ length: 25 }, (_, i) => row(i + 1, i === 12 ? "[[300.0, 'year']]" : undefined)).join('');
    const batches = await collect(chunked(csv), { skip: 3 });
    expect(batches.map((b) => b.rowsRead)).toEqual([10, 10, 2]);
    expect(batches.map((b) => b.lastRow)).toEqual([13, 23, 25]);
    const ids = batches.flatMap((b) => b.valid.map((c) => c.caseId));
    expect(ids).toEqual(Array.from({ length: 22 }, (_, i) => `case-${i + 4}`).filter((id) => id !== 'case-13'));
    expect(batches.flatMap((b) => b.rejected)).toEqual([expect.objectContaining({ row_number: 13, case_id: 'case-13', field: 'age' })]);
  });

  it('reads on a thread started before the read: the next read takes it, with the same batches as a new thread gives', async () => {
    const csv = HEADER + Array.from({ length: 25 }, (_, i) => row(i + 1, i === 12 ? "[[300.0, 'year']]" : undefined)).join('');
    const onNewThread = await collect(chunked(csv), { skip: 3 });
    prestartRowReader();
    expect(hasSpareRowReader()).toBe(true);
    const onSpare = await collect(chunked(csv), { skip: 3 });
    expect(hasSpareRowReader()).toBe(false);
    expect(onSpare.map(({ stageMs: _, ...b }) => b)).toEqual(onNewThread.map(({ stageMs: _, ...b }) => b));
    // A spare left idle is stopped at shutdown; a read after that starts its own thread again.
    prestartRowReader();
    await stopSpareRowReader();
    expect(hasSpareRowReader()).toBe(false);
    expect((await collect(chunked(csv))).flatMap((b) => b.valid)).toHaveLength(24);
  });

  it('fails with the reason when the source is refused or breaks off', async () => {
    await expect(collect(chunked('title,age\nx,3\n'))).rejects.toThrow(/caseId: none of the columns/);
    const broken = new PassThrough();
    broken.write(HEADER + row(1) + row(2));
    setTimeout(() => broken.destroy(new Error('connection reset by the object store')), 50);
    await expect(collect(broken)).rejects.toThrow('connection reset by the object store');
  });

  it('stops its thread when the consumer stops early, even while the source is still open', async () => {
    const open = new PassThrough();
    open.write(HEADER + Array.from({ length: 30 }, (_, i) => row(i + 1)).join(''));
    const reader = readPreparedBatches(open, OPTIONS);
    const first = await reader.next();
    expect(first.value).toMatchObject({ rowsRead: 10 });
    // return() resolves only once the worker has terminated; the source is left to its owner.
    await expect(reader.return(undefined)).resolves.toEqual({ done: true, value: undefined });
    expect(open.destroyed).toBe(false);
    open.destroy();
  });
});
