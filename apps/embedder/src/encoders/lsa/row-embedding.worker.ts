// The LSA row-embedding thread: embeds ranges of a corpus build's matrix rows (shared memory, not
// copied) while the build's main thread reads the next cases and writes the index (row-embedding-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { embedMatrixRows, type RowEmbeddingInputs } from './lsa-model.js';
import type { EmbedRowsReply, EmbedRowsRequest } from './row-embedding-thread.js';

const port = parentPort!;
const inputs = workerData as RowEmbeddingInputs;
port.on('message', ({ from, to }: EmbedRowsRequest) => {
  try {
    const vectors = embedMatrixRows(inputs, from, to);
    port.postMessage({ vectors } satisfies EmbedRowsReply, [vectors.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ error: (error as Error).message } satisfies EmbedRowsReply);
  }
});
