import { Worker } from 'node:worker_threads';
import { workerFile } from '../../common/worker-file.js';
import type { RowEmbeddingInputs } from './lsa-model.js';

export interface EmbedRowsRequest {
  id: number;
  from: number;
  to: number;
}
export type EmbedRowsReply = { id: number; vectors: Float32Array } | { id: number; error: string };

/**
 * Embeds a corpus build's matrix rows on a worker thread, so that on two cores the LSA projection
 * (the build's heaviest loop) runs while the main thread reads the next cases from the database and
 * writes the index. The matrix lives in shared memory (GrowableInts), so the thread reads it in place;
 * the projection (terms × dimension floats) is copied once.
 */
export class RowEmbeddingThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: Float32Array) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(inputs: RowEmbeddingInputs) {
    const { matrix, projection, idf, dimension, termColumn } = inputs;
    this.worker = new Worker(workerFile(import.meta.url, './row-embedding.worker.js'), {
      workerData: {
        matrix: { rowPtr: matrix.rowPtr, termIds: matrix.termIds, counts: matrix.counts },
        projection,
        idf: Float64Array.from(idf),
        dimension,
        termColumn,
      } satisfies RowEmbeddingInputs,
    });
    this.worker.on('message', (reply: EmbedRowsReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(`LSA embedding thread: ${reply.error}`));
      else waiting?.resolve(reply.vectors);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the LSA embedding thread stopped (exit code ${code})`)));
  }

  /** Unit vectors of rows [from, to), row after row (`dimension` floats each). */
  embed(from: number, to: number): Promise<Float32Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, from, to } satisfies EmbedRowsRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
