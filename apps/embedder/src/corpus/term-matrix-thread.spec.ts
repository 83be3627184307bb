import { describe, expect, it } from '@jest/globals';
import { matrixOf } from '../../test/support/clinical-corpus.js';
import { TermMatrixThread } from './term-matrix-thread.js';

describe("the corpus build's term matrix thread", () => {
  it('builds on its worker thread, page by page, the same matrix as on this thread', async () => {
    const texts = [
      'No fever, cough or rash. Dyspnea',
      'Fever and cough',
      'Ménière disease, μg of TNF-α',
      '',
      'denied chest pain but nausea',
    ];
    for (const negation of [true, false]) {
      const thread = new TermMatrixThread({ negation });
      try {
        await thread.add(texts.slice(0, 2));
        await thread.add([]);
        await thread.add(texts.slice(2));
        const built = await thread.build();
        const here = matrixOf(texts, negation);
        expect(built.terms).toEqual(here.terms);
        expect(built.docCount).toBe(texts.length);
        for (const key of ['df', 'rowPtr', 'termIds', 'counts', 'docLength'] as const)
          expect(Array.from(built[key])).toEqual(Array.from(here[key]));
      } finally {
        await thread.close();
      }
    }
  });
});
