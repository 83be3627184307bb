import { workerFile } from '../../common/worker-file.js';
import { WorkerChannel, type WorkerError } from '../../common/worker-channel.js';
import type { KernelTask } from './svd-kernels.js';

export interface KernelRequest {
  task: KernelTask;
  from: number;
  to: number;
}
export type KernelReply = { g: Float64Array | null } | WorkerError;

/**
 * A helper thread for the LSA fit: on two cores it runs half the rows of each product while the fit's own
 * thread runs the other half (the fit is otherwise the longest single-threaded stage of a corpus build).
 */
export class SvdKernelThread {
  private readonly channel = new WorkerChannel<KernelRequest, { g: Float64Array | null }>(
    workerFile(import.meta.url, './svd-kernel.worker.js'),
    'SVD helper thread',
  );

  /** Runs the kernel on rows [from, to); outputs must be in shared memory to be seen here. */
  async run(task: KernelTask, from: number, to: number): Promise<Float64Array | null> {
    return (await this.channel.request({ task, from, to })).g;
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
