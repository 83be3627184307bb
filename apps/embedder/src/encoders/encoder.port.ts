/**
 * The Encoder port. Lexical vectors always come from the corpus-trained BM25 model (bm25/); the dense
 * side is either corpus-trained (LSA, lsa/) or a remote embedding model behind `TextEmbedder`
 * (http/: SageMaker endpoint, OpenAI-compatible /v1/embeddings, Hugging Face TEI /embed).
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

/** Unit length, so a dot product is a cosine (remote models do not all normalise). */
export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s === 0) return v;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i]! *= inv;
  return v;
}
