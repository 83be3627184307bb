import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EncoderUnavailableError, type TextEmbedder } from '../encoder.port.js';
import { OpenAiEmbedder } from './openai-embedder.js';
import { SageMakerEmbedder } from './sagemaker-embedder.js';
import { TeiEmbedder } from './tei-embedder.js';
import {
  type FakeEmbeddingServer,
  fakeEmbedding,
  startFakeOpenAi,
  startFakeSageMaker,
  startFakeTei,
} from '../../../test/support/fake-embedding-servers.js';

const call = { timeoutMs: 300, maxRetries: 2, minBackoffMs: 5 };
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

const providers: [string, () => Promise<FakeEmbeddingServer>, (url: string) => TextEmbedder][] = [
  [
    'OpenAI-compatible /v1/embeddings (openai SDK)',
    startFakeOpenAi,
    (url) => new OpenAiEmbedder({ ...call, baseURL: `${url}/v1`, apiKey: 'sk-test', model: 'text-embedding-3-small' }),
  ],
  ['Hugging Face TEI /embed', startFakeTei, (url) => new TeiEmbedder({ ...call, url })],
  [
    'SageMaker InvokeEndpoint (@aws-sdk/client-sagemaker-runtime)',
    () => startFakeSageMaker(),
    (url) =>
      new SageMakerEmbedder({
        ...call,
        endpointName: 'embed-ep',
        region: 'us-east-1',
        endpointUrl: url,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      }),
  ],
];

describe.each(providers)('%s', (_name, start, create) => {
  let server: FakeEmbeddingServer;
  let embedder: TextEmbedder;
  beforeAll(async () => {
    server = await start();
    embedder = create(server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('embeds a batch in order, as unit vectors', async () => {
    const texts = ['fever and dry cough', 'chest pain radiating to the left arm', 'fever and dry cough'];
    const vectors = await embedder.embed(texts, 'document');
    expect(vectors).toHaveLength(3);
    texts.forEach((t, i) => {
      const expected = unit(fakeEmbedding(t));
      for (const [k, x] of Array.from(vectors[i]!).entries()) expect(x).toBeCloseTo(expected[k]!, 5);
    });
    expect(Array.from(vectors[0]!)).toEqual(Array.from(vectors[2]!));
    const last = server.requests.at(-1)!;
    expect(JSON.stringify(last.body)).toContain('chest pain radiating');
  });

  it('retries a 5xx with backoff and then succeeds', async () => {
    const before = server.requests.length;
    server.failNext(2, 503);
    const [v] = await embedder.embed(['abdominal pain'], 'query');
    expect(v).toHaveLength(16);
    expect(server.requests.length - before).toBe(3);
  });

  it('reports the provider unavailable after its retries when every attempt fails', async () => {
    const before = server.requests.length;
    server.setDown(true);
    try {
      await expect(embedder.embed(['abdominal pain'], 'query')).rejects.toBeInstanceOf(EncoderUnavailableError);
      expect(server.requests.length - before).toBe(3);
    } finally {
      server.setDown(false);
    }
  });

  it('gives up on a request that times out, retrying it first', async () => {
    const before = server.requests.length;
    server.stallNext(3);
    const error = await embedder.embed(['stalled'], 'query').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncoderUnavailableError);
    expect((error as Error).message).toMatch(/timed out|abort/i);
    expect(server.requests.length - before).toBe(3);
  });

  it('does not retry a 4xx', async () => {
    const before = server.requests.length;
    server.failNext(1, 400);
    await expect(embedder.embed(['bad'], 'query')).rejects.toBeInstanceOf(EncoderUnavailableError);
    expect(server.requests.length - before).toBe(1);
  });
});

describe('SageMaker containers that answer a bare array', () => {
  it('are read as well', async () => {
    const server = await startFakeSageMaker({ bareArray: true });
    try {
      const embedder: TextEmbedder = new SageMakerEmbedder({
        ...call,
        endpointName: 'ep',
        region: 'us-east-1',
        endpointUrl: server.url,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      });
      const [v] = await embedder.embed(['fever'], 'query');
      expect(v).toHaveLength(16);
      expect(server.requests[0]!.path).toBe('/endpoints/ep/invocations');
      expect(String(server.requests[0]!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=x\//);
    } finally {
      await server.close();
    }
  });
});
