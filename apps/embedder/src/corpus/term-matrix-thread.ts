import { WorkerChannel, type WorkerError } from '../common/worker-channel.js';
import { workerFile } from '../common/worker-file.js';
import type { TermMatrix } from '../text/term-matrix.js';
import type { TokenizerOptions } from '../text/tokenizer.js';

export type TermMatrixRequest = { docs: string[] } | { build: true };
export type TermMatrixReply = { added: number } | { matrix: TermMatrix } | WorkerError;

/**
 * Builds a term matrix (TermMatrixBuilder) on a worker thread from documents posted page by page, so on
 * two cores a corpus build tokenizes one page while its main thread reads the next from the database.
 * At most two pages wait in the thread, which bounds the memory of a large corpus; the matrix comes back
 * in shared memory (GrowableInts), not copied.
 */
export class TermMatrixThread {
  private readonly channel: WorkerChannel<TermMatrixRequest, Exclude<TermMatrixReply, WorkerError>>;
  private readonly pages: Promise<unknown>[] = [];

  constructor(tokenizer: TokenizerOptions = {}) {
    this.channel = new WorkerChannel(workerFile(import.meta.url, './term-matrix.worker.js'), 'term matrix thread', {
      workerData: { tokenizer },
    });
  }

  /** Adds documents as the matrix's next rows; returns once the page before this one is tokenized. */
  async add(docs: string[]): Promise<void> {
    const page = this.channel.request({ docs });
    page.catch(() => undefined); // awaited below or by the next add or build; a failure is reported there
    this.pages.push(page);
    if (this.pages.length > 1) await this.pages.shift();
  }

  /** The matrix of every document added, in order. */
  async build(): Promise<TermMatrix> {
    while (this.pages.length > 0) await this.pages.shift();
    const reply = await this.channel.request({ build: true });
    if (!('matrix' in reply)) throw new Error('term matrix thread: no matrix in its reply');
    return reply.matrix;
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
