import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp, DATABASE, type Database, type DatabaseOptions } from '@patientinsight/nest-kit';
import { dropTestSchema, testDatabaseOptions } from '@patientinsight/nest-kit/testing';
import { freePort } from '@patientinsight/testing';
import { parse } from 'csv-parse/sync';
import type { Insertable } from 'kysely';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { AppModule } from '../src/app.module.js';
import { loadEmbedderConfig } from '../src/config/embedder.config.js';
import { CorpusIndexer } from '../src/corpus/corpus-indexer.js';
import type { CaseRecordTable, EmbedderDb } from '../src/database/embedder-db.js';

export const RETRIEVAL_TOKEN = 'retrieval-test-token-0123456789';
export const SAMPLE_CSV = fileURLToPath(new URL('../../../data/pmc-patients-sample-1000.csv', import.meta.url));

export interface SampleCase {
  caseId: string;
  pmid: string;
  title: string;
  text: string;
  age: number | null;
  sex: 'F' | 'M' | null;
}

let cache: SampleCase[] | undefined;
/** The repository's sample as cleaned cases (age in years from the first [value, unit] pair). */
export function sampleCases(): SampleCase[] {
  cache ??= (parse(readFileSync(SAMPLE_CSV), { columns: true }) as Record<string, string>[]).map((r) => {
    const m = /\[\[\s*([\d.]+)\s*,\s*'(year|month|week|day)'/.exec(r.age ?? '');
    const divisor = { year: 1, month: 12, week: 52.18, day: 365.25 }[(m?.[2] ?? 'year') as 'year'];
    return {
      caseId: r.patient_uid!,
      pmid: r.PMID!,
      title: r.title!,
      text: r.patient!,
      age: m ? Number(m[1]) / divisor : null,
      sex: r.gender === 'F' || r.gender === 'M' ? r.gender : null,
    };
  });
  return cache;
}

/** Writes cases into case_record the way ingestion does: staged under a job until the indexer promotes it. */
export async function stageCases(database: Database<EmbedderDb>, cases: SampleCase[], jobId: string): Promise<void> {
  const rows: Insertable<CaseRecordTable>[] = cases.map((c) => ({
    case_id: c.caseId,
    pmid: c.pmid,
    title: c.title,
    text: c.text,
    age: c.age,
    sex: c.sex,
    text_hash: createHash('sha256').update(c.text).digest('hex'),
    job_id: jobId,
    state: 'staged',
  }));
  for (let i = 0; i < rows.length; i += 500)
    await database.db
      .insertInto('case_record')
      .values(rows.slice(i, i + 500))
      .execute();
}

export interface RetrievalApp {
  app: NestExpressApplication;
  url: string;
  metricsUrl: string;
  database: Database<EmbedderDb>;
  /** How to open the same database (a second embedder on it plays another replica). */
  databaseOptions: DatabaseOptions;
  indexer: CorpusIndexer;
  dataDir: string;
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The whole embedder (AppModule) on a driver, listening on a free port; the ingestion worker is off.
 * `sharedDatabase`: another embedder's PostgreSQL database (a second replica; the first one drops it).
 */
export async function startRetrievalApp(
  driver: 'pglite' | 'postgres',
  env: Record<string, string> = {},
  sharedDatabase?: DatabaseOptions,
): Promise<RetrievalApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'embedder-retrieval-'));
  const db = sharedDatabase ?? (await testDatabaseOptions(driver));
  const metricsPort = await freePort();
  const config = loadEmbedderConfig({
    SERVICE_TOKEN: RETRIEVAL_TOKEN,
    DATA_DIR: dataDir,
    METRICS_PORT: String(metricsPort),
    LOG_LEVEL: 'warn',
    INGEST_WORKER: 'false',
    LSA_DIMENSION: '64',
    ...(db.url ? { DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema! } : {}),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, { logDestination: new Writable({ write: (_c, _e, cb) => cb() }) })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    database: app.get(DATABASE),
    databaseOptions: db,
    indexer: app.get(CorpusIndexer),
    dataDir,
    call: async (method, path, body, headers = { authorization: `Bearer ${RETRIEVAL_TOKEN}` }) => {
      const send = () =>
        fetch(`${url}${path}`, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        });
      // A pooled keep-alive socket the server closed at that very moment is reset on reuse (ECONNRESET);
      // searches and reads are idempotent, so they are sent once more, as any HTTP client would.
      const res = await send().catch(() => send());
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never };
    },
    close: async () => {
      await app.close();
      if (!sharedDatabase) await dropTestSchema(db);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
