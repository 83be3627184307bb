import { createServer, type IncomingMessage, type Server } from 'node:http';
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
      res.end(JSON.stringify({ results: [{ caseId: 'c1', pmid: '1', title: 't', age: 30, sex: 'F', snippet: 's', score: 1, scores: { fused: 1 }, rank: 1 }], tookMs: 2 }));
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
