import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, type DatabaseOptions, openDatabase } from './database.js';

/**
 * The drivers every database-backed suite runs on: PGlite and the real PostgreSQL (PG_TEST_URL,
 * default 127.0.0.1:5432/test, which this machine kind always runs). PG_TEST_URL=none skips PostgreSQL.
 */
export function testDrivers(): ('pglite' | 'postgres')[] {
  return process.env.PG_TEST_URL === 'none' ? ['pglite'] : ['pglite', 'postgres'];
}

export const DEFAULT_PG_TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Database options for one test: PGlite in memory, or a fresh schema of its own on the real
 * PostgreSQL (dropped by `dropTestSchema`), so suites can run in parallel.
 */
export async function testDatabaseOptions(driver: 'pglite' | 'postgres'): Promise<DatabaseOptions> {
  if (driver === 'pglite') return {};
  const url = process.env.PG_TEST_URL ?? DEFAULT_PG_TEST_URL;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return { url, schema, poolSize: 4 };
}

export async function dropTestSchema(options: DatabaseOptions): Promise<void> {
  if (!options.url || !options.schema) return;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  await client.query(`drop schema if exists ${options.schema} cascade`);
  await client.end();
}

export async function openTestDatabase<DB>(driver: 'pglite' | 'postgres'): Promise<Database<DB> & { options: DatabaseOptions }> {
  const options = await testDatabaseOptions(driver);
  const database = await openDatabase<DB>(options);
  return {
    ...database,
    options,
    close: async () => {
      await database.close();
      await dropTestSchema(options);
    },
  };
}
