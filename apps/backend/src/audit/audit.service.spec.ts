import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type Database, type DatabaseOptions, migrateToLatest, openDatabase } from '@patientinsight/nest-kit';
import { openTestDatabase, testDrivers } from '@patientinsight/nest-kit/testing';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BackendDb } from '../database/backend-db.js';
import { backendMigrations } from '../database/migrations/index.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

const appDir = fileURLToPath(new URL('../..', import.meta.url));

describe.each(testDrivers())('audit trail on %s', (driver) => {
  let database: Database<BackendDb> & { options: DatabaseOptions };
  let audit: AuditService;

  // One database per driver (PGlite takes seconds to start); each test starts from an empty trail.
  beforeAll(async () => {
    database = await openTestDatabase<BackendDb>(driver);
    await migrateToLatest(database.db, backendMigrations, { schema: database.options.schema });
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`delete from audit_log`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    audit = new AuditService(new AuditRepository(database));
  });

  const entry = (i: number) => ({ actor: { id: '11111111-1111-4111-8111-111111111111', role: 'doctor' }, action: 'encounter.read', resourceType: 'encounter', resourceId: `e-${i}`, patientId: '22222222-2222-4222-8222-222222222222', outcome: 'success' as const, details: { i, nested: { b: 1, a: [1, 2] } } });

  it('chains concurrent writes into one gap-free sequence that verifies', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => audit.record(entry(i))));
    const rows = await database.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    await expect(audit.verify(7)).resolves.toEqual({ ok: true, checked: 60, firstBadSeq: null, reason: null });
  });

  it('commits writes recorded one after another (each waits for the previous batch to end)', async () => {
    for (let i = 0; i < 5; i++) await audit.record(entry(i));
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, checked: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from any database user', async () => {
    await audit.record(entry(1));
    await expect(sql`update audit_log set outcome = 'denied'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, checked: 1 });
  });

  it('detects a row edited by hand (with the trigger disabled) and names it', async () => {
    for (let i = 0; i < 10; i++) await audit.record(entry(i));
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set actor_id = ${'33333333-3333-4333-8333-333333333333'} where seq = 7`.execute(database.db);
    const result = await audit.verify(4);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 7, checked: 6 });
    expect(result.reason).toMatch(/edited/);
  });

  it('detects a row edited together with its own hash (the next link breaks) and a deleted row', async () => {
    for (let i = 0; i < 5; i++) await audit.record(entry(i));
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 3`.execute(database.db);
    expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
    await sql`delete from audit_log where seq = 3`.execute(database.db);
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 4 });
    expect(result.reason).toMatch(/missing/);
  });

  if (driver === 'postgres') {
    it('keeps one chain when two processes append at once (the advisory lock)', async () => {
      const second = await openDatabase<BackendDb>(database.options);
      try {
        const otherReplica = new AuditService(new AuditRepository(second));
        await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? audit : otherReplica).record(entry(i))));
        await expect(audit.verify()).resolves.toMatchObject({ ok: true, checked: 40 });
      } finally {
        await second.close();
      }
    });

    it('`audit:verify` exits 0 on an intact chain and 1 on a tampered one', async () => {
      for (let i = 0; i < 3; i++) await audit.record(entry(i));
      const env = { ...process.env, DATABASE_URL: database.options.url, DATABASE_SCHEMA: database.options.schema, SERVICE_TOKEN: 'x'.repeat(20), NODE_OPTIONS: '' };
      const run = () => spawnSync(process.execPath, ['dist/audit/verify-audit.js'], { cwd: appDir, env, encoding: 'utf8' });
      const intact = run();
      expect([intact.status, JSON.parse(intact.stdout).msg]).toEqual([0, 'audit chain intact']);
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
      await sql`update audit_log set outcome = 'denied' where seq = 2`.execute(database.db);
      const broken = run();
      expect(broken.status).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({ msg: 'audit chain broken', firstBadSeq: 2 });
    });
  }
});
