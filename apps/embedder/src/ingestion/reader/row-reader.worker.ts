// The row-reader thread: parse → clean → validate → hash of a source's bytes, batch by batch, off the
// thread that serves HTTP and writes to the database (see row-reader.ts).
import { PassThrough } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { type ParsedRow, parseRows } from '../stages/parse.js';
import { prepareBatch } from '../stages/prepare.js';
import type { FromReader, RowReaderOptions, ToReader } from './row-reader.protocol.js';

/** Prepared batches handed over but not yet taken: enough to keep the database writer busy. */
const MAX_UNCONSUMED = 2;

const port = parentPort!;
let options: RowReaderOptions;
const send = (message: FromReader) => port.postMessage(message);
const input = new PassThrough();
let unconsumed = 0;
let onConsumed: (() => void) | null = null;

port.on('message', (message: ToReader) => {
  switch (message.type) {
    case 'start':
      options = message.options;
      run().then(
        () => port.close(),
        (error: Error) => {
          send({ type: 'failed', message: error.message || String(error) });
          port.close();
        },
      );
      break;
    case 'chunk':
      input.write(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength), () => send({ type: 'ack' }));
      break;
    case 'end':
      input.end();
      break;
    case 'source-error':
      input.destroy(new Error(message.message));
      break;
    case 'consumed':
      unconsumed--;
      onConsumed?.();
      break;
  }
});

async function emit(parsed: ParsedRow[], parseMs: number): Promise<void> {
  send({ type: 'batch', batch: prepareBatch(parsed, options.limits, parseMs) });
  unconsumed++;
  while (unconsumed >= MAX_UNCONSUMED) await new Promise<void>((resolve) => (onConsumed = resolve));
}

async function run(): Promise<void> {
  let batch: ParsedRow[] = [];
  let parseMs = 0;
  let t = performance.now();
  for await (const parsed of parseRows(input, options.format, options.mapping)) {
    if (parsed.row <= options.skip) {
      t = performance.now();
      continue; // committed before the last stop: already counted
    }
    parseMs += performance.now() - t;
    batch.push(parsed);
    if (batch.length >= options.batchSize) {
      await emit(batch, parseMs);
      batch = [];
      parseMs = 0;
    }
    t = performance.now();
  }
  if (batch.length > 0) await emit(batch, parseMs);
  send({ type: 'done' });
}
