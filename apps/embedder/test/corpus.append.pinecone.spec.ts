import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import type { SearchResponse } from '@patientinsight/shared';
import type { CorpusAddResult } from '../src/corpus/corpus-indexer.js';
import { namespaceOf } from '../src/index/pinecone/pinecone-store.js';
import { type FakePinecone, PINECONE_MAX_BYTES, PINECONE_MAX_VECTORS, startFakePinecone } from './support/fake-pinecone-server.js';
import { type RetrievalApp, type SampleCase, sampleCases, stageCases, startRetrievalApp } from './retrieval-helpers.js';

jest.setTimeout(300_000);

// Each in five base cases, so the fitted vocabulary knows them: MARKER marks the big job, SECOND the concurrent ones.
const MARKER = 'quokkabite';
const SECOND = 'wombatfoot';
const MARKED = 50;

describe.each(testDrivers())('Pinecone: adding cases to the active version on %s (issue 24)', (driver) => {
  let pinecone: FakePinecone;
  let embedder: RetrievalApp;
  /** Another embedder on the same database and Pinecone index: a second replica (PostgreSQL only; PGlite is one process's). */
  let replica: RetrievalApp | undefined;
  let fitted: string;
  const sample = sampleCases();
  const base: SampleCase[] = [
    ...sample.slice(0, 300),
    ...sample.slice(300, 305).map((c) => ({ ...c, caseId: `base-marker-${c.caseId}`, text: `${c.text} ${MARKER}` })),
    ...sample.slice(0, 5).map((c) => ({ ...c, caseId: `base-second-${c.caseId}`, text: `${c.text} ${SECOND}` })),
  ];
  // 1,000 cases: the rest of the sample and copies of the base under new ids; the first 50 carry the marker.
  const added: SampleCase[] = [
    ...sample.slice(305),
    ...sample.slice(0, 305).map((c) => ({ ...c, caseId: `copy-${c.caseId}`, text: `${c.text} (copy)` })),
  ]
    .slice(0, 1000)
    .map((c, i) => (i < MARKED ? { ...c, caseId: `marker-${c.caseId}`, text: `${c.text} ${MARKER}` } : c));

  beforeAll(async () => {
    pinecone = await startFakePinecone();
    const env = {
      VECTOR_STORE: 'pinecone',
      PINECONE_API_KEY: pinecone.apiKey,
      PINECONE_INDEX_HOST: pinecone.url,
      // This suite is about appending: neither the added share nor the unknown terms of the copies refit.
      CORPUS_REFIT_SHARE: '5',
      CORPUS_REFIT_UNKNOWN_TOKEN_SHARE: '1',
    };
    embedder = await startRetrievalApp(driver, env);
    await stageCases(embedder.database, base, 'job-base');
    fitted = (await embedder.indexer.addCases({ promoteJobIds: ['job-base'] })).versionId;
    if (driver === 'postgres') replica = await startRetrievalApp(driver, env, embedder.databaseOptions);
  });
  afterAll(async () => {
    await replica?.close();
    await embedder?.close();
    await pinecone?.close();
  });

  /** Hybrid searches: a Pinecone query always carries the dense vector. */
  const search = async (app: RetrievalApp, query: string, extra: Record<string, unknown> = {}) => {
    const res = await app.call<SearchResponse>('POST', '/v1/search', { query, topK: 100, ...extra });
    expect(res.status).toBe(200);
    expect(res.body.degradedReason).toBeUndefined();
    return res.body;
  };
  const markedIn = (body: SearchResponse) => body.results.filter((r) => r.caseId.startsWith('marker-')).length;
  /** Two embedders share one database only on PostgreSQL. */
  const onReplicas = driver === 'postgres' ? it : it.skip;
  /** A replica re-reads the committed count at most once a second: searches until `done` holds (at most 50 tries, 200 ms apart). */
  const searchUntil = async (app: RetrievalApp, query: string, done: (body: SearchResponse) => boolean) => {
    const answers: SearchResponse[] = [];
    for (let i = 0; i < 50 && !(answers.length > 0 && done(answers.at(-1)!)); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      answers.push(await search(app, query));
    }
    return answers;
  };

  it("appends a job's 1,000 cases to the active version's namespace: searches see none or all of them, then they are found", async () => {
    if (replica) expect(markedIn(await search(replica, MARKER))).toBe(0);
    await stageCases(embedder.database, added, 'job-add');
    const namespaces = [...pinecone.namespaces.keys()];
    const upserts = pinecone.upserts.length;
    const seen: number[] = [];
    let adding = true;
    const add = embedder.indexer.addCases({ promoteJobIds: ['job-add'] }).finally(() => {
      adding = false;
    });
    while (adding) {
      const body = await search(embedder, MARKER);
      expect(body.corpusVersion).toBe(fitted);
      seen.push(markedIn(body));
    }
    const result: CorpusAddResult = await add;
    expect(result).toMatchObject({ mode: 'append', versionId: fitted, indexed: 1310, indexedFromJobs: 1000 });
    expect(result.refitReason).toBeUndefined();
    for (const marked of seen) expect([0, MARKED]).toContain(marked);
    // No new namespace, no re-upsert of the fitted cases: the 1,000 new records, within Pinecone's request limits.
    expect([...pinecone.namespaces.keys()]).toEqual(namespaces);
    expect(pinecone.namespaces.get(namespaceOf(fitted))?.size).toBe(1310);
    const sent = pinecone.upserts.slice(upserts);
    expect(sent.reduce((n, u) => n + u.count, 0)).toBe(1000);
    for (const u of sent) {
      expect(u.namespace).toBe(namespaceOf(fitted));
      expect(u.count).toBeLessThanOrEqual(PINECONE_MAX_VECTORS);
      expect(u.bytes).toBeLessThanOrEqual(PINECONE_MAX_BYTES);
    }
    expect(markedIn(await search(embedder, MARKER))).toBe(MARKED);
    // An appended case is found by its own text, on both sides of the hybrid search, and can be read.
    const probe = added[700]!;
    const hit = (await search(embedder, `${probe.title}. ${probe.text.slice(0, 300)}`, { topK: 5 })).results.find(
      (r) => r.caseId === probe.caseId,
    );
    expect(hit).toBeDefined();
    expect(typeof hit!.scores.lexical).toBe('number');
    expect(typeof hit!.scores.dense).toBe('number');
    expect((await embedder.call('GET', `/v1/cases/${encodeURIComponent(probe.caseId)}`)).status).toBe(200);
  });

  onReplicas('another embedder on the same database and index sees the append without a restart, all of it at once', async () => {
    const answers = await searchUntil(replica!, MARKER, (body) => markedIn(body) === MARKED);
    for (const body of answers) {
      expect(body.corpusVersion).toBe(fitted);
      expect([0, MARKED]).toContain(markedIn(body));
    }
    expect(markedIn(answers.at(-1)!)).toBe(MARKED);
  });

  onReplicas('appends from two embedders at once follow one another (the append lock): both found, the count exact', async () => {
    const jobCases = (prefix: string, from: number) =>
      sample.slice(from, from + 40).map((c) => ({ ...c, caseId: `${prefix}-${c.caseId}`, text: `${c.text} (${prefix}) ${SECOND}` }));
    const first = jobCases('left', 400);
    const second = jobCases('right', 500);
    await stageCases(embedder.database, first, 'job-left');
    await stageCases(embedder.database, second, 'job-right');
    const [left, right] = await Promise.all([
      embedder.indexer.addCases({ promoteJobIds: ['job-left'] }),
      replica!.indexer.addCases({ promoteJobIds: ['job-right'] }),
    ]);
    expect(left).toMatchObject({ mode: 'append', versionId: fitted });
    expect(right).toMatchObject({ mode: 'append', versionId: fitted });
    expect([left.indexed, right.indexed].sort((a, b) => a - b)).toEqual([1350, 1390]);
    expect(pinecone.namespaces.get(namespaceOf(fitted))?.size).toBe(1390);
    const jobIds = [...first, ...second].map((c) => c.caseId);
    const answers = await searchUntil(embedder, SECOND, (body) => jobIds.every((id) => body.results.some((r) => r.caseId === id)));
    const ids = new Set(answers.at(-1)!.results.map((r) => r.caseId));
    for (const id of jobIds) expect(ids.has(id)).toBe(true);
    const versions = (await embedder.call<{ versions: { id: string; caseCount: number }[] }>('GET', '/v1/corpus/versions')).body.versions;
    expect(versions.find((v) => v.id === fitted)?.caseCount).toBe(1390);
  });
});
