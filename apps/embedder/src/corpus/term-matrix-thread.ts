import { WorkerChannel, type WorkerError } from '../common/worker-channel.js';
import { workerFile } from '../common/worker-file.js';
import { DocumentEncoder, type EncodedDocuments, type TermMatrix } from '../text/term-matrix.js';
import type { TokenizerOptions } from '../text/tokenizer.js';

export type TermMatrixRequest = { docs: string[] } | { encoded: EncodedDocuments } | { build: true };
export type TermMatrixReply = { added: number } | { matrix: TermMatrix } | WorkerError;

/**
 * Builds a term matrix (TermMatrixBuilder) on a worker thread from documents posted page by page, so on
 * two cores a corpus build tokenizes one page while its main thread reads the next from the database.
 * Tokenizing takes longer than reading, so a page that arrives while the thread still has two pages of text
 * to tokenize is tokenized on the caller's thread instead (DocumentEncoder) and posted as term ids, which the
 * worker only maps: the caller works instead of waiting, and the matrix is the same. At most four pages wait in
 * the thread, which bounds the memory of a large corpus; the matrix comes back in shared memory (GrowableInts),
 * not copied.
 */
export class TermMatrixThread {
  private readonly channel: WorkerChannel<TermMatrixRequest, Exclude<TermMatrixReply, WorkerError>>;
  private readonly pages: Promise<unknown>[] = [];
  /** Pages posted as text that the thread has not finished. */
  private textPages = 0;
  private readonly encoder: DocumentEncoder;

  constructor(tokenizer: TokenizerOptions = {}) {
    this.encoder = new DocumentEncoder(tokenizer);
    this.channel = new WorkerChannel(workerFile(import.meta.url, './term-matrix.worker.js'), 'term matrix thread', {
      workerData: { tokenizer },
    });
  }

  /** Adds documents as the matrix's next rows; returns once at most four pages wait in the thread. */
  async add(docs: string[]): Promise<void> {
    const asText = this.textPages < 2;
    const page = this.channel.request(asText ? { docs } : { encoded: this.encoder.encode(docs) });
    page.catch(() => undefined); // awaited below or by the next add or build; a failure is reported there
    if (asText) {
      this.textPages++;
      page.finally(() => this.textPages--).catch(() => undefined);
    }
    this.pages.push(page);
    while (this.pages.length > 4) await this.pages.shift();
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
