import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { type SearchResponse, searchResponseSchema } from '@patientinsight/shared';
import { type FakeEmbeddingServer, startFakeTei } from './support/fake-embedding-servers.js';
import { namespaceOf } from '../src/index/pinecone/pinecone-store.js';
import { type FakePinecone, startFakePinecone } from './support/fake-pinecone-server.js';
import { type RetrievalApp, sampleCases, stageCases, startRetrievalApp } from './retrieval-helpers.js';

jest.setTimeout(180_000);
const QUERY = 'A 57-year-old man admitted to the ICU with COVID-19, oxygen desaturation, tachypnea and dyspnea.';

describe.each(testDrivers())('search with a remote dense encoder (TEI) on %s', (driver) => {
  let tei: FakeEmbeddingServer;
  let embedder: RetrievalApp;
  beforeAll(async () => {
    tei = await startFakeTei();
    embedder = await startRetrievalApp(driver, {
      DENSE_ENCODER: 'tei',
      TEI_URL: tei.url,
      ENCODER_TIMEOUT_MS: '300',
      ENCODER_MAX_RETRIES: '2',
    });
    await stageCases(embedder.database, sampleCases().slice(0, 80), 'job-tei');
    await embedder.indexer.buildAndActivate({ promoteJobIds: ['job-tei'] });
  });
  afterAll(async () => {
    await embedder?.close();
    await tei?.close();
  });

  it('embeds the corpus and the query through the provider', async () => {
    expect(tei.requests.filter((r) => r.path === '/embed').length).toBeGreaterThanOrEqual(2);
    const res = await embedder.call<SearchResponse>('POST', '/v1/search', { query: QUERY, topK: 5 });
    expect(res.status).toBe(200);
    const body = searchResponseSchema.parse(res.body);
    expect(body.degraded).toBeUndefined();
    expect(body.results.every((r) => typeof r.scores.dense === 'number')).toBe(true);
  });

  it('falls back to lexical scores and says so when the provider keeps failing, never a 500', async () => {
    tei.setDown(true);
    try {
      const before = tei.requests.length;
      const res = await embedder.call<SearchResponse>('POST', '/v1/search', { query: QUERY, topK: 5 });
      expect(res.status).toBe(200);
      const body = searchResponseSchema.parse(res.body);
      expect(tei.requests.length - before).toBe(3); // one try and two retries with backoff
      expect(body.degraded).toBe(true);
      expect(body.degradedReason).toMatch(/dense unavailable .*tei.*lexical scores only/);
      expect(body.results).toHaveLength(5);
      expect(body.results[0]!.caseId).toMatch(/^7665777-/);
      for (const r of body.results) {
        expect(r.scores.lexical).toBeGreaterThan(0);
        expect(r.scores.dense).toBeUndefined();
      }
      const metrics = await (await fetch(embedder.metricsUrl)).text();
      expect(metrics).toMatch(/retrieval_degraded_total\{component="dense"[^}]*\} [1-9]/);
    } finally {
      tei.setDown(false);
    }
  });
});

describe.each(testDrivers())('search on Pinecone (fake data plane, real SDK) on %s', (driver) => {
  let pinecone: FakePinecone;
  let embedder: RetrievalApp;
  let versionId: string;
  beforeAll(async () => {
    pinecone = await startFakePinecone();
    embedder = await startRetrievalApp(driver, {
      VECTOR_STORE: 'pinecone',
      PINECONE_API_KEY: pinecone.apiKey,
      PINECONE_INDEX_HOST: pinecone.url,
    });
    await stageCases(embedder.database, sampleCases().slice(0, 120), 'job-pc');
    versionId = (await embedder.indexer.buildAndActivate({ promoteJobIds: ['job-pc'] })).versionId;
  });
  afterAll(async () => {
    await embedder?.close();
    await pinecone?.close();
  });

  it('indexes a version into its own namespace and answers hybrid searches with both component scores', async () => {
    expect(pinecone.namespaces.get(namespaceOf(versionId))?.size).toBe(120);
    const res = await embedder.call<SearchResponse>('POST', '/v1/search', { query: QUERY, topK: 5 });
    const body = searchResponseSchema.parse(res.body);
    expect(body.corpusVersion).toBe(versionId);
    expect(body.results[0]!.caseId).toMatch(/^7665777-/);
    expect(body.results.every((r) => typeof r.scores.dense === 'number' && typeof r.scores.lexical === 'number')).toBe(true);
  });

  it('filters through Pinecone metadata', async () => {
    const res = await embedder.call<SearchResponse>('POST', '/v1/search', { query: QUERY, topK: 20, filters: { sex: 'F', ageMin: 30 } });
    const body = searchResponseSchema.parse(res.body);
    expect(pinecone.queries.at(-1)!.filter).toEqual({
      $and: [{ age: { $gte: 30 } }, { sex: { $eq: 'F' } }, { $or: [{ seq: { $lte: 120 } }, { seq: { $exists: false } }] }],
    });
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r) => r.sex === 'F' && r.age! >= 30)).toBe(true);
  });

  it('answers degraded, not 500, when Pinecone is down', async () => {
    pinecone.failNext(10, 503);
    const res = await embedder.call<SearchResponse>('POST', '/v1/search', { query: QUERY, topK: 5 });
    expect(res.status).toBe(200);
    expect(res.body.degraded).toBe(true);
    expect(res.body.results).toEqual([]);
    pinecone.failNext(0);
  });
});
