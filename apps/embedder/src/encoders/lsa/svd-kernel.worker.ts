// The randomized SVD's helper thread: runs one kernel on the rows it is given while the fit's thread runs the
// others (svd-kernel-thread.ts); the large arrays are shared, not copied.
import { parentPort } from 'node:worker_threads';
import { type KernelTask, runKernel } from './svd-kernels.js';
import type { KernelReply, KernelRequest } from './svd-kernel-thread.js';

const port = parentPort!;
port.on('message', ({ task, from, to }: KernelRequest) => {
  try {
    const g = runKernel(task as KernelTask, from, to);
    port.postMessage({ g } satisfies KernelReply, g ? [g.buffer as ArrayBuffer] : []);
  } catch (error) {
    port.postMessage({ error: (error as Error).message } satisfies KernelReply);
  }
});
