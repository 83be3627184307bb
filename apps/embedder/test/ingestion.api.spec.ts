import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import type { IngestionJob, IngestionReport, RejectionPage } from '@patientinsight/shared';
import { parse } from 'csv-parse/sync';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CorpusIndexer } from '../src/corpus/corpus-indexer.js';
import { computeProfile } from '../src/quality/profile.js';
import { compareToReference } from '../src/quality/drift.js';
import { type CaseStatistics, IngestionRepository } from '../src/ingestion/ingestion.repository.js';
import { INGESTION_CONFIG, type IngestionConfig } from '../src/ingestion/ingestion.tokens.js';
import { sampleCases, stageCases } from './retrieval-helpers.js';
import { api, generateCases, ingestUri, sampleRows, startEmbedder, type TestEmbedder, toCsv, waitForJob } from './ingestion-helpers.js';

// Whole-file ingestions on a shared 2-core machine: generous, never asserted, only a guard against hangs.
jest.setTimeout(240_000);

/** A CSV line with the sample's columns, written by hand so it can be broken on purpose. */
const line = (uid: string, text: string, age: string, gender: string) => `0,${uid},123,x.xml,Generated,${text},"${age}",${gender},{},{}\n`;

/** Case ids a search for the text returns (the real search API over the active corpus version). */
async function searchIds(embedder: TestEmbedder, query: string): Promise<string[]> {
  const res = await api<{ results: { caseId: string }[] }>(embedder.url, 'POST', '/v1/search', { query, topK: 20 });
  expect(res.status).toBe(200);
  return res.body.results.map((r) => r.caseId);
}

async function activeVersion(embedder: TestEmbedder): Promise<string | undefined> {
  const res = await api<{ versions: { id: string; state: string }[] }>(embedder.url, 'GET', '/v1/corpus/versions');
  return res.body.versions.find((v) => v.state === 'active')?.id;
}

async function liveCaseIds(embedder: TestEmbedder): Promise<string[]> {
  const rows = await embedder.database.db
    .selectFrom('case_record')
    .select('case_id')
    .where('state', '=', 'live')
    .orderBy('case_id')
    .execute();
  return rows.map((r) => r.case_id);
}

describe.each(testDrivers())('ingestion API on %s', (driver) => {
  let embedder: TestEmbedder;
  beforeAll(async () => {
    embedder = await startEmbedder(driver);
  });
  afterAll(async () => {
    await embedder?.close();
  });

  it('takes the sample plus generated bad rows: each bad row rejected with field and reason, every good row indexed once, and the same file again adds nothing', async () => {
    const sample = sampleRows();
    const good = toCsv(sample);
    const ok = 'A 45-year-old woman presented with chest pain radiating to the left arm for two hours.';
    const bad = Buffer.concat([
      Buffer.from(line('bad-missing-text', '""', "[[40.0, 'year']]", 'F')),
      Buffer.from(line('bad-age', `"${ok} (age)"`, "[[300.0, 'year']]", 'F')),
      Buffer.from(line('bad-sex', `"${ok} (sex)"`, "[[40.0, 'year']]", 'X')),
      Buffer.from(line('bad-quote', `bro"ken ${ok}`, "[[40.0, 'year']]", 'F')),
      Buffer.from(line('bad-huge', `"${'x'.repeat(10 * 1024 * 1024)}"`, "[[40.0, 'year']]", 'M')),
      Buffer.from('0,bad-bytes,123,x.xml,Generated,"caf'),
      Buffer.from([0xe9, 0xff, 0xfe]),
      Buffer.from(` ${ok}","[[40.0, 'year']]",M,{},{}\n`),
      Buffer.from(line('bad-short', '"fever"', "[[40.0, 'year']]", 'M')),
      Buffer.from(
        toCsv([{ ...sample[0]!, patient: `${ok} (a different text under an id already used)` }])
          .split('\n')
          .slice(1)
          .join('\n'),
      ),
      Buffer.from(
        toCsv([{ ...sample[1]!, patient_uid: 'dup-text-new-id' }])
          .split('\n')
          .slice(1)
          .join('\n'),
      ),
    ]);
    const path = join(embedder.dataDir, 'sample-with-bad-rows.csv');
    await writeFile(path, Buffer.concat([Buffer.from(good), bad]));

    const job = await ingestUri(embedder.url, pathToFileURL(path).href);
    expect(job.state).toBe('succeeded');
    expect(job.counters).toEqual({ read: 1009, accepted: 1000, rejected: 7, duplicate: 2, indexed: 1000 });
    expect(job.counters.read).toBe(job.counters.accepted + job.counters.rejected + job.counters.duplicate);
    expect(Object.keys(job.stageDurationsMs)).toEqual(
      expect.arrayContaining(['parse', 'clean', 'validate', 'dedupe', 'write', 'profile', 'drift']),
    );
    expect(job.throughput.rowsPerSecond).toBeGreaterThan(0);
    expect(job.indexing).toEqual({
      mode: 'refit',
      refitReason: 'no corpus version is active yet',
      addedShare: null,
      unknownTokenShare: null,
      bm25: 'exact',
    });

    const byCase = Object.fromEntries(job.rejections.map((r) => [r.caseId ?? `row ${r.row}`, r]));
    expect(byCase['bad-missing-text']).toMatchObject({
      row: 1001,
      field: 'text',
      reason: 'column "patient" (text): missing',
      outcome: 'rejected',
    });
    expect(byCase['bad-age']).toMatchObject({ field: 'age', reason: 'column "age" (age): 300 years is outside 0-120' });
    expect(byCase['bad-sex']).toMatchObject({
      field: 'sex',
      reason: 'column "gender" (sex): "X" is not a known value (F, M, female, male)',
    });
    expect(byCase['row 1004']).toMatchObject({ caseId: null, field: '(row)', reason: expect.stringContaining('INVALID_OPENING_QUOTE') });
    expect(byCase['bad-huge']).toMatchObject({
      field: 'text',
      reason: `column "patient" (text): too long (${10 * 1024 * 1024} characters, at most 100000)`,
    });
    expect(byCase['bad-bytes']).toMatchObject({
      field: 'text',
      reason: expect.stringMatching(
        /^column "patient" holds bytes that are not valid UTF-8 \(an export in Windows-1252 or Latin-1\? Save the file as UTF-8/,
      ),
    });
    expect(byCase['bad-short']).toMatchObject({ field: 'text', reason: expect.stringMatching(/^column "patient" \(text\): too short/) });

    const duplicates = await api<RejectionPage>(embedder.url, 'GET', `/v1/ingestions/${job.id}/rejections?outcome=duplicate`);
    expect(duplicates.body.total).toBe(2);
    expect(duplicates.body.rejections.map((r) => [r.caseId, r.field, r.reason])).toEqual([
      [sample[0]!.patient_uid, 'caseId', 'case id already read earlier in this job'],
      ['dup-text-new-id', 'text', `same text as case ${sample[1]!.patient_uid} already in the corpus`],
    ]);

    // Paging and CSV (by query and by Accept header) list the same rows.
    const page1 = await api<RejectionPage>(embedder.url, 'GET', `/v1/ingestions/${job.id}/rejections?limit=4`);
    const page2 = await api<RejectionPage>(
      embedder.url,
      'GET',
      `/v1/ingestions/${job.id}/rejections?limit=4&after=${page1.body.nextAfter}`,
    );
    expect([...page1.body.rejections, ...page2.body.rejections].map((r) => r.row)).toEqual(job.rejections.map((r) => r.row));
    expect(page2.body.nextAfter).toBeNull();
    const csv = await api(embedder.url, 'GET', `/v1/ingestions/${job.id}/rejections`, undefined, { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const csvRows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(csvRows.map((r) => [Number(r.row), r.field])).toEqual(job.rejections.map((r) => [r.row, r.field]));
    expect(
      (await api(embedder.url, 'GET', `/v1/ingestions/${job.id}/rejections?format=csv&outcome=all`)).text.trim().split('\n'),
    ).toHaveLength(1 + 9);

    const live = await liveCaseIds(embedder);
    expect(live).toHaveLength(1000);
    expect(new Set(live)).toEqual(new Set(sample.map((r) => r.patient_uid)));

    const report = await api<IngestionReport>(embedder.url, 'GET', `/v1/ingestions/${job.id}/report`);
    expect(report.body.profile).toMatchObject({ cases: 1000, sex: { F: 450, M: 550, femaleShare: 0.45 } });
    expect(report.body.profile?.age.quantiles?.p50).toBeGreaterThan(0);
    expect(report.body.profile?.missingRates.text).toBeCloseTo(1 / 1002, 4); // of the readable rows' fields, over rows read
    expect(report.body.drift?.verdict).toBe('no_reference');

    // The same file again: every row is a duplicate or the same rejection; the corpus is unchanged.
    const again = await ingestUri(embedder.url, pathToFileURL(path).href);
    expect(again.state).toBe('succeeded');
    expect(again.counters).toEqual({ read: 1009, accepted: 0, rejected: 7, duplicate: 1002, indexed: 0 });
    expect(again.indexing).toBeNull();
    expect(await liveCaseIds(embedder)).toEqual(live);

    const metrics = await (await fetch(embedder.metricsUrl)).text();
    expect(metrics).toMatch(/ingest_rows_total\{outcome="accepted",service="embedder"\} 1000/);
    expect(metrics).toMatch(/ingest_rows_total\{outcome="duplicate",service="embedder"\} 1004/);
    expect(metrics).toMatch(/ingest_case_store_size\{state="live",service="embedder"\} 1000/);
    expect(metrics).toMatch(/ingest_stage_duration_seconds_count\{[^}]*stage="parse"[^}]*\} [1-9]/);
  });

  it('holds a batch whose ages shifted by 20 years for approval; rejecting leaves the corpus as it was, approving makes it live', async () => {
    if ((await liveCaseIds(embedder)).length === 0)
      await ingestUri(embedder.url, pathToFileURL(join(embedder.dataDir, 'sample-with-bad-rows.csv')).href);
    const before = await liveCaseIds(embedder);
    const versionBefore = await activeVersion(embedder);
    const shiftedPath = join(embedder.dataDir, 'shifted.csv');
    const shiftedRows = generateCases(400, { prefix: 'shift', ageShiftYears: 20 });
    await writeFile(shiftedPath, toCsv(shiftedRows));
    // Each generated case carries its marker; a search for it finds the case once it is live.
    const probe = `${shiftedRows[7]!.patient.slice(0, 400)} shift variant 7`;

    const held = await ingestUri(embedder.url, pathToFileURL(shiftedPath).href);
    expect(held.state).toBe('awaiting_approval');
    expect(held.counters).toMatchObject({ read: 400, accepted: 400, indexed: 0 });
    expect(held.drift).toMatchObject({ verdict: 'drift', threshold: 0.15 });
    expect(held.drift?.exceeded).toEqual(expect.arrayContaining(['meanAgeShift', 'ksStatistic']));
    expect(await liveCaseIds(embedder)).toEqual(before);
    expect((await searchIds(embedder, probe)).filter((id) => id.startsWith('shift-'))).toEqual([]);
    expect(await activeVersion(embedder)).toBe(versionBefore);
    const report = await api<IngestionReport>(embedder.url, 'GET', `/v1/ingestions/${held.id}/report`);
    expect(report.body.gate).toEqual({ enabled: true, held: true });
    expect(report.body.reference?.cases).toBe(before.length);
    const metrics = await (await fetch(embedder.metricsUrl)).text();
    expect(metrics).toMatch(new RegExp(`ingest_last_drift\\{statistic="mean_age_shift",service="embedder"\\} ${held.drift!.meanAgeShift}`));

    const badDecision = await api(embedder.url, 'POST', `/v1/ingestions/${held.id}/reject`, { actor: '' });
    expect(badDecision.status).toBe(400);
    const rejected = await api<IngestionJob>(embedder.url, 'POST', `/v1/ingestions/${held.id}/reject`, {
      actor: 'dr.ops',
      note: 'ages look wrong',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    expect(rejected.body.decision).toMatchObject({
      decision: 'rejected',
      actor: 'dr.ops',
      note: 'ages look wrong',
      drift: { verdict: 'drift' },
    });
    expect(await liveCaseIds(embedder)).toEqual(before);
    const leftovers = await embedder.database.db.selectFrom('case_record').select('case_id').where('job_id', '=', held.id).execute();
    expect(leftovers).toEqual([]);
    expect(await activeVersion(embedder)).toBe(versionBefore);
    expect((await searchIds(embedder, probe)).filter((id) => id.startsWith('shift-'))).toEqual([]);
    expect((await api(embedder.url, 'POST', `/v1/ingestions/${held.id}/approve`, { actor: 'dr.ops' })).status).toBe(409);

    // The same batch again (its rows were discarded, so they are new), approved this time.
    const heldAgain = await ingestUri(embedder.url, pathToFileURL(shiftedPath).href);
    expect(heldAgain.state).toBe('awaiting_approval');
    expect((await searchIds(embedder, probe)).filter((id) => id.startsWith('shift-'))).toEqual([]);
    const approved = await api<IngestionJob>(embedder.url, 'POST', `/v1/ingestions/${heldAgain.id}/approve`, { actor: 'dr.lead' });
    expect(approved.status).toBe(202);
    const done = await waitForJob(embedder.url, heldAgain.id);
    expect(done.state).toBe('succeeded');
    expect(done.counters).toMatchObject({ accepted: 400, indexed: 400 });
    expect(done.decision).toMatchObject({ decision: 'approved', actor: 'dr.lead' });
    const after = await liveCaseIds(embedder);
    expect(after).toHaveLength(before.length + 400);
    expect(after).toEqual(expect.arrayContaining(['shift-0', 'shift-399']));
    // Searchable as soon as the job reports succeeded: the version switch and the promotion are one step.
    expect(await searchIds(embedder, probe)).toContain('shift-7');
    expect(await activeVersion(embedder)).toBe(done.corpusVersion);
  });

  it('takes a streamed multipart upload of JSON Lines with renamed columns', async () => {
    const rows = generateCases(30, { prefix: 'upload' }).map((r) =>
      JSON.stringify({ uid: r.patient_uid, body: r.patient, age: r.age, gender: r.gender, title: r.title }),
    );
    const form = new FormData();
    form.set('format', 'jsonl');
    form.set('columnMapping', JSON.stringify({ caseId: 'uid', text: 'body' }));
    form.set('file', new Blob([rows.join('\n')]), 'cases.jsonl');
    const res = await fetch(`${embedder.url}/v1/ingestions`, {
      method: 'POST',
      headers: { authorization: 'Bearer ingestion-test-token-0123456789' },
      body: form,
    });
    expect(res.status).toBe(202);
    const created = (await res.json()) as IngestionJob;
    expect(created.source).toMatchObject({ kind: 'upload', format: 'jsonl', filename: 'cases.jsonl' });
    const versionBefore = await activeVersion(embedder);
    const job = await waitForJob(embedder.url, created.id);
    expect(job.state).toBe('succeeded');
    expect(job.counters).toMatchObject({ read: 30, accepted: 30, indexed: 30 });
    // 30 cases on a corpus of more than a thousand stay under CORPUS_REFIT_SHARE: appended to the active version, no refit.
    expect(job.corpusVersion).toBe(versionBefore);
    const metrics = await (await fetch(embedder.metricsUrl)).text();
    expect(metrics).toMatch(/^ingest_index_total\{mode="append",service="embedder"\} [1-9]/m);
    const figure = (name: string) =>
      Number(new RegExp(`^ingest_last_append\\{figure="${name}",service="embedder"\\} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(figure('added_share')).toBeGreaterThan(0);
    expect(figure('added_share')).toBeLessThanOrEqual(0.1);
    expect(figure('unknown_token_share')).toBeGreaterThanOrEqual(0);
    expect(figure('unknown_token_share')).toBeLessThan(1);
    // The job itself says so, with the same figures.
    expect(job.indexing).toEqual({
      mode: 'append',
      refitReason: null,
      addedShare: figure('added_share'),
      unknownTokenShare: figure('unknown_token_share'),
      bm25: 'exact',
    });
  });

  it('compares a job with the live cases kept in memory, read again only when cases went live elsewhere, and reports the drift a fresh read gives', async () => {
    const repository = embedder.app.get(IngestionRepository);
    const options = embedder.app.get<IngestionConfig>(INGESTION_CONFIG);
    // 60 cases, under DRIFT_MIN_BATCH: never held, whatever their ages (shifted, so the figures are not all 0).
    const ingest = async (prefix: string, ageShiftYears: number) => {
      const path = join(embedder.dataDir, `${prefix}.csv`);
      await writeFile(path, toCsv(generateCases(60, { prefix, ageShiftYears })));
      const job = await ingestUri(embedder.url, pathToFileURL(path).href);
      expect(job.state).toBe('succeeded');
      return job;
    };
    /** The job's report holds the reference and drift computed from `live`, the live cases read before it started. */
    const expectFigures = async (job: IngestionJob, live: CaseStatistics) => {
      const report = (await api<IngestionReport>(embedder.url, 'GET', `/v1/ingestions/${job.id}/report`)).body;
      const reference = computeProfile(live);
      expect(report.reference).toEqual(reference);
      const jobAges = await embedder.database.db.selectFrom('case_record').select('age').where('job_id', '=', job.id).execute();
      expect(report.drift).toEqual(
        compareToReference(
          { ages: jobAges.flatMap((r) => (r.age === null ? [] : [r.age])), profile: report.profile! },
          { ages: live.ages, profile: reference },
          { threshold: options.DRIFT_THRESHOLD, ksAlpha: options.DRIFT_KS_ALPHA, minBatch: options.DRIFT_MIN_BATCH },
        ),
      );
      expect(report.drift?.ksStatistic).toBeGreaterThan(0);
    };
    // A job first, so the reference is in memory whatever ran before.
    await ingest('reference-warm', 0);
    const scans = jest.spyOn(repository, 'caseStatistics');
    const liveScans = () => scans.mock.calls.filter(([filter]) => 'live' in filter).length;
    try {
      let live = await repository.caseStatistics({ live: true });
      await expectFigures(await ingest('reference-kept', 5), live);
      expect(liveScans()).toBe(1); // the test's own read
      // Cases made live outside this worker (as by another replica's job): the next job reads the live cases again.
      const outside = sampleCases()
        .slice(0, 30)
        .map((c) => ({ ...c, caseId: `outside-${c.caseId}`, text: `${c.text} (outside)` }));
      await stageCases(embedder.database, outside, 'job-outside');
      await embedder.app.get(CorpusIndexer).addCases({ promoteJobIds: ['job-outside'] });
      live = await repository.caseStatistics({ live: true });
      await expectFigures(await ingest('reference-read-again', 5), live);
      expect(liveScans()).toBe(3);
    } finally {
      scans.mockRestore();
    }
  });

  it('answers bad requests with 4xx naming the field', async () => {
    const post = (body: unknown) =>
      api<{ error: { code: string; details?: { field: string; reason: string }[] } }>(embedder.url, 'POST', '/v1/ingestions', body);
    const fieldOf = async (body: unknown) => {
      const r = await post(body);
      return [r.status, r.body.error.details?.map((d) => d.field)];
    };
    expect(await fieldOf({ sourceUri: 'file:///etc/passwd', format: 'csv' })).toEqual([400, ['sourceUri']]);
    expect(await fieldOf({ sourceUri: pathToFileURL(join(embedder.dataDir, 'nope.csv')).href, format: 'csv' })).toEqual([
      400,
      ['sourceUri'],
    ]);
    expect(await fieldOf({ sourceUri: 'http://example.com/x.csv' })).toEqual([400, ['sourceUri']]);
    expect(await fieldOf({ sourceUri: `file://${embedder.dataDir}/x.csv`, format: 'xlsx' })).toEqual([400, ['format']]);
    expect(await fieldOf({ sourceUri: `file://${embedder.dataDir}/x.csv`, columnMapping: { bmi: 'x' } })).toEqual([400, ['columnMapping']]);
    expect(await fieldOf({ sourceUri: `file://${embedder.dataDir}/x.csv`, extra: 1 })).toEqual([400, ['(body)']]);
    const outside = await post({ sourceUri: 'file:///etc/passwd', format: 'csv' });
    expect(outside.body.error.details?.[0]?.reason).toMatch(/outside the allowed folders/);

    const form = new FormData();
    form.set('format', 'csv');
    const noFile = await fetch(`${embedder.url}/v1/ingestions`, {
      method: 'POST',
      headers: { authorization: 'Bearer ingestion-test-token-0123456789' },
      body: form,
    });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(['file']);

    expect((await fetch(`${embedder.url}/v1/ingestions`)).status).toBe(401);
    expect((await api(embedder.url, 'GET', '/v1/ingestions/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await api(embedder.url, 'GET', '/v1/ingestions/not-a-uuid/report')).status).toBe(404);
    expect((await api(embedder.url, 'GET', '/v1/ingestions?limit=0')).status).toBe(400);
    expect((await api(embedder.url, 'GET', '/v1/ingestions?state=nope')).status).toBe(400);
  });
});

describe.each(testDrivers())('ingestion worker between jobs on %s (poll every hour)', (driver) => {
  // A poll an hour away: a job that runs was started by the create itself (wake), and no test here waits an hour.
  const env = { INGEST_POLL_MS: String(3_600_000), DRIFT_GATE: 'false' };
  let embedder: TestEmbedder;
  beforeAll(async () => {
    embedder = await startEmbedder(driver, env);
  });
  afterAll(async () => {
    await embedder?.close();
  });

  const ingest = async (prefix: string) => {
    const path = join(embedder.dataDir, `${prefix}.csv`);
    await writeFile(path, toCsv(generateCases(40, { prefix })));
    return ingestUri(embedder.url, pathToFileURL(path).href);
  };

  it('starts a job created through the API at once, not at the next poll', async () => {
    // The second job is created after the first one's drain ended, when only the poll an hour away is scheduled.
    for (const prefix of ['wake-first', 'wake-second']) {
      const job = await ingest(prefix);
      expect(job.state).toBe('succeeded');
      expect(job.counters.indexed).toBe(40);
    }
  });

  it('after a restart, reads the live cases for the drift reference at start-up: the first job does not scan them itself', async () => {
    await ingest('before-restart');
    const live = await embedder.app.get(IngestionRepository).caseStatistics({ live: true });
    await embedder.stop();
    // On the prototype: the restarted embedder's repository is a new instance, and its start-up read is what is counted.
    const reads = jest.spyOn(IngestionRepository.prototype, 'caseStatistics');
    try {
      embedder = await startEmbedder(driver, env, { reuse: embedder.stored });
      const job = await ingest('after-restart');
      expect(job.state).toBe('succeeded');
      const liveReads = reads.mock.calls.flatMap(([filter], i) => ('live' in filter ? [reads.mock.invocationCallOrder[i]!] : []));
      const firstJobRead = reads.mock.invocationCallOrder[reads.mock.calls.findIndex(([filter]) => 'jobId' in filter)]!;
      // One read of the live cases, made before the job read its own cases (at start-up, not in the job's profile stage).
      expect(liveReads).toHaveLength(1);
      expect(liveReads[0]).toBeLessThan(firstJobRead);
      const report = (await api<IngestionReport>(embedder.url, 'GET', `/v1/ingestions/${job.id}/report`)).body;
      expect(report.reference).toEqual(computeProfile(live));
    } finally {
      reads.mockRestore();
    }
  });
});

describe.each(testDrivers())('ingestion with the drift gate switched off on %s', (driver) => {
  let embedder: TestEmbedder;
  beforeAll(async () => {
    // Every job fits a new version (CORPUS_REFIT_SHARE 0): the refit path, and the job API says why.
    embedder = await startEmbedder(driver, { DRIFT_GATE: 'false', CORPUS_REFIT_SHARE: '0' });
  });
  afterAll(async () => {
    await embedder?.close();
  });

  it('fails a source missing a required column with the reason, and retry resumes it once the file is fixed', async () => {
    const path = join(embedder.dataDir, 'renamed.csv');
    await writeFile(path, toCsv(generateCases(20, { prefix: 'retry' })).replace(/^([^\n]*)patient_uid/, '$1uid_renamed'));
    const failed = await ingestUri(embedder.url, pathToFileURL(path).href);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/caseId: none of the columns "patient_uid"/);
    expect((await api(embedder.url, 'POST', `/v1/ingestions/${failed.id}/cancel`)).status).toBe(409);

    await writeFile(path, toCsv(generateCases(20, { prefix: 'retry' })));
    const retried = await api<IngestionJob>(embedder.url, 'POST', `/v1/ingestions/${failed.id}/retry`);
    expect(retried.status).toBe(202);
    const done = await waitForJob(embedder.url, failed.id);
    expect(done).toMatchObject({ state: 'succeeded', error: null, counters: { read: 20, accepted: 20, indexed: 20 } });
  });

  it('retries a job that failed while indexing by indexing again only: the source is not read a second time', async () => {
    const path = join(embedder.dataDir, 'index-fails.csv');
    await writeFile(path, toCsv(generateCases(30, { prefix: 'index-retry' })));
    // The fitted models cannot be written while their folder is a file: the build fails after staging.
    const models = join(embedder.dataDir, 'models');
    await rm(models, { recursive: true, force: true });
    await writeFile(models, 'not a folder');
    const failed = await ingestUri(embedder.url, pathToFileURL(path).href);
    expect(failed).toMatchObject({ state: 'failed', counters: { read: 30, accepted: 30, indexed: 0 } });
    expect(failed.error).toMatch(/models/);
    expect(
      (await embedder.database.db.selectFrom('case_record').select('state').where('job_id', '=', failed.id).execute()).every(
        (r) => r.state === 'staged',
      ),
    ).toBe(true);

    await rm(models);
    await rm(path); // only the index phase runs again: without the file, a re-read would fail
    expect((await api(embedder.url, 'POST', `/v1/ingestions/${failed.id}/retry`)).status).toBe(202);
    const done = await waitForJob(embedder.url, failed.id);
    expect(done).toMatchObject({ state: 'succeeded', error: null, counters: { read: 30, accepted: 30, duplicate: 0, indexed: 30 } });
  });

  it('indexes a drifting batch at once but still reports the drift', async () => {
    const sample = join(embedder.dataDir, 'sample.csv');
    await writeFile(sample, toCsv(sampleRows()));
    expect((await ingestUri(embedder.url, pathToFileURL(sample).href)).state).toBe('succeeded');
    const shifted = join(embedder.dataDir, 'shifted.csv');
    await writeFile(shifted, toCsv(generateCases(300, { prefix: 'shift-off', ageShiftYears: 20 })));
    const job = await ingestUri(embedder.url, pathToFileURL(shifted).href);
    expect(job.state).toBe('succeeded');
    expect(job.drift?.verdict).toBe('drift');
    expect(job.counters.indexed).toBe(300);
    expect(job.indexing).toEqual({
      mode: 'refit',
      refitReason: expect.stringMatching(/^cases added since the fit would be [\d.]+% of the \d+ fitted \(CORPUS_REFIT_SHARE 0\)$/),
      addedShare: null,
      unknownTokenShare: null,
      bm25: 'exact',
    });
    const report = await api<IngestionReport>(embedder.url, 'GET', `/v1/ingestions/${job.id}/report`);
    expect(report.body.gate).toEqual({ enabled: false, held: false });

    const list = await api<{ jobs: IngestionJob[]; nextBefore: string | null }>(embedder.url, 'GET', '/v1/ingestions?limit=2');
    expect(list.body.jobs).toHaveLength(2);
    expect(list.body.jobs[0]!.createdAt >= list.body.jobs[1]!.createdAt).toBe(true);
    const next = await api<{ jobs: IngestionJob[] }>(embedder.url, 'GET', `/v1/ingestions?limit=2&before=${list.body.nextBefore}`);
    expect(next.body.jobs.map((j) => j.id)).not.toContain(list.body.jobs[0]!.id);
  });

  it('cancels a running job: it stops after the current batch and its staged rows are discarded (counted as cancelled); retry runs it again from the first row', async () => {
    const path = join(embedder.dataDir, 'to-cancel.csv');
    await writeFile(path, toCsv(generateCases(20_000, { prefix: 'cancel' })));
    const created = await api<IngestionJob>(embedder.url, 'POST', '/v1/ingestions', { sourceUri: pathToFileURL(path).href, format: 'csv' });
    let job = created.body;
    while (job.state === 'queued' || job.counters.read === 0)
      job = (await api<IngestionJob>(embedder.url, 'GET', `/v1/ingestions/${job.id}`)).body;
    const cancel = await api<IngestionJob>(embedder.url, 'POST', `/v1/ingestions/${job.id}/cancel`);
    expect(cancel.status).toBe(202);
    expect(cancel.body.cancelRequested).toBe(true);
    const done = await waitForJob(embedder.url, job.id);
    expect(done.state).toBe('cancelled');
    expect(done.counters.read).toBeLessThan(20_000);
    const staged = await embedder.database.db.selectFrom('case_record').select('case_id').where('job_id', '=', job.id).execute();
    expect(staged).toEqual([]);
    // The stored totals count the discarded rows as cancelled, not accepted.
    const metrics = await (await fetch(embedder.metricsUrl)).text();
    expect(metrics).toContain(`ingest_rows{outcome="cancelled",service="embedder"} ${done.counters.accepted}`);
    expect(metrics).toMatch(/ingest_jobs\{state="cancelled",outcome="none",service="embedder"\} 1$/m);

    const retried = await api<IngestionJob>(embedder.url, 'POST', `/v1/ingestions/${job.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({
      state: 'queued',
      phase: 'ingest',
      cancelRequested: false,
      counters: { read: 0, accepted: 0, rejected: 0, duplicate: 0, indexed: 0 },
    });
    // The rerun indexes the whole corpus again: minutes on a busy 2-core machine (a guard against hangs, not a measure).
    const rerun = await waitForJob(embedder.url, job.id, undefined, 600_000);
    expect(rerun).toMatchObject({
      state: 'succeeded',
      outcome: 'added',
      error: null,
      counters: { read: 20_000, accepted: 20_000, rejected: 0, duplicate: 0, indexed: 20_000 },
    });
    const after = await (await fetch(embedder.metricsUrl)).text();
    expect(after).toContain('ingest_rows{outcome="cancelled",service="embedder"} 0');
    // Only a failed or cancelled job can be retried.
    const again = await api<{ error: { code: string; message: string } }>(embedder.url, 'POST', `/v1/ingestions/${job.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'INGESTION_STATE_CONFLICT',
      message: `job ${job.id} is succeeded; retry needs failed or cancelled`,
    });
  }, 900_000);
});
