import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type Database, type DatabaseOptions, migrateToLatest, openDatabase } from '@patientinsight/nest-kit';
import { openTestDatabase, testDrivers } from '@patientinsight/nest-kit/testing';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpAdapterHost } from '@nestjs/core';
import { Registry } from 'prom-client';
import type { BackendDb } from '../database/backend-db.js';
import { backendMigrations } from '../database/migrations/index.js';
import { type AuditContent, AuditKeyring, GENESIS_HASH, keyedChainHash, legacyChainHash } from './audit-chain.js';
import { FileCheckpointStore } from './audit-checkpoints.js';
import type { AuditConfig } from './audit.config.js';
import { AuditIntegrity } from './audit-integrity.js';
import { AuditRepository, type AuditRow } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuditVerifier } from './audit-verifier.js';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const KEY = 'test-audit-hmac-key-0123456789abcdefghij';
const OLD_KEY = 'older-audit-hmac-key-0123456789abcdefghij';

describe.each(testDrivers())('audit trail on %s', (driver) => {
  let database: Database<BackendDb> & { options: DatabaseOptions };
  let keyring: AuditKeyring;
  let repository: AuditRepository;
  let audit: AuditService;
  let dir: string;
  let store: FileCheckpointStore;
  let verifier: AuditVerifier;

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
    keyring = AuditKeyring.fromSecrets(KEY, []);
    repository = new AuditRepository(database, keyring);
    audit = new AuditService(repository);
    dir = mkdtempSync(join(tmpdir(), 'audit-cp-'));
    store = new FileCheckpointStore(join(dir, 'checkpoints.jsonl'));
    verifier = new AuditVerifier(repository, keyring, store);
  });

  const entry = (i: number) => ({
    actor: { id: '11111111-1111-4111-8111-111111111111', role: 'doctor' },
    action: 'encounter.read',
    resourceType: 'encounter',
    resourceId: `e-${i}`,
    patientId: '22222222-2222-4222-8222-222222222222',
    outcome: 'success' as const,
    details: { i, nested: { b: 1, a: [1, 2] } },
  });
  const write = async (n: number) => {
    for (let i = 0; i < n; i++) await audit.record(entry(i));
  };
  const bypassTrigger = async (statement: ReturnType<typeof sql>) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await statement.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
  };
  const integrity = (registry = new Registry(), verifyEverySeconds = 3600) =>
    new AuditIntegrity(
      repository,
      audit,
      keyring,
      store,
      { AUDIT_CHECKPOINT_INTERVAL_SECONDS: 300, AUDIT_VERIFY_INTERVAL_SECONDS: verifyEverySeconds } as AuditConfig,
      registry,
    );
  const allRows = async (): Promise<AuditRow[]> => repository.pageFrom(0, 10_000);
  /** The attack the HMAC and the checkpoints answer: edit a row and recompute every later hash with plain SHA-256. */
  const rehashWithoutKey = async (editSeq: number) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    let prev = GENESIS_HASH;
    for (const row of await allRows()) {
      const content: AuditContent = {
        ...row,
        keyId: null,
        actorId: row.seq === editSeq ? '33333333-3333-4333-8333-333333333333' : row.actorId,
      };
      const hash = legacyChainHash(prev, content);
      await sql`update audit_log set actor_id = ${content.actorId}, key_id = null, prev_hash = ${prev}, hash = ${hash} where seq = ${row.seq}`.execute(
        database.db,
      );
      prev = hash;
    }
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
  };
  const codes = (report: { findings: { code: string }[] }) => [...new Set(report.findings.map((f) => f.code))];

  it('chains concurrent writes into one gap-free HMAC sequence that verifies', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => audit.record(entry(i))));
    const rows = await database.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash', 'key_id']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(new Set(rows.map((r) => r.key_id))).toEqual(new Set([keyring.current.id]));
    // The key is not in the database; the row's hash needs it.
    const [first] = await allRows();
    if (!first) throw new Error('no rows');
    expect(first.hash).toBe(keyedChainHash(Buffer.from(KEY), GENESIS_HASH, first));
    expect(first.hash).not.toBe(legacyChainHash(GENESIS_HASH, first));
    await expect(verifier.verify(7)).resolves.toMatchObject({ ok: true, checked: 60, findingsTotal: 0, findings: [] });
  });

  it('passes an untouched chain against its checkpoint, and commits writes recorded one after another', async () => {
    await write(5);
    const checker = integrity();
    expect(await checker.checkpoint()).toMatchObject({ sequence: 5, keyId: keyring.current.id });
    await write(2);
    await expect(verifier.verify()).resolves.toMatchObject({
      ok: true,
      checked: 7,
      headSeq: 7,
      checkpoint: { sequence: 5, store: 'file' },
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from any database user', async () => {
    await write(1);
    await expect(sql`update audit_log set outcome = 'denied'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(verifier.verify()).resolves.toMatchObject({ ok: true, checked: 1 });
  });

  it('detects a row edited by hand (with the trigger disabled) and names it', async () => {
    await write(10);
    await bypassTrigger(sql`update audit_log set actor_id = ${'33333333-3333-4333-8333-333333333333'} where seq = 7`);
    const report = await verifier.verify(4);
    expect(report).toMatchObject({ ok: false, checked: 10, findingsTotal: 1 });
    expect(report.findings).toEqual([{ seq: 7, code: 'HASH_MISMATCH', reason: expect.stringMatching(/edited/) }]);
  });

  it('detects an edit made under session_replication_role=replica (which skips the trigger)', async () => {
    await write(6);
    await database.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_log set outcome = 'denied' where seq = 4`.execute(trx);
    });
    const stored = await database.db.selectFrom('audit_log').select('outcome').where('seq', '=', '4').executeTakeFirstOrThrow();
    expect(stored.outcome).toBe('denied'); // the bypass worked: only the chain can tell
    const report = await verifier.verify();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ seq: 4, code: 'HASH_MISMATCH' })]);
  });

  it('detects a row edited together with its own hash (the next link breaks) and a deleted row', async () => {
    await write(5);
    await bypassTrigger(sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 3`);
    expect((await verifier.verify()).findings.map((f) => [f.seq, f.code])).toEqual([
      [3, 'HASH_MISMATCH'],
      [4, 'LINK_BROKEN'],
    ]);
    await bypassTrigger(sql`delete from audit_log where seq = 3`);
    const report = await verifier.verify();
    expect(report.findings.map((f) => [f.seq, f.code])).toEqual([
      [4, 'ROWS_MISSING'],
      [4, 'LINK_BROKEN'],
    ]);
    expect(report.findings[0]?.reason).toBe('rows 3 to 3 are missing');
  });

  it('detects deleting the last rows, which the chain alone cannot see, through the checkpoint', async () => {
    await write(10);
    await integrity().checkpoint();
    await bypassTrigger(sql`delete from audit_log where seq > 7`);
    await expect(new AuditVerifier(repository, keyring, null).verify()).resolves.toMatchObject({ ok: true, checked: 7 });
    const report = await verifier.verify();
    expect(report).toMatchObject({ ok: false, checked: 7, headSeq: 7 });
    expect(report.findings).toEqual([
      {
        seq: 10,
        code: 'TAIL_MISSING',
        reason: expect.stringMatching(/^the chain ends at 7 but the checkpoint of .* recorded row 10: the last rows were deleted$/),
      },
    ]);
  });

  it('detects a full rehash without the key: as pre-HMAC rows only the checkpoint can, as keyed rows every HMAC fails', async () => {
    await write(10);
    await integrity().checkpoint();
    await rehashWithoutKey(3);
    // Every row now carries a valid plain SHA-256 chain, as rows from before migration 0010 do.
    await expect(new AuditVerifier(repository, keyring, null).verify()).resolves.toMatchObject({ ok: true, unkeyedRows: 10 });
    const report = await verifier.verify();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ seq: 10, code: 'CHECKPOINT_MISMATCH' })]);

    // The same rehash keeping the key id: without the key no row's HMAC matches.
    await bypassTrigger(sql`update audit_log set key_id = ${keyring.current.id}`);
    const keyed = await verifier.verify();
    expect(codes(keyed)).toEqual(['HASH_MISMATCH', 'CHECKPOINT_MISMATCH']);
    expect(keyed.findingsTotal).toBe(11);
  });

  it('accepts pre-HMAC rows only as the chain’s prefix', async () => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const row: AuditContent = {
        seq,
        occurredAt: new Date('2026-01-01T00:00:00Z'),
        actorId: null,
        actorRole: null,
        action: 'auth.login',
        resourceType: 'session',
        resourceId: null,
        patientId: null,
        outcome: 'failure',
        ip: null,
        userAgent: null,
        requestId: null,
        details: null,
        keyId: null,
      };
      const hash = legacyChainHash(prev, row);
      await sql`insert into audit_log (seq, occurred_at, action, resource_type, outcome, prev_hash, hash) values (${seq}, ${row.occurredAt}, ${row.action}, ${row.resourceType}, ${row.outcome}, ${prev}, ${hash})`.execute(
        database.db,
      );
      prev = hash;
    }
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    await write(2);
    await expect(verifier.verify()).resolves.toMatchObject({ ok: true, checked: 5, unkeyedRows: 3 });
    // A pre-HMAC row appended by hand after keyed ones.
    const last = (await allRows()).at(-1);
    if (!last) throw new Error('no rows');
    const forged: AuditContent = { ...last, seq: 6, keyId: null };
    await sql`insert into audit_log (seq, occurred_at, action, resource_type, outcome, prev_hash, hash) values (6, ${forged.occurredAt}, ${forged.action}, ${forged.resourceType}, ${forged.outcome}, ${last.hash}, ${legacyChainHash(last.hash, { ...forged, actorId: null, actorRole: null, resourceId: null, patientId: null, ip: null, userAgent: null, requestId: null, details: null })})`.execute(
      database.db,
    );
    expect(codes(await verifier.verify())).toEqual(['UNKEYED_ROW_AFTER_KEYED']);
  });

  it('verifies rows and checkpoints of a rotated-away key with AUDIT_HMAC_KEYS_PREVIOUS, and names a key it lacks', async () => {
    keyring = AuditKeyring.fromSecrets(OLD_KEY, []);
    repository = new AuditRepository(database, keyring);
    audit = new AuditService(repository);
    await write(3);
    await integrity().checkpoint();
    const rotated = AuditKeyring.fromSecrets(KEY, [OLD_KEY]);
    await new AuditService(new AuditRepository(database, rotated)).record(entry(9));
    await expect(new AuditVerifier(repository, rotated, store).verify()).resolves.toMatchObject({ ok: true, checked: 4 });
    const withoutOld = await new AuditVerifier(repository, AuditKeyring.fromSecrets(KEY, []), store).verify();
    expect(codes(withoutOld)).toEqual(['CHECKPOINT_UNKNOWN_KEY', 'UNKNOWN_KEY']);
    expect(withoutOld.findings.filter((f) => f.code === 'UNKNOWN_KEY').map((f) => f.seq)).toEqual([1, 2, 3]);
  });

  it('detects a forged or edited checkpoint', async () => {
    await write(4);
    await integrity().checkpoint();
    const file = join(dir, 'checkpoints.jsonl');
    const line = JSON.parse(readFileSync(file, 'utf8').trim());
    appendFileSync(file, `${JSON.stringify({ ...line, sequence: 99 })}\n`);
    expect(codes(await verifier.verify())).toEqual(['CHECKPOINT_SIGNATURE', 'TAIL_MISSING']);
    writeFileSync(file, 'not json\n');
    expect((await verifier.verify()).findings).toEqual([
      { seq: null, code: 'CHECKPOINT_UNREADABLE', reason: 'the checkpoint file has a line that is not JSON (it was edited)' },
    ]);
  });

  it('exports audit_chain_verified from the scheduled check: ok, then broken after tail deletion and after a full rehash', async () => {
    await write(8);
    const registry = new Registry();
    const checker = integrity(registry);
    const gauge = async () =>
      Object.fromEntries(
        ((await registry.getSingleMetric('audit_chain_verified')?.get())?.values ?? []).map((v) => [v.labels.result, v.value]),
      );
    // The boot run: a checkpoint and a verification without being asked.
    checker.onApplicationBootstrap();
    for (let i = 0; i < 200 && (await gauge()).ok === undefined; i++) await new Promise((r) => setTimeout(r, 25));
    await checker.beforeApplicationShutdown();
    expect(await gauge()).toEqual({ ok: 1, broken: 0 });
    expect((await registry.getSingleMetric('audit_chain_last_verified_timestamp_seconds')?.get())?.values[0]?.value).toBeGreaterThan(0);
    expect((await store.latest())?.sequence).toBe(8);

    await bypassTrigger(sql`delete from audit_log where seq > 6`);
    await checker.verify();
    expect(await gauge()).toEqual({ ok: 0, broken: 1 });
    expect((await registry.getSingleMetric('audit_chain_findings')?.get())?.values[0]?.value).toBe(1);

    await write(2); // the chain is whole again up to 8, under other content
    await checker.verify();
    expect(await gauge()).toEqual({ ok: 0, broken: 1 });
    rmSync(store.path, { force: true });
    await checker.verify();
    expect(await gauge()).toEqual({ ok: 1, broken: 0 });
    await integrity().checkpoint();
    await rehashWithoutKey(2);
    await checker.verify();
    expect(await gauge()).toEqual({ ok: 0, broken: 1 });
  });

  it('writes a checkpoint at shutdown after the last recorded rows are committed', async () => {
    const checker = integrity();
    await write(2);
    checker.onApplicationBootstrap();
    const pending = Promise.all([audit.record(entry(7)), audit.record(entry(8))]);
    await checker.beforeApplicationShutdown();
    await pending;
    expect((await store.latest())?.sequence).toBe(4);
  });

  it('leaves a one-off command alone: no verification or checkpoint in a context without an HTTP adapter', async () => {
    await write(3);
    const registry = new Registry();
    const command = new AuditIntegrity(
      repository,
      audit,
      keyring,
      store,
      { AUDIT_CHECKPOINT_INTERVAL_SECONDS: 300, AUDIT_VERIFY_INTERVAL_SECONDS: 3600 } as AuditConfig,
      registry,
      { httpAdapter: undefined } as unknown as HttpAdapterHost,
    );
    command.onApplicationBootstrap();
    await audit.record(entry(4));
    await command.beforeApplicationShutdown();
    await expect(store.latest()).resolves.toBeNull();
    expect((await registry.getSingleMetric('audit_chain_verified')?.get())?.values).toEqual([]);
  });

  if (driver === 'postgres') {
    it('keeps one chain when two processes append at once (the advisory lock)', async () => {
      const second = await openDatabase<BackendDb>(database.options);
      try {
        const otherReplica = new AuditService(new AuditRepository(second, keyring));
        await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? audit : otherReplica).record(entry(i))));
        await expect(verifier.verify()).resolves.toMatchObject({ ok: true, checked: 40 });
      } finally {
        await second.close();
      }
    });

    it('`audit:verify` exits 0 when intact and 1 with one line per finding after tail deletion or a full rehash', async () => {
      await write(6);
      await integrity().checkpoint();
      const env = {
        ...process.env,
        DATABASE_URL: database.options.url,
        DATABASE_SCHEMA: database.options.schema,
        SERVICE_TOKEN: 'x'.repeat(20),
        AUDIT_HMAC_KEY: KEY,
        AUDIT_CHECKPOINT_FILE: store.path,
        NODE_ENV: 'test',
        NODE_OPTIONS: '',
      };
      const run = () => {
        const result = spawnSync(process.execPath, ['dist/cli/verify-audit.js'], { cwd: appDir, env, encoding: 'utf8' });
        return {
          status: result.status,
          lines: result.stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>),
          stdout: result.stdout,
        };
      };
      const intact = run();
      expect(intact.status).toBe(0);
      expect(intact.lines).toEqual([
        expect.objectContaining({ msg: 'audit chain intact', checked: 6, checkpoint: expect.objectContaining({ sequence: 6 }) }),
      ]);

      await bypassTrigger(sql`delete from audit_log where seq > 4`);
      const truncated = run();
      expect(truncated.status).toBe(1);
      expect(truncated.lines.map((l) => [l.msg, l.code ?? null])).toEqual([
        ['audit finding', 'TAIL_MISSING'],
        ['audit chain broken', null],
      ]);

      await write(2);
      await rehashWithoutKey(1);
      const rehashed = run();
      expect(rehashed.status).toBe(1);
      expect(rehashed.lines.find((l) => l.code === 'CHECKPOINT_MISMATCH')).toMatchObject({ seq: 6 });

      // No row content in the output: the patient id and the planted actor never appear.
      expect(`${truncated.stdout}${rehashed.stdout}`).not.toMatch(/22222222-2222|33333333-3333|encounter\.read/);
    });
  }
});
