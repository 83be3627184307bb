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

  it('tokenizes pages here while the thread has two to go on with, and the matrix is the same', async () => {
    const texts = Array.from(
      { length: 60 },
      (_, i) => `case ${i}: fever ${i % 7 ? 'and cough' : 'no cough'}, term${i % 11} μg ${'rash '.repeat(i % 3)}`,
    );
    const pages = Array.from({ length: 6 }, (_, p) => texts.slice(p * 10, p * 10 + 10));
    const thread = new TermMatrixThread({ negation: true });
    try {
      // Posted without waiting: the first two go as text, the next ones are tokenized on this thread.
      await Promise.all(pages.map((page) => thread.add(page)));
      const built = await thread.build();
      const here = matrixOf(texts, true);
      expect(built.terms).toEqual(here.terms);
      for (const key of ['df', 'rowPtr', 'termIds', 'counts', 'docLength'] as const)
        expect(Array.from(built[key])).toEqual(Array.from(here[key]));
    } finally {
      await thread.close();
    }
  });
});
