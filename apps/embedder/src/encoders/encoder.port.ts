/**
 * The Encoder port: the dense side. Either corpus-trained (LSA, lsa/) or a remote embedding model behind
 * `TextEmbedder` (http/: SageMaker endpoint, OpenAI-compatible /v1/embeddings, Hugging Face TEI /embed).
 * The lexical side (BM25 model and postings) belongs to the index (`index/bm25/`), never to encoders.
 */
export interface TextEmbedder {
  /** Shown in corpus-version records and degraded reasons, e.g. `openai:text-embedding-3-small`. */
  readonly name: string;
  /** One vector per text, in order. Throws `EncoderUnavailableError` once its retries are spent. */
  embed(texts: string[], purpose: 'query' | 'document'): Promise<Float32Array[]>;
}

/** A remote encoder that timed out or failed after its retries: searches degrade to lexical only. */
export class EncoderUnavailableError extends Error {
  constructor(
    readonly encoder: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${encoder}: ${message}`, options);
    this.name = 'EncoderUnavailableError';
  }
}

export type DenseEncoderKind = 'lsa' | 'none' | 'openai' | 'tei' | 'sagemaker';

/** Unit length in place, so a dot product is a cosine (remote models do not all normalise; LSA projections are not unit). */
export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s === 0) return v;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i]! *= inv;
  return v;
}
