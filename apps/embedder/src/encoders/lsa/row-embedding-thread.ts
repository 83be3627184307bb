import { WorkerChannel, type WorkerError } from '../../common/worker-channel.js';
import { workerFile } from '../../common/worker-file.js';
import type { RowEmbeddingInputs } from './lsa-model.js';

export interface EmbedRowsRequest {
  from: number;
  to: number;
}
export type EmbedRowsReply = { vectors: Float32Array } | WorkerError;

/**
 * Embeds a corpus build's matrix rows on a worker thread, so that on two cores the LSA projection
 * (the build's heaviest loop) runs while the main thread reads the next cases from the database and
 * writes the index. The matrix lives in shared memory (GrowableInts), so the thread reads it in place;
 * the projection (terms × dimension floats) is copied once.
 */
export class RowEmbeddingThread {
  private readonly channel: WorkerChannel<EmbedRowsRequest, { vectors: Float32Array }>;

  constructor(inputs: RowEmbeddingInputs) {
    const { matrix, projection, idf, dimension, termColumn } = inputs;
    this.channel = new WorkerChannel(workerFile(import.meta.url, './row-embedding.worker.js'), 'LSA embedding thread', {
      workerData: {
        matrix: { rowPtr: matrix.rowPtr, termIds: matrix.termIds, counts: matrix.counts },
        projection,
        idf: Float64Array.from(idf),
        dimension,
        termColumn,
      } satisfies RowEmbeddingInputs,
    });
  }

  /** Unit vectors of rows [from, to), row after row (`dimension` floats each). */
  async embed(from: number, to: number): Promise<Float32Array> {
    return (await this.channel.request({ from, to })).vectors;
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
