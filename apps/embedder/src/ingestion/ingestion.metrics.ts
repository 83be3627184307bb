import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, METRICS_REGISTRY } from '@patientinsight/nest-kit';
import type { DriftSummary } from '@patientinsight/shared';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { EmbedderDb } from '../database/embedder-db.js';

/** Ingestion's Prometheus metrics, on the app's own registry. */
@Injectable()
export class IngestionMetrics {
  readonly rows: Counter<'outcome'>;
  readonly stageSeconds: Histogram<'stage'>;
  readonly rowsPerSecond: Gauge;
  readonly jobs: Counter<'state'>;
  readonly drift: Gauge<'statistic'>;
  readonly indexed: Counter<'mode'>;
  readonly appendedSince: Gauge<'figure'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Inject(DATABASE) database: Database<EmbedderDb>) {
    this.rows = new Counter({
      name: 'ingest_rows_total',
      help: 'Rows this process committed since it started, by outcome (accepted, rejected, duplicate; cancelled: accepted rows a cancel then discarded); for rates. Stored totals: ingest_rows',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.stageSeconds = new Histogram({
      name: 'ingest_stage_duration_seconds',
      help: 'Time per pipeline stage: per batch for parse/clean/validate/dedupe/write, per job for profile/drift and the index stages',
      labelNames: ['stage'],
      buckets: [0.001, 0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    });
    this.rowsPerSecond = new Gauge({
      name: 'ingest_rows_per_second',
      help: 'Rows read per second over the last committed batch',
      registers: [registry],
    });
    this.jobs = new Counter({
      name: 'ingest_jobs_total',
      help: 'Jobs this process brought to a final or held state since it started, by state; stored totals: ingest_jobs',
      labelNames: ['state'],
      registers: [registry],
    });
    this.indexed = new Counter({
      name: 'ingest_index_total',
      help: 'Jobs whose cases were made searchable, by how: appended to the active version or a refit (a new version)',
      labelNames: ['mode'],
      registers: [registry],
    });
    this.appendedSince = new Gauge({
      name: 'ingest_last_append',
      help: "The last append: added_share (cases added since the active version's fit over the cases fitted) and unknown_token_share (share of the tokens appended since the fit its vocabulary does not know, unsearchable until the next refit)",
      labelNames: ['figure'],
      registers: [registry],
    });
    this.drift = new Gauge({
      name: 'ingest_last_drift',
      help: 'Drift figures of the last profiled job (ks_statistic, ks_p_value, mean_age_shift, sex_ratio_shift)',
      labelNames: ['statistic'],
      registers: [registry],
    });
    new Gauge({
      name: 'ingest_queue_depth',
      help: 'Jobs waiting (queued) or in progress (running)',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const rows = await database.db
          .selectFrom('ingestion_job')
          .select(['state', sql<number>`count(*)::int`.as('n')])
          .where('state', 'in', ['queued', 'running', 'awaiting_approval'])
          .groupBy('state')
          .execute();
        this.reset();
        for (const state of ['queued', 'running', 'awaiting_approval']) this.set({ state }, rows.find((r) => r.state === state)?.n ?? 0);
      },
    });
    // Stored state, read from the database at each scrape: it survives restarts and is the same on every
    // replica (aggregate with max, not sum).
    new Gauge({
      name: 'ingest_jobs',
      help: 'Stored ingestion jobs by state, and by outcome for succeeded ones (added, nothing_new, empty; none otherwise)',
      labelNames: ['state', 'outcome'],
      registers: [registry],
      async collect() {
        const outcome = sql<string>`case when state <> 'succeeded' then 'none' when rows_read = 0 then 'empty' when rows_accepted = 0 then 'nothing_new' else 'added' end`;
        const rows = await database.db
          .selectFrom('ingestion_job')
          .select(['state', outcome.as('outcome'), sql<number>`count(*)::int`.as('n')])
          .groupBy(['state', outcome])
          .execute();
        this.reset();
        for (const r of rows) this.set({ state: r.state, outcome: r.outcome }, r.n);
      },
    });
    new Gauge({
      name: 'ingest_rows',
      help: 'Rows of every stored job by outcome: accepted, rejected, duplicate; accepted rows of a cancelled job count as cancelled, of a job rejected at the drift gate as discarded',
      labelNames: ['outcome'],
      registers: [registry],
      async collect() {
        const row = await database.db
          .selectFrom('ingestion_job')
          .select([
            sql<number>`coalesce(sum(rows_accepted) filter (where state not in ('cancelled', 'rejected')), 0)::float8`.as('accepted'),
            sql<number>`coalesce(sum(rows_rejected), 0)::float8`.as('rejected'),
            sql<number>`coalesce(sum(rows_duplicate), 0)::float8`.as('duplicate'),
            sql<number>`coalesce(sum(rows_accepted) filter (where state = 'cancelled'), 0)::float8`.as('cancelled'),
            sql<number>`coalesce(sum(rows_accepted) filter (where state = 'rejected'), 0)::float8`.as('discarded'),
          ])
          .executeTakeFirstOrThrow();
        for (const [outcome, n] of Object.entries(row)) this.set({ outcome }, Number(n));
      },
    });
    new Gauge({
      name: 'ingest_case_store_size',
      help: 'Cases in the case store, by state (live cases are the ones the index is built from)',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const rows = await database.db
          .selectFrom('case_record')
          .select(['state', sql<number>`count(*)::int`.as('n')])
          .groupBy('state')
          .execute();
        for (const state of ['staged', 'live']) this.set({ state }, rows.find((r) => r.state === state)?.n ?? 0);
      },
    });
  }

  recordDrift(drift: DriftSummary): void {
    const figures: Record<string, number | null> = {
      ks_statistic: drift.ksStatistic,
      ks_p_value: drift.ksPValue,
      mean_age_shift: drift.meanAgeShift,
      sex_ratio_shift: drift.sexRatioShift,
    };
    for (const [statistic, value] of Object.entries(figures)) if (value !== null) this.drift.set({ statistic }, value);
  }
}
