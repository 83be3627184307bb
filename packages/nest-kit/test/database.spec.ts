import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { openDatabase } from '../src/index.js';

describe('the embedded database (PGlite)', () => {
  it('runs with 32 MB of shared buffers, so a read of every case does not leave 128 MB resident', async () => {
    const database = await openDatabase({});
    try {
      const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db);
      expect(rows[0]?.shared_buffers).toBe('32MB');
      // PGlite's own defaults still apply (one search path, errors do not end the session).
      const { rows: path } = await sql<{ search_path: string }>`show search_path`.execute(database.db);
      expect(path[0]?.search_path).toBe('public');
    } finally {
      await database.close();
    }
  });
});
