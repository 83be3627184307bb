import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type DatabaseOptions, openDatabase } from '@patientinsight/nest-kit';
import { dropTestSchema, testDatabaseOptions, testDrivers } from '@patientinsight/nest-kit/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendDb } from '../src/database/backend-db.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));

describe.each(testDrivers())('create-admin command on %s', (driver) => {
  let options: DatabaseOptions;
  let dataDir: string;
  beforeAll(async () => {
    options = await testDatabaseOptions(driver);
    dataDir = mkdtempSync(join(tmpdir(), 'create-admin-'));
  });
  afterAll(async () => {
    await dropTestSchema(options);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[], env: Record<string, string>, input?: string) =>
    spawnSync(process.execPath, ['dist/cli/create-admin.js', ...args], {
      cwd: appDir,
      input,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        SERVICE_TOKEN: 'create-admin-test-token',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        ...(options.url ? { DATABASE_URL: options.url, DATABASE_SCHEMA: options.schema ?? '' } : {}),
        ...env,
      },
    });

  it('refuses a weak password, then creates the admin from stdin, who can be found with an argon2id hash', async () => {
    const weak = run(['--email', 'ops@example.test'], { ADMIN_PASSWORD: 'short' });
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('password: must be at least 12 characters');

    const created = run(['--email', 'Ops@Example.test', '--name', 'Ops'], {}, 'a long admin passphrase\n');
    expect(created.status).toBe(0);
    const line = JSON.parse(created.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(line.msg).toBe('administrator created');

    const database = await openDatabase<BackendDb>(driver === 'pglite' ? { dataDir: `${dataDir}/pg` } : options);
    try {
      const admin = await database.db.selectFrom('users').selectAll().where('id', '=', line.userId).executeTakeFirstOrThrow();
      expect(admin).toMatchObject({ email: 'ops@example.test', role: 'admin', display_name: 'Ops', status: 'active' });
      expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    } finally {
      await database.close();
    }
  });
});
