import { Worker } from 'node:worker_threads';
import { workerFile } from '../common/worker-file.js';
import type { TermMatrix } from './term-matrix.js';
import type { TokenizerOptions } from './tokenizer.js';

export type TermMatrixRequest = { docs: string[] } | { build: true };
export type TermMatrixReply = { added: number } | { matrix: TermMatrix } | { error: string };

/**
 * Builds a term matrix (TermMatrixBuilder) on a worker thread from documents posted page by page, so on
 * two cores a corpus build tokenizes one page while its main thread reads the next from the database.
 * At most two pages wait in the thread, which bounds the memory of a large corpus; the matrix comes back
 * in shared memory (GrowableInts), not copied.
 */
export class TermMatrixThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (reply: TermMatrixReply) => void; reject: (error: Error) => void }[] = [];
  private readonly pages: Promise<unknown>[] = [];
  private failure: Error | null = null;

  constructor(tokenizer: TokenizerOptions = {}) {
    this.worker = new Worker(workerFile(import.meta.url, './term-matrix.worker.js'), { workerData: { tokenizer } });
    this.worker.on('message', (reply: TermMatrixReply) => {
      const waiting = this.waiting.shift();
      if ('error' in reply) waiting?.reject(new Error(`term matrix thread: ${reply.error}`));
      else waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.waiting) waiting.reject(this.failure);
      this.waiting.length = 0;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the term matrix thread stopped (exit code ${code})`)));
  }

  private request(message: TermMatrixRequest): Promise<TermMatrixReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }

  /** Adds documents as the matrix's next rows; returns once the page before this one is tokenized. */
  async add(docs: string[]): Promise<void> {
    const page = this.request({ docs });
    page.catch(() => undefined); // awaited below or by the next add or build; a failure is reported there
    this.pages.push(page);
    if (this.pages.length > 1) await this.pages.shift();
  }

  /** The matrix of every document added, in order. */
  async build(): Promise<TermMatrix> {
    while (this.pages.length > 0) await this.pages.shift();
    const reply = await this.request({ build: true });
    if (!('matrix' in reply)) throw new Error('term matrix thread: no matrix in its reply');
    return reply.matrix;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
