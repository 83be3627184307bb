import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { type AuditContent, AuditKeyring, GENESIS_HASH, keyedChainHash, signCheckpoint } from './audit-chain.js';
import { createCheckpointStore, S3CheckpointStore } from './audit-checkpoints.js';
import type { AuditConfig } from './audit.config.js';
import type { AuditRow } from './audit.repository.js';
import { AuditVerifier } from './audit-verifier.js';

// The S3 checkpoint store through the real AWS SDK against s3rver (a local server speaking the S3 REST protocol).
describe('audit checkpoints in S3', () => {
  let server: S3rver;
  let dir: string;
  let client: S3Client;
  /** Headers of every PutObject the store sent, as the SDK put them on the wire. */
  const putHeaders: Record<string, string>[] = [];
  const keyring = AuditKeyring.fromSecrets('s3-test-audit-hmac-key-0123456789abcdef', []);
  const config = (overrides: Partial<AuditConfig>): AuditConfig =>
    ({
      NODE_ENV: 'test',
      DATA_DIR: '/nonexistent',
      AUDIT_CHECKPOINT_STORE: 's3',
      AUDIT_CHECKPOINT_S3_URI: 's3://audit-anchors/backend/checkpoints/',
      AUDIT_CHECKPOINT_S3_LOCK_DAYS: 2192,
      ...overrides,
    }) as AuditConfig;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3rver-audit-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
    const { port } = await server.run();
    client = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { method?: string; headers?: Record<string, string> };
        if (request.method === 'PUT' && request.headers?.['content-type'] === 'application/json') putHeaders.push({ ...request.headers });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'capturePutHeaders' },
    );
    await client.send(new CreateBucketCommand({ Bucket: 'audit-anchors' }));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** An in-memory keyed chain of n rows (the verifier reads pages of rows; no database needed for the store's round trip). */
  const chain = (n: number): AuditRow[] => {
    const rows: AuditRow[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const content: AuditContent = {
        seq,
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, seq)),
        actorId: null,
        actorRole: null,
        action: 'auth.login',
        resourceType: 'session',
        resourceId: null,
        patientId: null,
        outcome: 'success',
        ip: null,
        userAgent: null,
        requestId: null,
        details: { seq },
        keyId: keyring.current.id,
      };
      const hash = keyedChainHash(keyring.current.secret, prevHash, content);
      rows.push({ ...content, prevHash, hash });
      prevHash = hash;
    }
    return rows;
  };
  const pages = (rows: AuditRow[]) => ({
    pageFrom: async (after: number, limit: number) => rows.filter((r) => r.seq > after).slice(0, limit),
  });

  it('writes each checkpoint as its own object and reads back the one with the highest sequence', async () => {
    const store = createCheckpointStore(config({}), client);
    expect(store.kind).toBe('s3');
    await expect(store.latest()).resolves.toBeNull();
    const rows = chain(12);
    const written = [];
    for (const seq of [3, 12, 9]) {
      const checkpoint = signCheckpoint(keyring, {
        sequence: seq,
        hash: rows[seq - 1]?.hash ?? '',
        time: new Date(Date.UTC(2026, 0, 2, 0, seq)),
      });
      await store.write(checkpoint);
      written.push(checkpoint);
    }
    await expect(store.latest()).resolves.toEqual(written[1]);
    // Without Object Lock configured, no retention headers are sent.
    expect(putHeaders.at(-1)).not.toHaveProperty('x-amz-object-lock-mode');

    await expect(new AuditVerifier(pages(rows), keyring, store).verify()).resolves.toMatchObject({
      ok: true,
      checked: 12,
      checkpoint: { sequence: 12, store: 's3' },
    });
    const truncated = await new AuditVerifier(pages(rows.slice(0, 10)), keyring, store).verify();
    expect(truncated.findings.map((f) => [f.seq, f.code])).toEqual([[12, 'TAIL_MISSING']]);
  });

  it('sends Object Lock retention with each checkpoint when configured', async () => {
    const store = createCheckpointStore(
      config({
        AUDIT_CHECKPOINT_S3_URI: 's3://audit-anchors/locked/',
        AUDIT_CHECKPOINT_S3_LOCK_MODE: 'COMPLIANCE',
        AUDIT_CHECKPOINT_S3_LOCK_DAYS: 30,
      }),
      client,
    );
    const before = Date.now();
    await store.write(signCheckpoint(keyring, { sequence: 1, hash: 'a'.repeat(64), time: new Date() }));
    const headers = putHeaders.at(-1) ?? {};
    expect(headers['x-amz-object-lock-mode']).toBe('COMPLIANCE');
    const until = Date.parse(headers['x-amz-object-lock-retain-until-date'] ?? '');
    expect(until - before).toBeGreaterThan(29 * 86_400_000);
    expect(until - before).toBeLessThan(31 * 86_400_000);
    await expect(store.latest()).resolves.toMatchObject({ sequence: 1 });
  });

  it('treats a replaced checkpoint object as forged, and an unreachable store as a finding', async () => {
    const store = new S3CheckpointStore(client, { bucket: 'audit-anchors', prefix: 'forged/' });
    const rows = chain(5);
    const genuine = signCheckpoint(keyring, { sequence: 5, hash: rows[4]?.hash ?? '', time: new Date() });
    await store.write(genuine);
    // Someone with bucket access (no Object Lock here) writes a newer-looking checkpoint without the key.
    await client.send(
      new PutObjectCommand({
        Bucket: 'audit-anchors',
        Key: 'forged/0',
        Body: JSON.stringify({ ...genuine, sequence: 4, hash: rows[3]?.hash }),
        ContentType: 'application/json',
      }),
    );
    expect((await new AuditVerifier(pages(rows), keyring, store).verify()).findings.map((f) => f.code)).toEqual(['CHECKPOINT_SIGNATURE']);

    const missing = new S3CheckpointStore(client, { bucket: 'no-such-bucket', prefix: '' });
    const report = await new AuditVerifier(pages(rows), keyring, missing).verify();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([{ seq: null, code: 'CHECKPOINT_UNREADABLE', reason: 'the checkpoints could not be read from S3' }]);
  });
});
