/** `pnpm --filter @patientinsight/backend migrate`: runs the migrations and exits (Kubernetes Job). */
import { boot, migrateToLatest, openDatabase } from '@patientinsight/nest-kit';
import { loadBackendConfig } from '../config/backend.config.js';
import { backendMigrations } from '../database/migrations/index.js';

await boot(async () => {
  const config = loadBackendConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pg`, schema: config.DATABASE_SCHEMA });
  const result = await migrateToLatest(database.db, backendMigrations, { schema: config.DATABASE_SCHEMA });
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'migrated', applied: result.results?.map((r) => r.migrationName) ?? [] })}\n`,
  );
  await database.close();
});
