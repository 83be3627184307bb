import type { Kysely } from 'kysely';
import { pingDatabase } from '../database/database.js';

/**
 * Races `select 1` against a timeout. Resolves when the database answers, rejects with the reason
 * otherwise; each app's readiness controller turns that into a terminus indicator.
 */
export async function probeDatabase<DB>(db: Kysely<DB>, timeoutMs = 1500): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pingDatabase(db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
