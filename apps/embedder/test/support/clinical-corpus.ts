import { Bm25Index, matrixRows } from '../../src/index/bm25/bm25-index.js';
import { Bm25Model } from '../../src/index/bm25/bm25-model.js';
import { TermMatrixBuilder } from '../../src/text/term-matrix.js';

/** Six short case texts with overlapping findings, for the encoder and BM25 specs. */
export const CLINICAL_CORPUS = [
  'A 60-year-old man with fever, dry cough and dyspnea from COVID-19 ARDS.',
  'A 57-year-old man admitted to the ICU with COVID-19 pneumonia and ARDS; prone positioning helped.',
  'A 45-year-old woman with chest pain radiating to the left arm; troponin was elevated.',
  'A 50-year-old woman presented with chest pain and an elevated troponin; no fever.',
  'A 30-year-old woman with a migraine and photophobia, denied fever or neck stiffness.',
  'A 8-year-old boy with abdominal pain, vomiting and fever; appendicitis was found.',
];

/** The document-term matrix of `texts`, as the corpus indexer builds it. */
export function matrixOf(texts: string[], negation = true) {
  const b = new TermMatrixBuilder({ negation });
  for (const t of texts) b.addDocument(t);
  return b.build();
}

/** BM25 fitted on `texts` (k1 1.2, b 0.75, negation marks) and its postings index, with the matrix both came from. */
export function fittedBm25(texts: string[]) {
  const matrix = matrixOf(texts);
  const model = Bm25Model.fit(matrix, { k1: 1.2, b: 0.75, negation: true });
  return { matrix, model, index: Bm25Index.build(model, matrixRows(matrix)) };
}
