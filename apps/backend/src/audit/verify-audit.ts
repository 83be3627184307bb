/**
 * `pnpm --filter @patientinsight/backend audit:verify`: walks the whole audit chain and exits 0 when
 * every row's hash and link match, 1 (naming the first bad row) otherwise. Reads only.
 */
import { boot, openDatabase } from '@patientinsight/nest-kit';
import { loadBackendConfig } from '../config/backend.config.js';
import type { BackendDb } from '../database/backend-db.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

await boot(async () => {
  const config = loadBackendConfig();
  const database = await openDatabase<BackendDb>({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pg` });
  try {
    const result = await new AuditService(new AuditRepository(database)).verify();
    process.stdout.write(`${JSON.stringify({ level: result.ok ? 'info' : 'error', msg: result.ok ? 'audit chain intact' : 'audit chain broken', ...result })}\n`);
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
});
