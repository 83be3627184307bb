import { Worker, type WorkerOptions } from 'node:worker_threads';

/** What a worker thread posts back for a request it could not answer. */
export interface WorkerError {
  error: string;
}

/**
 * Requests to one worker thread whose handler answers each message, in order, before the next: every request's
 * promise settles with its own reply, a reply `{ error }` rejects it, and a thread that fails or exits rejects
 * every request still waiting and every later one.
 */
export class WorkerChannel<Request, Reply> {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(
    file: URL,
    private readonly name: string,
    options?: WorkerOptions,
  ) {
    this.worker = new Worker(file, options);
    this.worker.on('message', (reply: Reply | WorkerError) => {
      const waiting = this.waiting.shift();
      if (typeof reply === 'object' && reply !== null && 'error' in reply) waiting?.reject(new Error(`${this.name}: ${reply.error}`));
      else waiting?.resolve(reply as Reply);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.waiting) waiting.reject(this.failure);
      this.waiting.length = 0;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the ${this.name} stopped (exit code ${code})`)));
  }

  request(message: Request): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
