import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import { sql } from 'kysely';
import type { EmbedderDb } from '../database/embedder-db.js';
import type { PineconeAppendLedger } from '../index/pinecone/pinecone-store.js';

/** First key of the append locks (the second is the version id's hash); activations use 7243001 in the one-key space. */
const APPEND_LOCK = 7243002;

/**
 * The Pinecone store's view of `corpus_version`: a version's committed case count (set by its activation, then by
 * each append in `CorpusRepository.promoteAppended`'s transaction, the moment an append becomes visible) and the
 * version's append lock.
 */
@Injectable()
export class CorpusAppendLedger implements PineconeAppendLedger {
  constructor(@Inject(DATABASE) private readonly database: Database<EmbedderDb>) {}

  /** One primary-key lookup. */
  async committedCaseCount(versionId: string): Promise<number | null> {
    const row = await this.database.db.selectFrom('corpus_version').select('case_count').where('id', '=', versionId).executeTakeFirst();
    return row?.case_count ?? null;
  }

  /**
   * A PostgreSQL session advisory lock on a connection of its own, held until `release`: appends from several
   * replicas follow one another, and a process that dies loses the lock with its connection. PGlite serves one
   * process, whose indexer already appends one job at a time (and its one connection cannot be held aside).
   */
  async lockAppends(versionId: string): Promise<{ release(): Promise<void> }> {
    if (this.database.driver === 'pglite') return { release: async () => {} };
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let acquired!: () => void;
    const locked = new Promise<void>((resolve) => {
      acquired = resolve;
    });
    const held = this.database.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${APPEND_LOCK}, hashtext(${versionId}))`.execute(connection);
      try {
        acquired();
        await released;
      } finally {
        await sql`select pg_advisory_unlock(${APPEND_LOCK}, hashtext(${versionId}))`.execute(connection);
      }
    });
    // Rejects when the connection fails before the lock is taken.
    await Promise.race([locked, held]);
    return {
      release: async () => {
        release();
        // An unlock that fails has lost its connection, and the lock with it.
        await held.catch(() => undefined);
      },
    };
  }
}
