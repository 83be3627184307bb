/** `pnpm --filter @patientinsight/embedder migrate`: runs the migrations and exits (Kubernetes Job). */
import { boot, migrateToLatest, openDatabase } from '@patientinsight/nest-kit';
import { loadEmbedderConfig } from '../config/embedder.config.js';
import { embedderMigrations } from './migrations/index.js';

await boot(async () => {
  const config = loadEmbedderConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pg`, schema: config.DATABASE_SCHEMA });
  const result = await migrateToLatest(database.db, embedderMigrations, { schema: config.DATABASE_SCHEMA });
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'migrated', applied: result.results?.map((r) => r.migrationName) ?? [] })}\n`,
  );
  await database.close();
});
