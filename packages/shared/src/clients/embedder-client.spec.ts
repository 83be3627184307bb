import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedderClient, EmbedderClientError } from './embedder-client.js';

let server: Server;
let baseUrl: string;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/search') {
      res.end(
        JSON.stringify({
          results: [{ caseId: 'c1', pmid: '1', title: 't', age: 30, sex: 'F', snippet: 's', score: 1, scores: { fused: 1 }, rank: 1 }],
          tookMs: 2,
        }),
      );
    } else if (req.url === '/v1/cases/bad') {
      res.end(JSON.stringify({ nope: true }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'CASE_NOT_FOUND', message: 'no such case' } }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('EmbedderClient', () => {
  it('sends the service token and request id, and parses the search contract', async () => {
    const client = new EmbedderClient({ baseUrl, serviceToken: 'tok', requestId: () => 'req-1' });
    const out = await client.search({ query: 'fever' });
    expect(out.results[0].caseId).toBe('c1');
    const req = seen.at(-1)!;
    expect(req.headers.authorization).toBe('Bearer tok');
    expect(req.headers['x-request-id']).toBe('req-1');
  });

  it('turns an error body into a typed error with its code', async () => {
    const client = new EmbedderClient({ baseUrl, serviceToken: 'tok' });
    const err = await client.getCase('missing').catch((e) => e);
    expect(err).toBeInstanceOf(EmbedderClientError);
    expect(err.code).toBe('CASE_NOT_FOUND');
    expect(err.status).toBe(404);
  });

  it('rejects a response that breaks the contract', async () => {
    const client = new EmbedderClient({ baseUrl, serviceToken: 'tok' });
    await expect(client.getCase('bad')).rejects.toMatchObject({ code: 'EMBEDDER_BAD_RESPONSE' });
  });

  it('reports an unreachable embedder as unavailable', async () => {
    const client = new EmbedderClient({ baseUrl: 'http://127.0.0.1:1', serviceToken: 'tok', timeoutMs: 500 });
    await expect(client.search({ query: 'x' })).rejects.toMatchObject({ code: 'EMBEDDER_UNAVAILABLE' });
    expect(await client.isReady()).toBe(false);
  });
});

describe('EmbedderClient.upload and send (the relay path)', () => {
  const LIMIT = 64 * 1024;
  let uploads: Server;
  let uploadsUrl: string;
  /** What the embedder side saw of each upload: headers, bytes, and whether the request ended early. */
  type Seen = { headers: IncomingMessage['headers']; bytes: number; aborted: boolean; done: Promise<void> };
  const got: Seen[] = [];
  const latest = () => got[got.length - 1] as Seen;

  beforeAll(async () => {
    uploads = createServer((req, res) => {
      const entry: Seen = { headers: req.headers, bytes: 0, aborted: false, done: Promise.resolve() };
      entry.done = new Promise<void>((resolve) => {
        req.on('data', (c: Buffer) => {
          entry.bytes += c.length;
        });
        // After an answer the request itself may never emit 'close'; its socket does when the client drops it.
        const closed = () => {
          entry.aborted = !req.complete;
          resolve();
        };
        req.on('close', closed);
        req.socket.on('close', closed);
      });
      got.push(entry);
      // As the embedder does past MAX_UPLOAD_BYTES: answer at once, before reading the body.
      if (Number(req.headers['content-length']) > LIMIT) {
        res.writeHead(413, { 'content-type': 'application/json' }).end('{"error":{"code":"PAYLOAD_TOO_LARGE","message":"too large"}}');
        return;
      }
      if (req.url === '/v1/missing')
        return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"JOB_NOT_FOUND","message":"no job"}}');
      req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ received: entry.bytes })));
    });
    await new Promise<void>((r) => uploads.listen(0, '127.0.0.1', r));
    uploadsUrl = `http://127.0.0.1:${(uploads.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => uploads.close(() => r())));

  const text = async (stream: NodeJS.ReadableStream) => {
    let out = '';
    for await (const chunk of stream) out += chunk.toString();
    return out;
  };
  /** A body that sends `chunks` pieces of 16 KiB, slowly enough for an answer to arrive in between. */
  const slowBody = (chunks: number) =>
    Readable.from(
      (async function* () {
        for (let i = 0; i < chunks; i++) {
          yield Buffer.alloc(16 * 1024, 'x');
          await new Promise((r) => setTimeout(r, 5));
        }
      })(),
    );

  it('streams the body with the service token, request id, type and length, and hands back the answer', async () => {
    const client = new EmbedderClient({ baseUrl: uploadsUrl, serviceToken: 'tok', requestId: () => 'req-up' });
    const answer = await client.upload('/v1/ingestions', {
      body: slowBody(3),
      contentType: 'multipart/form-data; boundary=b',
      contentLength: 3 * 16 * 1024,
    });
    expect(answer.status).toBe(202);
    expect(answer.header('content-type')).toBe('application/json');
    expect(JSON.parse(await text(answer.body))).toEqual({ received: 3 * 16 * 1024 });
    const seenUpload = latest();
    expect(seenUpload.headers).toMatchObject({
      authorization: 'Bearer tok',
      'x-request-id': 'req-up',
      'content-type': 'multipart/form-data; boundary=b',
      'content-length': String(3 * 16 * 1024),
    });
  });

  it('sends a body of unknown length chunked', async () => {
    const client = new EmbedderClient({ baseUrl: uploadsUrl, serviceToken: 'tok' });
    const answer = await client.upload('/v1/ingestions', { body: slowBody(2), contentType: 'text/csv' });
    expect(JSON.parse(await text(answer.body))).toEqual({ received: 2 * 16 * 1024 });
    expect(latest().headers['transfer-encoding']).toBe('chunked');
  });

  it("returns the embedder's early answer (413 before it read the body) and stops sending the rest", async () => {
    const client = new EmbedderClient({ baseUrl: uploadsUrl, serviceToken: 'tok' });
    const total = 200 * 16 * 1024;
    const answer = await client.upload('/v1/ingestions', { body: slowBody(200), contentType: 'text/csv', contentLength: total });
    expect(answer.status).toBe(413);
    expect(JSON.parse(await text(answer.body)).error.code).toBe('PAYLOAD_TOO_LARGE');
    await latest().done;
    expect(latest().aborted).toBe(true);
    expect(latest().bytes).toBeLessThan(total);
  });

  it('refuses an upload over maxBytes: at once when the length says so, or when the stream passes it', async () => {
    const client = new EmbedderClient({ baseUrl: uploadsUrl, serviceToken: 'tok' });
    const before = got.length;
    await expect(
      client.upload('/v1/ingestions', { body: slowBody(1), contentType: 'text/csv', contentLength: 2048, maxBytes: 1024 }),
    ).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(got.length).toBe(before);
    await expect(
      client.upload('/v1/ingestions', { body: slowBody(50), contentType: 'text/csv', maxBytes: 40 * 1024 }),
    ).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    await latest().done;
    expect(latest().aborted).toBe(true);
    expect(latest().bytes).toBeLessThanOrEqual(50 * 1024);
  });

  it('aborts the request to the embedder when the signal fires mid-upload', async () => {
    const client = new EmbedderClient({ baseUrl: uploadsUrl, serviceToken: 'tok' });
    const abort = new AbortController();
    const pending = client.upload('/v1/ingestions', { body: slowBody(200), contentType: 'text/csv', signal: abort.signal });
    while (!(latest()?.bytes && latest()?.headers['content-type'] === 'text/csv' && !latest()?.aborted))
      await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: 'UPLOAD_ABORTED' });
    await latest().done;
    expect(latest().aborted).toBe(true);
    expect(latest().bytes).toBeLessThan(200 * 16 * 1024);
  });

  it('send hands back any status and body unparsed, and reports an unreachable embedder as unavailable', async () => {
    const client = new EmbedderClient({ baseUrl: uploadsUrl, serviceToken: 'tok', requestId: () => 'req-send' });
    const answer = await client.send('GET', '/v1/missing');
    expect(answer.status).toBe(404);
    expect(JSON.parse(await text(answer.body))).toEqual({ error: { code: 'JOB_NOT_FOUND', message: 'no job' } });
    expect(latest().headers).toMatchObject({ authorization: 'Bearer tok', 'x-request-id': 'req-send' });
    const down = new EmbedderClient({ baseUrl: 'http://127.0.0.1:1', serviceToken: 'tok' });
    await expect(down.send('POST', '/v1/ingestions', { json: {} })).rejects.toMatchObject({ code: 'EMBEDDER_UNAVAILABLE' });
    await expect(down.upload('/v1/ingestions', { body: slowBody(1), contentType: 'text/csv' })).rejects.toMatchObject({
      code: 'EMBEDDER_UNAVAILABLE',
    });
  });
});
