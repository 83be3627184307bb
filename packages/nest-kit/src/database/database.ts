import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import pg from 'pg';
import { errorLogFields } from '../errors/error-log.js';

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL (production); unset for the embedded PGlite. */
  url?: string;
  /** PGlite data folder; unset keeps the embedded database in memory (tests). */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate themselves in a schema of their own). */
  schema?: string;
  poolSize?: number;
}

export interface Database<DB> {
  db: Kysely<DB>;
  driver: 'postgres' | 'pglite';
  /** The PostgreSQL schema the tables live in, when not the default. */
  schema?: string;
  /**
   * PGlite only: puts bytes in the embedded server's own file system, where `COPY … FROM '<path>'` reads them in
   * the current transaction (COPY FROM STDIN cannot go through Kysely). Remove the file once the statement is done.
   */
  serverFile?(bytes: Uint8Array): { path: string; remove(): void };
  close(): Promise<void>;
}

let serverFiles = 0;

/**
 * PGlite with 32 MB of shared buffers instead of PostgreSQL's 128 MB. Its memory is the process's own (WebAssembly
 * memory never shrinks) and an ingestion reads every case through the buffers, so all 128 MB stayed resident from
 * then on; the operating system's file cache serves the re-reads (docs/benchmarks.md, Ingestion).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** Opens Kysely on PostgreSQL or PGlite: the same SQL and the same migrations run on both. */
export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    // An idle client whose connection drops (database restart, network cut) emits 'error' on the
    // pool; unhandled, that would crash the process. The next query reconnects, and readiness
    // reports the outage meanwhile.
    const onLost = (error: Error) => {
      process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'database connection lost', ...errorLogFields(error) })}\n`);
    };
    pool.on('error', onLost);
    // A client that is checked out when its connection drops emits on itself, not on the pool; the
    // query in flight fails with the same error, so a listener is all that is needed here.
    pool.on('connect', (client) => client.on('error', onLost));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, driver: 'postgres', schema: options.schema, close: () => db.destroy() };
  }
  const pglite = await PGlite.create(options.dataDir ?? 'memory://', { startParams: PGLITE_START_PARAMS });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    driver: 'pglite',
    serverFile: (bytes) => {
      const path = `/tmp/server-file-${++serverFiles}`;
      pglite.Module.FS.writeFile(path, bytes);
      return { path, remove: () => pglite.Module.FS.unlink(path) };
    },
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Runs the service's migrations to the latest version. Kysely takes a lock first (an advisory lock
 * on PostgreSQL), so replicas starting together migrate once.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  options: { schema?: string } = {},
): Promise<MigrationResultSet> {
  // Kysely looks for its migration tables in every schema; name ours, or a test schema next door
  // that already has them makes it skip creating its own ("kysely_migration_lock does not exist").
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: options.schema });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** Cheap liveness probe for readiness checks. */
export async function pingDatabase<DB>(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
