/**
 * `pnpm --filter @patientinsight/backend audit:verify`: walks the whole audit chain (HMAC, links,
 * sequence) and checks it still reaches the last checkpoint in the checkpoint store. Prints one JSON
 * line per finding (sequence number, code, reason; never a row's content) and a summary line; exits
 * 0 when intact, 1 on any finding. Reads only. The logic is AuditVerifier's (audit/audit-verifier.ts).
 */
import { boot, openDatabase } from '@patientinsight/nest-kit';
import { loadBackendConfig } from '../config/backend.config.js';
import type { BackendDb } from '../database/backend-db.js';
import { AuditKeyring } from '../audit/audit-chain.js';
import { createCheckpointStore } from '../audit/audit-checkpoints.js';
import { type AuditConfig, auditConfigKeys } from '../audit/audit.config.js';
import { pickConfig } from '../common/config-slice.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { AuditVerifier } from '../audit/audit-verifier.js';

await boot(async () => {
  const config = loadBackendConfig();
  const audit = pickConfig<AuditConfig>(auditConfigKeys, (key) => config[key as keyof typeof config]);
  const keyring = AuditKeyring.fromSecrets(audit.AUDIT_HMAC_KEY, audit.AUDIT_HMAC_KEYS_PREVIOUS);
  const database = await openDatabase<BackendDb>({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pg`,
  });
  try {
    const report = await new AuditVerifier(new AuditRepository(database, keyring), keyring, createCheckpointStore(audit)).verify();
    for (const finding of report.findings)
      process.stdout.write(`${JSON.stringify({ level: 'error', msg: 'audit finding', ...finding })}\n`);
    const { findings: _, ...summary } = report;
    process.stdout.write(
      `${JSON.stringify({ level: report.ok ? 'info' : 'error', msg: report.ok ? 'audit chain intact' : 'audit chain broken', ...summary })}\n`,
    );
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
});
