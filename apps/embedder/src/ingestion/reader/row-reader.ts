import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { workerFile } from '../../common/worker-file.js';
import type { PreparedBatch } from '../stages/prepare.js';
import type { FromReader, RowReaderOptions, ToReader } from './row-reader.protocol.js';

/**
 * Source bytes sent but not yet taken in by the parser. Several batches' worth: chunks move only while this thread's
 * event loop is free, and a batch's write holds it, so a small window left the reader waiting for its input.
 */
const MAX_UNACKED_BYTES = 16 * 1024 * 1024;

const readerFile = () => workerFile(import.meta.url, './row-reader.worker.js');

/** A reader thread started ahead of the next read, idle until then (unref'd: it never keeps the process alive). */
let spare: Worker | null = null;

/**
 * Starts a reader thread for the next read, so that read does not wait for one to start (0.2–0.3 s: a thread and
 * the parser's modules), which is a good part of a small job's time. Idle, it waits for its first message.
 */
export function prestartRowReader(): void {
  if (spare) return;
  const thread = new Worker(readerFile());
  thread.unref();
  // A spare that dies before it is used is simply not used.
  thread.once('exit', () => {
    if (spare === thread) spare = null;
  });
  thread.on('error', () => undefined);
  spare = thread;
}

/** Stops the idle spare thread, if any (shutdown). */
export async function stopSpareRowReader(): Promise<void> {
  const thread = spare;
  spare = null;
  await thread?.terminate();
}

/** Whether a pre-started reader thread is waiting (the next read takes it). */
export function hasSpareRowReader(): boolean {
  return spare !== null;
}

/**
 * Reads a source as prepared batches (parse → clean → validate → hash) on a worker thread, so that
 * parsing the next rows overlaps with storing the previous ones: on PGlite the database runs on this
 * thread, and parsing a large CSV took about as long as storing it.
 * Bounded on both sides: at most `MAX_UNACKED_BYTES` of source and two prepared batches wait.
 * Stopping early (`return()`, cancel, shutdown) terminates the thread; a source error or a refused
 * source (no header, a missing column) is thrown here with its message.
 */
export async function* readPreparedBatches(source: Readable, options: RowReaderOptions): AsyncGenerator<PreparedBatch> {
  const worker = spare ?? new Worker(readerFile());
  if (worker === spare) {
    spare = null;
    worker.removeAllListeners();
    worker.ref();
  }
  const batches: PreparedBatch[] = [];
  let done = false;
  let failure: Error | null = null;
  let stopped = false;
  let unackedBytes = 0;
  /** Sizes of the chunks sent, oldest first: the thread acknowledges them in order. */
  const sentSizes: number[] = [];
  let wakeConsumer: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  const post = (message: ToReader) => worker.postMessage(message);
  post({ type: 'start', options });
  const notify = () => {
    wakeConsumer?.();
    wakeConsumer = null;
  };
  worker.on('message', (message: FromReader) => {
    if (message.type === 'ack') {
      unackedBytes -= sentSizes.shift() ?? 0;
      wakePump?.();
      wakePump = null;
      return;
    }
    if (message.type === 'batch') batches.push(message.batch);
    else if (message.type === 'done') done = true;
    else failure = new Error(message.message);
    notify();
  });
  worker.on('error', (error) => {
    failure ??= error;
    notify();
  });
  worker.on('exit', (code) => {
    if (!done) failure ??= new Error(`the row reader thread stopped (exit code ${code})`);
    notify();
  });

  const pump = (async () => {
    try {
      for await (const chunk of source) {
        if (stopped) return;
        post({ type: 'chunk', data: chunk as Uint8Array });
        unackedBytes += (chunk as Uint8Array).byteLength;
        sentSizes.push((chunk as Uint8Array).byteLength);
        while (unackedBytes >= MAX_UNACKED_BYTES && !stopped) await new Promise<void>((resolve) => (wakePump = resolve));
      }
      if (!stopped) post({ type: 'end' });
    } catch (error) {
      if (!stopped) post({ type: 'source-error', message: (error as Error).message });
    }
  })();

  try {
    for (;;) {
      const batch = batches.shift();
      if (batch) {
        post({ type: 'consumed' });
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
  } finally {
    stopped = true;
    (wakePump as (() => void) | null)?.();
    await worker.terminate();
    // The pump ends with the source, which the caller destroys; awaiting it here could wait on a stalled download.
    void pump;
  }
}
