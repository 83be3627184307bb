import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import { sql } from 'kysely';
import type { CaseRecordTable, EmbedderDb } from '../database/embedder-db.js';
import type { PineconeAppendLedger } from '../index/pinecone/pinecone-store.js';

/** The columns an index is built from. */
export type CaseRow = Pick<CaseRecordTable, 'case_id' | 'pmid' | 'title' | 'text' | 'age' | 'sex'>;

export interface CaseRowWithState extends CaseRow {
  state: 'staged' | 'live';
  job_id: string | null;
}

export interface VersionRow {
  id: string;
  state: 'building' | 'active' | 'retired' | 'failed';
  store: string | null;
  encoder: string | null;
  case_count: number | null;
  created_at: Date;
  activated_at: Date | null;
  build_ms: Record<string, number> | null;
  error: string | null;
}

export interface ActiveVersionRow {
  id: string;
  /** Cases it indexes: every live case (they go live only with it, in the same transaction); null for versions of older releases. */
  caseCount: number | null;
  appendedTokens: number;
  appendedUnknownTokens: number;
}

/** Another build activated first: this build's snapshot of the corpus is stale and must be redone. */
export class CorpusConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusConflictError';
  }
}

/** SQL of corpus versions, their fitted models and the case rows they index; nothing else touches these tables. */
/** First key of the append locks (the second is the version id's hash); activations use 7243001 in the one-key space. */
const APPEND_LOCK = 7243002;
/** PostgreSQL's lock_not_available: a lock wait passed lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

@Injectable()
export class CorpusRepository implements PineconeAppendLedger {
  constructor(@Inject(DATABASE) private readonly database: Database<EmbedderDb>) {}

  private get db() {
    return this.database.db;
  }

  async activeVersionId(): Promise<string | null> {
    const row = await this.db.selectFrom('corpus_version').select('id').where('state', '=', 'active').executeTakeFirst();
    return row?.id ?? null;
  }

  /** The active version with its case count and the tokens appended to it since its fit (one row, no scan of the cases). */
  async activeVersion(): Promise<ActiveVersionRow | null> {
    const row = await this.db
      .selectFrom('corpus_version')
      .select(['id', 'case_count', 'appended_tokens', 'appended_unknown_tokens'])
      .where('state', '=', 'active')
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      caseCount: row.case_count ?? null,
      appendedTokens: Number(row.appended_tokens ?? 0),
      appendedUnknownTokens: Number(row.appended_unknown_tokens ?? 0),
    };
  }

  async createBuilding(id: string, store: string, encoder: string, builder: string | null = null): Promise<void> {
    await this.db
      .insertInto('corpus_version')
      .values({ id, state: 'building', created_at: new Date(), activated_at: null, store, encoder, builder })
      .execute();
  }

  /** Versions still `building` that an earlier process of this instance started: it died before finishing them. */
  async buildingOfPredecessors(instance: string, current: string): Promise<string[]> {
    const prefix = `${instance}:`;
    const rows = await this.db
      .selectFrom('corpus_version')
      .select('id')
      .where('state', '=', 'building')
      .where(sql<boolean>`left(builder, ${prefix.length}) = ${prefix}`)
      .where('builder', '<>', current)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Brings the planner's statistics of case_record up to date before a build reads every case. PGlite runs no
   * autovacuum: on statistics from before a large load, each keyset page below was planned as bitmap scans of the
   * whole remaining key range and a sort, several times slower than the primary-key scan it gets after this.
   */
  async refreshStatistics(): Promise<void> {
    await sql`analyze case_record`.execute(this.db);
  }

  /**
   * The cases of a new version, in pages (keyset on case_id, so memory stays bounded): every live case
   * plus the staged cases of the jobs being promoted.
   */
  async *casesOfNewVersion(promoteJobIds: string[], pageSize = 2000): AsyncGenerator<CaseRowWithState[]> {
    let after: string | null = null;
    for (;;) {
      let query = this.db
        .selectFrom('case_record')
        .select(['case_id', 'pmid', 'title', 'text', 'age', 'sex', 'state', 'job_id'])
        .where((eb) =>
          promoteJobIds.length > 0
            ? eb.or([eb('state', '=', 'live'), eb.and([eb('state', '=', 'staged'), eb('job_id', 'in', promoteJobIds)])])
            : eb('state', '=', 'live'),
        )
        .orderBy('case_id')
        .limit(pageSize);
      if (after !== null) query = query.where('case_id', '>', after);
      const rows = await query.execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.case_id;
      if (rows.length < pageSize) return;
    }
  }

  /** The staged cases of these jobs, in pages (keyset on case_id). */
  async *stagedCases(jobIds: string[], pageSize = 2000): AsyncGenerator<CaseRow[]> {
    if (jobIds.length === 0) return;
    let after: string | null = null;
    for (;;) {
      let query = this.db
        .selectFrom('case_record')
        .select(['case_id', 'pmid', 'title', 'text', 'age', 'sex'])
        .where('state', '=', 'staged')
        .where('job_id', 'in', jobIds)
        .orderBy('case_id')
        .limit(pageSize);
      if (after !== null) query = query.where('case_id', '>', after);
      const rows = await query.execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.case_id;
      if (rows.length < pageSize) return;
    }
  }

  async countCases(filter: { live: true } | { stagedOf: string[] }): Promise<number> {
    let query = this.db.selectFrom('case_record').select((eb) => eb.fn.countAll<string>().as('n'));
    query =
      'live' in filter
        ? query.where('state', '=', 'live')
        : filter.stagedOf.length === 0
          ? query.where(sql<boolean>`false`)
          : query.where('state', '=', 'staged').where('job_id', 'in', filter.stagedOf);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  /**
   * The commit of an append: the jobs' staged rows go live and the version's case count and appended token totals
   * follow, in one transaction that refuses (CorpusConflictError) when the version is no longer active or the rows changed.
   */
  async promoteAppended(args: {
    versionId: string;
    promoteJobIds: string[];
    promotedCount: number;
    caseCount: number;
    tokens: number;
    unknownTokens: number;
  }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(7243001)`.execute(trx);
      const active = await trx.selectFrom('corpus_version').select('id').where('state', '=', 'active').executeTakeFirst();
      if (active?.id !== args.versionId)
        throw new CorpusConflictError(`version ${active?.id} was activated while cases were appended to ${args.versionId}`);
      const promoted = await trx
        .updateTable('case_record')
        .set({ state: 'live' })
        .where('state', '=', 'staged')
        .where('job_id', 'in', args.promoteJobIds)
        .executeTakeFirst();
      if (Number(promoted.numUpdatedRows) !== args.promotedCount)
        throw new CorpusConflictError(
          `the promoted jobs hold ${promoted.numUpdatedRows} staged rows, the append saw ${args.promotedCount}`,
        );
      await trx
        .updateTable('corpus_version')
        .set({
          case_count: args.caseCount,
          appended_tokens: sql`appended_tokens + ${args.tokens}`,
          appended_unknown_tokens: sql`appended_unknown_tokens + ${args.unknownTokens}`,
        })
        .where('id', '=', args.versionId)
        .execute();
    });
  }

  async saveModel(versionId: string, name: string, format: string, data: Buffer): Promise<void> {
    await this.db.insertInto('corpus_model').values({ version_id: versionId, name, format, data }).execute();
  }

  async loadModels(versionId: string): Promise<Map<string, { format: string; data: Buffer }>> {
    const rows = await this.db.selectFrom('corpus_model').select(['name', 'format', 'data']).where('version_id', '=', versionId).execute();
    return new Map(rows.map((r) => [r.name, { format: r.format, data: Buffer.from(r.data) }]));
  }

  /**
   * The atomic switch: in one transaction the previous version retires, the new one becomes active
   * and the promoted jobs' rows go live. Refuses (CorpusConflictError) when the active version is no
   * longer the one the build started from, cases were appended to it since (their rows went live after
   * the build read the live cases, so it does not hold them), or the promoted rows changed under the build.
   */
  async activate(args: {
    versionId: string;
    basedOn: { id: string; caseCount: number | null } | null;
    promoteJobIds: string[];
    promotedCount: number;
    caseCount: number;
    buildMs: Record<string, number>;
  }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Serialise activations (the row lock, and the unique index on the active state as the backstop).
      await sql`select pg_advisory_xact_lock(7243001)`.execute(trx);
      const active = await trx.selectFrom('corpus_version').select(['id', 'case_count']).where('state', '=', 'active').executeTakeFirst();
      if ((active?.id ?? null) !== (args.basedOn?.id ?? null))
        throw new CorpusConflictError(`version ${active?.id} was activated while ${args.versionId} was building`);
      if (active && (active.case_count ?? null) !== args.basedOn?.caseCount)
        throw new CorpusConflictError(`cases were appended to ${active.id} while ${args.versionId} was building`);
      if (args.promoteJobIds.length > 0) {
        const promoted = await trx
          .updateTable('case_record')
          .set({ state: 'live' })
          .where('state', '=', 'staged')
          .where('job_id', 'in', args.promoteJobIds)
          .executeTakeFirst();
        if (Number(promoted.numUpdatedRows) !== args.promotedCount) {
          throw new CorpusConflictError(
            `the promoted jobs hold ${promoted.numUpdatedRows} staged rows, the build saw ${args.promotedCount}`,
          );
        }
      }
      if (active) await trx.updateTable('corpus_version').set({ state: 'retired' }).where('id', '=', active.id).execute();
      await trx
        .updateTable('corpus_version')
        .set({
          state: 'active',
          activated_at: new Date(),
          case_count: args.caseCount,
          build_ms: JSON.stringify(args.buildMs) as unknown as Record<string, number>,
        })
        .where('id', '=', args.versionId)
        .execute();
    });
  }

  /** A build that will not finish: kept as `failed` with the reason (its index and models are removed by the caller). */
  async markFailed(versionId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('corpus_version')
      .set({ state: 'failed', error: reason })
      .where('id', '=', versionId)
      .where('state', '=', 'building')
      .execute();
  }

  async listVersions(): Promise<VersionRow[]> {
    const rows = await this.db.selectFrom('corpus_version').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      state: r.state,
      store: r.store ?? null,
      encoder: r.encoder ?? null,
      case_count: r.case_count ?? null,
      created_at: r.created_at,
      activated_at: r.activated_at,
      build_ms: r.build_ms ?? null,
      error: r.error ?? null,
    }));
  }

  /** Retired versions except the most recent one (kept so in-flight searches on it can finish). */
  async versionsToDrop(): Promise<string[]> {
    const retired = await this.db
      .selectFrom('corpus_version')
      .select('id')
      .where('state', '=', 'retired')
      .orderBy('activated_at', 'desc')
      .execute();
    return retired.slice(1).map((r) => r.id);
  }

  async deleteVersion(versionId: string): Promise<void> {
    await this.db.deleteFrom('corpus_version').where('id', '=', versionId).where('state', '<>', 'active').execute();
  }

  /** A version's committed case count: set by its activation, then by each append in `promoteAppended`'s transaction. */
  async committedCaseCount(versionId: string): Promise<number | null> {
    const row = await this.db.selectFrom('corpus_version').select('case_count').where('id', '=', versionId).executeTakeFirst();
    return row?.case_count ?? null;
  }

  /**
   * The version's append lock, held until `release`: a PostgreSQL session advisory lock on a connection of its own,
   * so appends from several replicas follow one another and a process that dies loses the lock with its connection.
   * The wait is bounded (lock_timeout on that connection): a holder stuck on its store fails the waiting job with a
   * reason instead of stalling it for good. PGlite serves one process, whose indexer already appends one job at a time.
   */
  async lockAppends(versionId: string, timeoutMs: number): Promise<{ release(): Promise<void> }> {
    if (this.database.driver === 'pglite') return { release: async () => {} };
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let acquired!: () => void;
    const locked = new Promise<void>((resolve) => {
      acquired = resolve;
    });
    const held = this.db.connection().execute(async (connection) => {
      await sql`select set_config('lock_timeout', ${`${timeoutMs}ms`}, false)`.execute(connection);
      try {
        await sql`select pg_advisory_lock(${APPEND_LOCK}, hashtext(${versionId}))`.execute(connection);
      } catch (error) {
        if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
        throw new Error(
          `another append to corpus version ${versionId} held its lock for more than ${timeoutMs} ms (PINECONE_APPEND_LOCK_TIMEOUT_MS); the job's cases stay staged: retry the job`,
        );
      } finally {
        // The connection goes back to the pool: later statements on it must wait for locks as usual.
        await sql`reset lock_timeout`.execute(connection).catch(() => undefined);
      }
      try {
        acquired();
        await released;
      } finally {
        await sql`select pg_advisory_unlock(${APPEND_LOCK}, hashtext(${versionId}))`.execute(connection);
      }
    });
    // Rejects when the lock is not taken (timeout, lost connection).
    await Promise.race([locked, held]);
    return {
      release: async () => {
        release();
        // An unlock that fails has lost its connection, and the lock with it.
        await held.catch(() => undefined);
      },
    };
  }

  async liveCase(caseId: string): Promise<CaseRow | undefined> {
    return this.db
      .selectFrom('case_record')
      .select(['case_id', 'pmid', 'title', 'text', 'age', 'sex'])
      .where('case_id', '=', caseId)
      .where('state', '=', 'live')
      .executeTakeFirst();
  }
}
