// The LSA fit thread: fits LSA on a corpus build's count matrix (shared memory, not copied) and posts the model back
// in its persisted form; what the fit allocated goes with the thread (lsa-fit-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { LsaFitInputs, LsaFitReply } from './lsa-fit-thread.js';
import { LsaModel } from './lsa-model.js';

const port = parentPort!;
const { matrix, params } = workerData as LsaFitInputs;
port.once('message', () => {
  LsaModel.fit(matrix, params).then(
    (model) => {
      const bytes = model.serialize();
      port.postMessage({ model: bytes } satisfies LsaFitReply, [bytes.buffer as ArrayBuffer]);
    },
    (error: Error) => port.postMessage({ error: error.message } satisfies LsaFitReply),
  );
});
