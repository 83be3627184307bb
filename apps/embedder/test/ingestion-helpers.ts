import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp, DATABASE, type Database, type DatabaseOptions } from '@patientinsight/nest-kit';
import { dropTestSchema, testDatabaseOptions } from '@patientinsight/nest-kit/testing';
import { freePort } from '@patientinsight/testing';
import { type IngestionJob, TERMINAL_INGESTION_STATES } from '@patientinsight/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { AppModule } from '../src/app.module.js';
import { loadEmbedderConfig } from '../src/config/embedder.config.js';
import type { EmbedderDb } from '../src/database/embedder-db.js';

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DATA = fileURLToPath(new URL('../../../data/', import.meta.url));
export const SAMPLE_CSV = join(REPO_DATA, 'pmc-patients-sample-1000.csv');
export const TOKEN = 'ingestion-test-token-0123456789';
export const auth = { authorization: `Bearer ${TOKEN}` };

export type SampleRow = Record<string, string>;
let sampleCache: SampleRow[] | undefined;
export function sampleRows(): SampleRow[] {
  sampleCache ??= parse(readFileSync(SAMPLE_CSV), { columns: true }) as SampleRow[];
  return sampleCache;
}
export const SAMPLE_COLUMNS = [
  'patient_id',
  'patient_uid',
  'PMID',
  'file_path',
  'title',
  'patient',
  'age',
  'gender',
  'relevant_articles',
  'similar_patients',
];

/** Cases generated from the sample: new ids and a variant marker so each text hashes differently; ages shifted if asked. */
export function generateCases(count: number, options: { prefix: string; ageShiftYears?: number } = { prefix: 'g' }): SampleRow[] {
  const sample = sampleRows();
  const out: SampleRow[] = [];
  for (let i = 0; i < count; i++) {
    const base = sample[i % sample.length]!;
    let age = base.age!;
    if (options.ageShiftYears)
      age = age.replace(/\[\s*([\d.]+)\s*,\s*'year'\s*\]/, (_m, v: string) => `[${Number(v) + options.ageShiftYears!}, 'year']`);
    out.push({
      ...base,
      patient_id: String(i),
      patient_uid: `${options.prefix}-${i}`,
      patient: `${base.patient} [${options.prefix} variant ${i}]`,
      age,
    });
  }
  return out;
}

export function toCsv(rows: SampleRow[]): string {
  return stringify(rows, { header: true, columns: SAMPLE_COLUMNS });
}

export interface TestEmbedder {
  app: NestExpressApplication;
  url: string;
  metricsUrl: string;
  database: Database<EmbedderDb>;
  dataDir: string;
  /** Where its database lives, to start another embedder on the same one (`reuse`). */
  stored: { dataDir: string; db: DatabaseOptions };
  /** Stops the app and keeps its data folder and database. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole embedder (AppModule, as main.ts builds it) on a driver, listening on a free port; with `reuse`,
 * on the data folder and database of one that was stopped (a restart).
 */
export async function startEmbedder(
  driver: 'pglite' | 'postgres',
  env: Record<string, string> = {},
  options: { logDestination?: Writable; reuse?: TestEmbedder['stored'] } = {},
): Promise<TestEmbedder> {
  const dataDir = options.reuse?.dataDir ?? (await mkdtemp(join(tmpdir(), 'embedder-ingest-')));
  const db = options.reuse?.db ?? (await testDatabaseOptions(driver));
  const metricsPort = await freePort();
  const config = loadEmbedderConfig({
    SERVICE_TOKEN: TOKEN,
    DATA_DIR: dataDir,
    METRICS_PORT: String(metricsPort),
    LOG_LEVEL: 'warn',
    LOCAL_SOURCE_ROOTS: [REPO_DATA, dataDir].join(','),
    INGEST_POLL_MS: '100',
    INGEST_LEASE_MS: '5000',
    ...(db.url ? { DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema! } : {}),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, { logDestination: options.logDestination ?? devNull() })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    database: app.get(DATABASE),
    dataDir,
    stored: { dataDir, db },
    stop: () => app.close(),
    close: async () => {
      await app.close();
      await dropTestSchema(db);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function devNull(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; text: string; headers: Headers }> {
  const send = () =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let res: Response;
  try {
    res = await send();
  } catch (error) {
    // A reused keep-alive socket the server closed at the same moment (ECONNRESET): any HTTP client
    // retries an idempotent request once; a second failure is real.
    if (method !== 'GET') throw error;
    res = await send();
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV and other bodies stay text
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** Polls the job until it reaches one of `states` (default: final or held). */
export async function waitForJob(
  base: string,
  id: string,
  states: readonly string[] = [...TERMINAL_INGESTION_STATES, 'awaiting_approval'],
  timeoutMs = 120_000,
): Promise<IngestionJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api<IngestionJob>(base, 'GET', `/v1/ingestions/${id}`);
    if (states.includes(body.state)) return body;
    if (Date.now() > until) throw new Error(`job ${id} still ${body.state} after ${timeoutMs} ms: ${JSON.stringify(body.counters)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function ingestUri(base: string, sourceUri: string, extra: Record<string, unknown> = {}): Promise<IngestionJob> {
  const res = await api<{ id: string }>(base, 'POST', '/v1/ingestions', { sourceUri, format: 'csv', ...extra });
  if (res.status !== 202) throw new Error(`ingestion refused: ${res.status} ${res.text}`);
  return waitForJob(base, res.body.id);
}
