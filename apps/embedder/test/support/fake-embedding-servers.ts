import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local fakes of the three embedding wire formats (OpenAI /v1/embeddings, TEI /embed, SageMaker
 * InvokeEndpoint), for contract tests through the real SDKs. Each hashes words into a small vector
 * so equal texts embed equally, and can be told to fail (5xx) or stall for the next N requests.
 */
export interface FakeEmbeddingServer {
  url: string;
  /** Requests received, with path, headers and parsed body. */
  requests: { path: string; headers: IncomingMessage['headers']; body: unknown }[];
  /** The next `count` requests answer `status` (default 500). */
  failNext(count: number, status?: number): void;
  /** The next `count` requests never answer (until the client gives up). */
  stallNext(count: number): void;
  /** Every request fails from now on (true) or not (false). */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export const FAKE_DIMENSION = 16;

/** Deterministic bag-of-words vector: each lowercase word adds 1 to a hashed slot. */
export function fakeEmbedding(text: string): number[] {
  const v: number[] = Array.from({ length: FAKE_DIMENSION }, () => 0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    v[(h >>> 0) % FAKE_DIMENSION]! += 1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

type Handler = (path: string, body: unknown, req: IncomingMessage, res: ServerResponse) => void;

async function startFake(handler: Handler): Promise<FakeEmbeddingServer> {
  const requests: FakeEmbeddingServer['requests'] = [];
  let failing = 0;
  let failStatus = 500;
  let stalling = 0;
  let down = false;
  const stalled: ServerResponse[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // not JSON: kept as text
    }
    requests.push({ path: req.url ?? '', headers: req.headers, body });
    if (stalling > 0) {
      stalling--;
      stalled.push(res);
      return;
    }
    if (down || failing > 0) {
      if (!down) failing--;
      res
        .writeHead(failStatus, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalFailure' })
        .end(JSON.stringify({ error: { message: 'boom', type: 'server_error' }, message: 'boom' }));
      return;
    }
    handler(req.url ?? '', body, req, res);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    failNext: (count, status = 500) => {
      failing = count;
      failStatus = status;
    },
    stallNext: (count) => {
      stalling = count;
    },
    setDown: (value) => {
      down = value;
      failStatus = 500;
    },
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** OpenAI-compatible: POST /v1/embeddings {model, input, encoding_format} → {object:'list', data:[{index, embedding}]}. */
export function startFakeOpenAi(): Promise<FakeEmbeddingServer> {
  return startFake((path, body, _req, res) => {
    if (path !== '/v1/embeddings') return json(res, 404, { error: { message: `no route ${path}` } });
    const { input, model, encoding_format } = body as { input: string[] | string; model: string; encoding_format?: string };
    const inputs = Array.isArray(input) ? input : [input];
    // Answer in reverse order: clients must place vectors by `index`, not by position.
    const data = inputs
      .map((text, index) => {
        const v = fakeEmbedding(text);
        return {
          object: 'embedding',
          index,
          embedding: encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v,
        };
      })
      .reverse();
    json(res, 200, { object: 'list', data, model, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
  });
}

/** Hugging Face TEI: POST /embed {inputs, normalize, truncate} → number[][]. */
export function startFakeTei(): Promise<FakeEmbeddingServer> {
  return startFake((path, body, _req, res) => {
    if (path !== '/embed') return json(res, 404, { error: `no route ${path}` });
    const { inputs } = body as { inputs: string[] | string };
    json(res, 200, (Array.isArray(inputs) ? inputs : [inputs]).map(fakeEmbedding));
  });
}

/** SageMaker runtime: POST /endpoints/{name}/invocations with the container's JSON → {embeddings} (or a bare array). */
export function startFakeSageMaker(options: { bareArray?: boolean } = {}): Promise<FakeEmbeddingServer> {
  return startFake((path, body, _req, res) => {
    const m = /^\/endpoints\/([^/]+)\/invocations$/.exec(path);
    if (!m) return json(res, 404, { message: `no route ${path}` });
    const { inputs } = body as { inputs: string[] };
    const vectors = inputs.map(fakeEmbedding);
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-Amzn-Invoked-Production-Variant': 'AllTraffic' })
      .end(JSON.stringify(options.bareArray ? vectors : { embeddings: vectors }));
  });
}
