import { Worker } from 'node:worker_threads';
import { workerFile } from '../../common/worker-file.js';
import type { KernelTask } from './svd-kernels.js';

export interface KernelRequest {
  task: KernelTask;
  from: number;
  to: number;
}
export type KernelReply = { g: Float64Array | null } | { error: string };

/**
 * A helper thread for the LSA fit: on two cores it runs half the rows of each product while the fit's own
 * thread runs the other half (the fit is otherwise the longest single-threaded stage of a corpus build).
 */
export class SvdKernelThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (g: Float64Array | null) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor() {
    this.worker = new Worker(workerFile(import.meta.url, './svd-kernel.worker.js'));
    this.worker.on('message', (reply: KernelReply) => {
      const waiting = this.waiting.shift();
      if ('error' in reply) waiting?.reject(new Error(`SVD helper thread: ${reply.error}`));
      else waiting?.resolve(reply.g);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.waiting) waiting.reject(this.failure);
      this.waiting.length = 0;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the SVD helper thread stopped (exit code ${code})`)));
  }

  /** Runs the kernel on rows [from, to); outputs must be in shared memory to be seen here. */
  run(task: KernelTask, from: number, to: number): Promise<Float64Array | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ task, from, to } satisfies KernelRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
