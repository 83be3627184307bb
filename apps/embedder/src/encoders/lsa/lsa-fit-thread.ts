import { workerFile } from '../../common/worker-file.js';
import { WorkerChannel, type WorkerError } from '../../common/worker-channel.js';
import type { TermMatrix } from '../../text/term-matrix.js';
import { LsaModel, type LsaParams } from './lsa-model.js';

export interface LsaFitInputs {
  matrix: TermMatrix;
  params: Partial<LsaParams>;
}
export type LsaFitReply = { model: Uint8Array } | WorkerError;

/**
 * Fits LSA (`LsaModel.fit`) on a worker thread that ends with the fit. The fit's work arrays live in shared memory,
 * which the heap's collector frees only when it next runs, so in the build's own thread they stayed resident into
 * the next stage and set the build's peak; a thread's memory goes when it ends. The count matrix is shared, not
 * copied, and the model comes back in its persisted form.
 */
export async function fitLsaOnThread(matrix: TermMatrix, params: Partial<LsaParams> = {}): Promise<LsaModel> {
  const channel = new WorkerChannel<Record<string, never>, { model: Uint8Array }>(
    workerFile(import.meta.url, './lsa-fit.worker.js'),
    'LSA fit thread',
    { workerData: { matrix, params } satisfies LsaFitInputs },
  );
  try {
    const { model } = await channel.request({});
    return LsaModel.deserialize(Buffer.from(model.buffer, model.byteOffset, model.byteLength));
  } finally {
    await channel.close();
  }
}
