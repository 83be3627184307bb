import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { IngestionJob, RejectionPage } from '@patientinsight/shared';
import { freePort, ServiceProcess } from '@patientinsight/testing';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, APP_DIR, TOKEN, waitForJob } from './ingestion-helpers.js';

// Hostile uploads against the built embedder as a real process (dist/main.js, through boot()): after each
// one the process must still be alive and healthy, the uploads folder must hold no partial file, and the
// response or the job must say why. The unhandled-rejection counter proves no failure took that path.

/** The small limit, for streaming past it without sending hundreds of megabytes. */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Above the 100 MB the aborting client declares. */
const LARGE_LIMIT = 128 * 1024 * 1024;
const BOUNDARY = '----hostile-boundary-7d1f';

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; details?: unknown } } & Partial<IngestionJob>;
  headers: Record<string, string | string[] | undefined>;
}

function part(name: string, value: string | Buffer, filename?: string): Buffer {
  const disposition = filename ? `form-data; name="${name}"; filename="${filename}"` : `form-data; name="${name}"`;
  const type = filename ? 'Content-Type: application/octet-stream\r\n' : '';
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`),
    Buffer.from(value),
    Buffer.from('\r\n'),
  ]);
}
const closing = Buffer.from(`--${BOUNDARY}--\r\n`);
const fileForm = (content: string | Buffer, filename = 'cases.csv') => Buffer.concat([part('file', content, filename), closing]);

/**
 * Sends a raw POST. `declaredLength` may exceed the bytes sent; `abortAfter` destroys the socket after
 * that many body bytes (and resolves null: there is no answer to read).
 */
function post(
  url: string,
  body: Buffer,
  options: {
    declaredLength?: number;
    chunked?: boolean;
    abortAfter?: number;
    beforeAbort?: () => Promise<void>;
    /** Send the headers alone and wait this long for the answer before any body byte (null when none came). */
    answerBeforeBodyMs?: number;
  } = {},
): Promise<Answer | null> {
  return new Promise((resolve, reject) => {
    const length = options.chunked
      ? { 'transfer-encoding': 'chunked' }
      : { 'content-length': String(options.declaredLength ?? body.length) };
    // A connection of its own: a request cut short must not leave a half-sent body on a pooled socket.
    const req = httpRequest(`${url}/v1/ingestions`, {
      agent: false,
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...length },
    });
    let answered = false;
    let ended = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (!ended) req.destroy(); // answered before the whole body went out: this connection is done
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {}, headers: res.headers });
      });
      res.on('error', reject);
    });
    // The server may answer (413) and close while the body is still going out: that write error is expected.
    req.on('error', (error) => {
      if (!answered && options.abortAfter === undefined) reject(error);
    });
    void (async () => {
      if (options.answerBeforeBodyMs !== undefined) {
        // A server that refuses on the headers answers before the body: writing meanwhile only races its close (EPIPE).
        req.flushHeaders();
        const deadline = Date.now() + options.answerBeforeBodyMs;
        while (!answered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        if (!answered) {
          req.destroy();
          resolve(null);
        }
        return;
      }
      const chunk = 64 * 1024;
      const stopAt = options.abortAfter ?? body.length;
      for (let sent = 0; sent < stopAt && !req.destroyed && !answered; sent += chunk) {
        const slice = body.subarray(sent, Math.min(sent + chunk, stopAt));
        if (!req.write(slice)) await new Promise((r) => req.once('drain', r));
      }
      if (options.abortAfter !== undefined) {
        await options.beforeAbort?.();
        req.destroy();
        resolve(null);
      } else if (!answered) {
        ended = true;
        req.end();
      }
    })().catch(reject);
  });
}

jest.setTimeout(180_000);

const HEADER = ['patient_id', 'patient_uid', 'PMID', 'file_path', 'title', 'patient', 'age', 'gender'];
const TEXT = 'A 45-year-old woman presented with vertigo, tinnitus and fluctuating hearing loss over two years.';
const BOM = '\uFEFF';
/** One CSV line as Excel writes it: fields quoted only when needed, CRLF at the end. */
const excelLine = (fields: string[]) => `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')}\r\n`;
const excelRow = (uid: string, text = TEXT, age = "[[45.0, 'year']]", sex = 'F') =>
  excelLine(['0', uid, '123', 'p.xml', 'A title', `${text} [${uid}]`, age, sex]);

interface Embedder {
  proc: ServiceProcess;
  url: string;
  leftovers(): Promise<string[]>;
  /** No file stays in the uploads folder (removal may finish just after a client that left first). */
  expectNoLeftovers(): Promise<void>;
  /** Alive, /healthz 200, and no unhandled rejection counted since boot. */
  expectHealthy(): Promise<void>;
}

/** The built embedder (dist/main.js, through boot()) on its embedded database in a fresh folder, for one describe block. */
function useEmbedderProcess(maxUploadBytes: number): Embedder {
  let dir = '';
  let metricsUrl = '';
  const ctx = {} as Embedder;
  const uploads = () => join(dir, 'data', 'uploads');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedder-hostile-'));
    const port = await freePort();
    const metricsPort = await freePort();
    ctx.proc = new ServiceProcess({
      cwd: APP_DIR,
      entry: 'dist/main.js',
      env: {
        PORT: port,
        METRICS_PORT: metricsPort,
        HOST: '127.0.0.1',
        SERVICE_TOKEN: TOKEN,
        LOG_LEVEL: 'info',
        DATA_DIR: join(dir, 'data'),
        INGEST_POLL_MS: '100',
        MAX_UPLOAD_BYTES: String(maxUploadBytes),
        DATABASE_URL: undefined,
      },
    });
    ctx.url = `http://127.0.0.1:${port}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await ctx.proc.waitFor(`${ctx.url}/readyz`);
  });
  afterAll(async () => {
    await ctx.proc?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  ctx.leftovers = async () => (await readdir(uploads()).catch(() => [] as string[])).filter((f) => !f.startsWith('.'));
  ctx.expectNoLeftovers = async () => {
    for (let i = 0; i < 50 && (await ctx.leftovers()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await ctx.leftovers()).toEqual([]);
  };
  ctx.expectHealthy = async () => {
    expect(ctx.proc.running).toBe(true);
    expect((await fetch(`${ctx.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toMatch(/^process_unhandled_rejections_total\{service="embedder"\} 0$/m);
  };
  return ctx;
}

describe(`hostile uploads against the embedder process (MAX_UPLOAD_BYTES ${LARGE_LIMIT})`, () => {
  const embedder = useEmbedderProcess(LARGE_LIMIT);
  const { expectNoLeftovers, expectHealthy } = embedder;

  it('a multipart body that ends before its closing boundary: 400 naming the file, nothing kept', async () => {
    const truncated = part(
      'file',
      'patient_uid,patient,age,gender\nx-1,some text long enough to be a case in this test,45,F\n',
      'cases.csv',
    );
    const answer = await post(embedder.url, truncated);
    expect(answer?.status).toBe(400);
    expect(answer?.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('Unexpected end of form') });
    // Cut short inside a file part under another name (drained, not stored): the same answer.
    const inExtra = await post(embedder.url, part('other', 'x'.repeat(100_000), 'b.csv').subarray(0, 50_000));
    expect(inExtra?.status).toBe(400);
    expect(inExtra?.body.error?.message).toContain('Unexpected end of form');
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('a client that drops the connection at 5 MB of a declared 100 MB: the partial file is removed, the process serves on', async () => {
    const jobsBefore = (await api<{ jobs: IngestionJob[] }>(embedder.url, 'GET', '/v1/ingestions')).body.jobs;
    const head = part('file', Buffer.alloc(0), 'big.csv').subarray(0, -2); // the part's headers, then the content streams
    const body = Buffer.concat([head, Buffer.alloc(6 * 1024 * 1024, 'a')]);
    const answer = await post(embedder.url, body, {
      declaredLength: 100 * 1024 * 1024,
      abortAfter: 5 * 1024 * 1024,
      // The partial file exists on the server before the client goes away.
      beforeAbort: async () => {
        for (let i = 0; i < 100 && (await embedder.leftovers()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        expect((await embedder.leftovers()).length).toBe(1);
      },
    });
    expect(answer).toBeNull();
    await expectNoLeftovers();
    await expectHealthy();
    // Nobody is left to answer; no job was created from the half upload.
    expect((await api<{ jobs: IngestionJob[] }>(embedder.url, 'GET', '/v1/ingestions')).body.jobs).toEqual(jobsBefore);
  });

  it('a 0-byte body: 400 saying the form ended, nothing kept', async () => {
    const answer = await post(embedder.url, Buffer.alloc(0));
    expect(answer?.status).toBe(400);
    expect(answer?.body.error?.message).toMatch(/Unexpected end of form/);
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('200 MB declared over the limit: 413 before the body is read, no file ever written', async () => {
    const before = embedder.proc.stdout.length;
    const answer = await post(embedder.url, fileForm(Buffer.alloc(1024 * 1024, 'b')), {
      declaredLength: 200 * 1024 * 1024,
      answerBeforeBodyMs: 10_000,
    });
    expect(answer?.status).toBe(413);
    expect(answer?.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(`${LARGE_LIMIT} bytes`) });
    await expectNoLeftovers();
    await expectHealthy();
    // Nothing reached the uploads folder: no job was created either.
    expect(embedder.proc.stdout.slice(before).some((l) => l.includes('"msg":"starting job"'))).toBe(false);
  });

  it('random bytes named .csv: 400 saying it is binary, nothing kept', async () => {
    const answer = await post(embedder.url, fileForm(randomBytes(256 * 1024), 'cases.csv'));
    expect(answer?.status).toBe(400);
    expect(answer?.body.error?.details).toEqual([
      { field: 'file', reason: expect.stringMatching(/^the file holds binary content, not text/) },
    ]);
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('a 0-byte file: 400 saying the file is empty, nothing kept', async () => {
    const answer = await post(embedder.url, fileForm(Buffer.alloc(0), 'cases.csv'));
    expect(answer?.status).toBe(400);
    expect(answer?.body.error?.details).toEqual([{ field: 'file', reason: 'is empty (0 bytes)' }]);
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('a BOM + CRLF Excel "CSV UTF-8" export ingests every row; the same file again ends "nothing new", not a plain success', async () => {
    const csv = BOM + excelLine(HEADER) + ['e-1', 'e-2', 'e-3'].map((id) => excelRow(id)).join('');
    const first = await post(embedder.url, fileForm(csv, 'excel.csv'));
    expect(first?.status).toBe(202);
    const done = await waitForJob(embedder.url, first!.body.id!);
    expect(done).toMatchObject({
      state: 'succeeded',
      outcome: 'added',
      warning: null,
      error: null,
      counters: { read: 3, accepted: 3, rejected: 0, duplicate: 0, indexed: 3 },
    });
    await expectNoLeftovers(); // a succeeded job's upload is deleted

    // The same export with a column mapping (the header's first name carries the BOM in the bytes).
    const again = Buffer.concat([
      part('columnMapping', JSON.stringify({ caseId: 'patient_uid', text: 'patient' })),
      fileForm(csv, 'excel.csv'),
    ]);
    const second = await post(embedder.url, again);
    expect(second?.status).toBe(202);
    const repeat = await waitForJob(embedder.url, second!.body.id!);
    expect(repeat).toMatchObject({ state: 'succeeded', outcome: 'nothing_new', counters: { read: 3, accepted: 0, duplicate: 3 } });
    expect(repeat.warning).toBe('Nothing new was added: of 3 rows, 3 were already in the corpus and 0 were rejected.');
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('a header-only CSV ends "empty" with a warning, not a plain success', async () => {
    const answer = await post(embedder.url, fileForm(BOM + excelLine(HEADER), 'header-only.csv'));
    expect(answer?.status).toBe(202);
    const done = await waitForJob(embedder.url, answer!.body.id!);
    expect(done).toMatchObject({ state: 'succeeded', outcome: 'empty', counters: { read: 0, accepted: 0 } });
    expect(done.warning).toMatch(/no data rows/);
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('an Excel-style export with quoted CRLFs, a bare quote, a truncated age list and a 3 MB text: each good row accepted once, each bad row rejected once with its row, line, field and reason', async () => {
    const rows = [
      excelRow('x-1'),
      excelRow('x-2', `${TEXT}\r\nSecond paragraph, after a line break in the cell.`),
      // A bare quote inside an unquoted field: Excel would have quoted it, a hand edit did not.
      `0,x-3,123,p.xml,A title,She said "dizzy" twice ${TEXT},"[[45.0, 'year']]",F\r\n`,
      excelRow('x-4', TEXT, "[[45.0, 'year']"),
      excelRow('x-5', 'z'.repeat(3 * 1024 * 1024)),
      excelRow('x-6', `${TEXT} Diagnosis: Ménière’s disease.`),
      excelRow('x-7'),
    ];
    const csv = BOM + excelLine(HEADER) + rows.join('');
    const answer = await post(embedder.url, fileForm(csv, 'export.csv'));
    expect(answer?.status).toBe(202);
    const done = await waitForJob(embedder.url, answer!.body.id!);
    expect(done).toMatchObject({
      state: 'succeeded',
      outcome: 'added',
      counters: { read: 7, accepted: 4, rejected: 3, duplicate: 0, indexed: 4 },
    });
    const page = (await api<RejectionPage>(embedder.url, 'GET', `/v1/ingestions/${done.id}/rejections?outcome=all`)).body;
    // Physical lines: the header is line 1; x-2 spans lines 3-4 (a CRLF inside its quotes).
    expect(page.rejections.map((r) => ({ row: r.row, line: r.line, caseId: r.caseId, field: r.field }))).toEqual([
      { row: 3, line: 5, caseId: null, field: '(row)' },
      { row: 4, line: 6, caseId: 'x-4', field: 'age' },
      { row: 5, line: 7, caseId: 'x-5', field: 'text' },
    ]);
    expect(page.rejections[0]!.reason).toMatch(/quote/i);
    expect(page.rejections[1]!.reason).toBe(`column "age" (age): cannot read [[45.0, 'year']: expected [[value, 'unit'], ...]`);
    expect(page.rejections[2]!.reason).toMatch(/^column "patient" \(text\): too long \(\d+ characters, at most 100000\)$/);
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('a JSONL export led by a metadata object, whose first case leaves out its null title: the metadata rejected once, every case accepted with its own fields', async () => {
    const text = (n: number) => `Case ${n}: a 52-year-old woman presented with two days of fever, rigors and flank pain.`;
    const jsonl = [
      JSON.stringify({ export: 'PMC-Patients subset', created: '2026-12-01', records: 3 }),
      JSON.stringify({ patient_uid: 'jm-1', patient: text(1), age: [[52, 'year']], gender: 'F' }),
      JSON.stringify({
        patient_uid: 'jm-2',
        patient: text(2),
        age: [[47, 'year']],
        gender: 'M',
        title: 'Pyelonephritis in a diabetic man',
      }),
      JSON.stringify({ patient_uid: 'jm-3', patient: text(3), age: [[60, 'year']], gender: 'F', title: 'Emphysematous pyelonephritis' }),
    ].join('\n');
    const answer = await post(embedder.url, fileForm(jsonl, 'export.jsonl'));
    expect(answer?.status).toBe(202);
    const done = await waitForJob(embedder.url, answer!.body.id!);
    expect(done).toMatchObject({ state: 'succeeded', outcome: 'added', counters: { read: 4, accepted: 3, rejected: 1 } });
    const page = (await api<RejectionPage>(embedder.url, 'GET', `/v1/ingestions/${done.id}/rejections?outcome=all`)).body;
    expect(page.rejections).toEqual([
      expect.objectContaining({
        row: 1,
        line: 1,
        field: 'caseId',
        reason: expect.stringMatching(/keys found: "export", "created", "records"/),
      }),
    ]);
    const second = await api<{ title: string }>(embedder.url, 'GET', '/v1/cases/jm-2');
    expect(second.body.title).toBe('Pyelonephritis in a diabetic man');
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('another system’s CSV (capitalised names, ages in words, rows of empty cells at the end) ingests every case', async () => {
    const text = (n: number) => `Export case ${n}: a man presented with sudden severe headache, neck stiffness and vomiting.`;
    const csv = ['CASE_ID,Text,Age,Sex', `ex-1,"${text(1)}",45 years,M`, `ex-2,"${text(2)}",1 year 6 months,F`, ',,,', ',,,', ''].join(
      '\r\n',
    );
    const answer = await post(embedder.url, fileForm(csv, 'other-system.csv'));
    const done = await waitForJob(embedder.url, answer!.body.id!);
    expect(done).toMatchObject({ state: 'succeeded', outcome: 'added', counters: { read: 2, accepted: 2, rejected: 0 } });
    expect((await api<{ age: number }>(embedder.url, 'GET', '/v1/cases/ex-2')).body.age).toBe(1.5);
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('a JSON array named .jsonl and cut off in its third element: the two whole cases accepted, the break one rejected row', async () => {
    const cases = [1, 2, 3].map((n) => ({
      patient_uid: `cut-${n}`,
      patient: `Cut export case ${n}: a child with fever, a non-blanching rash and drowsiness since the morning.`,
      age: [[6, 'year']],
      gender: 'F',
    }));
    const cut = JSON.stringify(cases, null, 2).slice(0, -80);
    const answer = await post(embedder.url, fileForm(cut, 'cut.jsonl'));
    const done = await waitForJob(embedder.url, answer!.body.id!);
    expect(done).toMatchObject({ state: 'succeeded', counters: { read: 3, accepted: 2, rejected: 1 } });
    const page = (await api<RejectionPage>(embedder.url, 'GET', `/v1/ingestions/${done.id}/rejections?outcome=all`)).body;
    expect(page.rejections).toEqual([
      expect.objectContaining({ row: 3, field: '(row)', reason: expect.stringMatching(/^the JSON breaks off after element 2/) }),
    ]);
    await expectNoLeftovers();
    await expectHealthy();
  });
});

/** The must-show Excel export: rows.json describes it; expected.json holds Python's csv module's numbers for it. */
const EXCEL_FIXTURE = fileURLToPath(new URL('./fixtures/excel-export/', import.meta.url));
type ExcelRow = ({ fields: (string | { repeat: string; times: number })[] } | { raw: string }) & {
  expect: 'accepted' | { field: string; reason?: string; reasonMatches?: string };
};
interface ExcelSpec {
  columnMapping: Record<string, string>;
  header: string[];
  rows: ExcelRow[];
}
interface ExcelExpected {
  bytes: number;
  sha256: string;
  records: { row: number; line: number; caseId: string }[];
}

describe('the Excel export fixture (rows and lines from Python’s csv module) against the embedder process', () => {
  const embedder = useEmbedderProcess(LARGE_LIMIT);

  it('accepts every good row exactly once and rejects every bad row once, with its true row and line, its source column name and the reason', async () => {
    const spec = JSON.parse(readFileSync(join(EXCEL_FIXTURE, 'rows.json'), 'utf8')) as ExcelSpec;
    const expected = JSON.parse(readFileSync(join(EXCEL_FIXTURE, 'expected.json'), 'utf8')) as ExcelExpected;
    const csv = Buffer.from(
      BOM +
        excelLine(spec.header) +
        spec.rows
          .map((r) =>
            'raw' in r ? `${r.raw}\r\n` : excelLine(r.fields.map((f) => (typeof f === 'string' ? f : f.repeat.repeat(f.times)))),
          )
          .join(''),
    );
    // The same bytes make-expectations.py read: its row and line numbers apply to this file.
    expect({ bytes: csv.length, sha256: createHash('sha256').update(csv).digest('hex') }).toEqual({
      bytes: expected.bytes,
      sha256: expected.sha256,
    });

    const answer = await post(
      embedder.url,
      Buffer.concat([part('columnMapping', JSON.stringify(spec.columnMapping)), fileForm(csv, 'excel-export.csv')]),
    );
    expect(answer?.status).toBe(202);
    const done = await waitForJob(embedder.url, answer!.body.id!);
    const rows = spec.rows;
    const good = expected.records.filter((_, i) => rows[i]!.expect === 'accepted');
    const bad = expected.records.filter((_, i) => rows[i]!.expect !== 'accepted');
    expect(done).toMatchObject({
      state: 'succeeded',
      outcome: 'added',
      counters: { read: expected.records.length, accepted: good.length, rejected: bad.length, duplicate: 0, indexed: good.length },
    });

    const page = (await api<RejectionPage>(embedder.url, 'GET', `/v1/ingestions/${done.id}/rejections?outcome=all`)).body;
    expect(page.rejections.map((r) => ({ row: r.row, line: r.line, caseId: r.caseId, field: r.field, reason: r.reason }))).toEqual(
      bad.map((record) => {
        const want = rows[record.row - 1]!.expect as Exclude<ExcelRow['expect'], 'accepted'>;
        return {
          row: record.row,
          line: record.line,
          // A record the CSV parser cannot read has no fields, so no case id.
          caseId: want.field === '(row)' ? null : record.caseId,
          field: want.field,
          reason: want.reason ?? expect.stringMatching(new RegExp(want.reasonMatches!, 'i')),
        };
      }),
    );
    for (const record of good) expect((await api(embedder.url, 'GET', `/v1/cases/${record.caseId}`)).status).toBe(200);
    await embedder.expectNoLeftovers();
    await embedder.expectHealthy();
  });
});

describe(`uploads over a small MAX_UPLOAD_BYTES (${MAX_UPLOAD_BYTES})`, () => {
  const embedder = useEmbedderProcess(MAX_UPLOAD_BYTES);
  const { expectNoLeftovers, expectHealthy } = embedder;

  it('over MAX_UPLOAD_BYTES while streaming (no Content-Length): 413 once the limit is passed, the partial file removed', async () => {
    const answer = await post(embedder.url, fileForm(Buffer.alloc(MAX_UPLOAD_BYTES * 2, 'c')), { chunked: true });
    expect(answer?.status).toBe(413);
    expect(answer?.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: [{ field: 'file', reason: `larger than ${MAX_UPLOAD_BYTES} bytes` }],
    });
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('refuses to boot with an unreadable MAX_UPLOAD_BYTES, naming it', async () => {
    const bad = new ServiceProcess({ cwd: APP_DIR, entry: 'dist/main.js', env: { SERVICE_TOKEN: TOKEN, MAX_UPLOAD_BYTES: 'a lot' } });
    expect((await bad.exited).code).toBe(1);
    expect(bad.stderr.join('\n')).toMatch(/^Invalid configuration: .*MAX_UPLOAD_BYTES: /);
  });
});

// Its own process: a failed job keeps its upload for a retry, which the leftover checks above would count.
describe('a source that fails, against the embedder process', () => {
  const embedder = useEmbedderProcess(LARGE_LIMIT);

  it('a CSV without its header row fails naming the missing columns, and no log line quotes the row it read as one', async () => {
    const marker = 'Mrs PHI-MARKER-Hostile, a 45-year-old teacher';
    const headerless = excelLine([
      '0',
      'PMC-77',
      '123',
      'p.xml',
      'A title',
      `${marker}, presented with vertigo and tinnitus.`,
      '[[45.0, year]]',
      'F',
    ]);
    const answer = await post(embedder.url, fileForm(headerless, 'no-header.csv'));
    expect(answer?.status).toBe(202);
    const done = await waitForJob(embedder.url, answer!.body.id!);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/caseId: none of the columns .* is in the source/);
    // The job's own error (for the operator, behind the service token) may name what it found; the logs never do.
    const logged = embedder.proc.stdout.filter((line) => line.includes('"job failed"'));
    expect(logged.length).toBeGreaterThan(0);
    expect(embedder.proc.stdout.join('\n')).not.toContain('PHI-MARKER');
    expect(JSON.parse(logged.at(-1)!).err).toMatchObject({ type: 'Error' });
    await embedder.expectHealthy();
  });
});
