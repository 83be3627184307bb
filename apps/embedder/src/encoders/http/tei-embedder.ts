import { z } from 'zod';
import { l2normalize, type TextEmbedder } from '../encoder.port.js';
import { callWithRetry, type RemoteCallOptions, RemoteStatusError } from './remote-call.js';

const teiResponseSchema = z.array(z.array(z.number()));

/** Hugging Face Text Embeddings Inference: `POST /embed {inputs, normalize, truncate}` → number[][]. */
export class TeiEmbedder implements TextEmbedder {
  readonly name: string;
  constructor(private readonly options: { url: string } & RemoteCallOptions) {
    this.name = `tei:${new URL(options.url).host}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors = await callWithRetry(this.name, this.options, async (signal) => {
      const res = await fetch(new URL('/embed', this.options.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ inputs: texts, normalize: true, truncate: true }),
        signal,
      });
      const body = await res.text();
      if (!res.ok) throw new RemoteStatusError(res.status, `TEI answered ${res.status}: ${body.slice(0, 200)}`);
      return teiResponseSchema.parse(JSON.parse(body));
    });
    if (vectors.length !== texts.length) throw new Error(`${this.name} returned ${vectors.length} embeddings for ${texts.length} inputs`);
    return vectors.map((v) => l2normalize(Float32Array.from(v)));
  }
}
