// The term matrix thread: tokenizes the documents a corpus build posts, page by page, while the build's main
// thread reads the next page from the database (term-matrix-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { TermMatrixBuilder } from '../text/term-matrix.js';
import type { TermMatrixReply, TermMatrixRequest } from './term-matrix-thread.js';
import type { TokenizerOptions } from '../text/tokenizer.js';

const port = parentPort!;
const builder = new TermMatrixBuilder((workerData as { tokenizer: TokenizerOptions }).tokenizer);
port.on('message', (request: TermMatrixRequest) => {
  try {
    if ('docs' in request) {
      for (const doc of request.docs) builder.addDocument(doc);
      port.postMessage({ added: request.docs.length } satisfies TermMatrixReply);
    } else if ('encoded' in request) {
      builder.addEncoded(request.encoded);
      port.postMessage({ added: request.encoded.docLength.length } satisfies TermMatrixReply);
    } else {
      port.postMessage({ matrix: builder.build() } satisfies TermMatrixReply);
    }
  } catch (error) {
    port.postMessage({ error: (error as Error).message } satisfies TermMatrixReply);
  }
});
