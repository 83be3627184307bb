import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Source of the unacknowledged-red-flag gauges, read at every scrape (the database is the truth across replicas). */
export interface UnacknowledgedStatsSource {
  unacknowledgedStats(now: Date): Promise<{ count: number; oldestSeconds: number | null }>;
}

/**
 * Red-flag metrics, registered at boot so every series exists on /metrics before the first event:
 * flags by category and source, the time a doctor took to acknowledge, on-call alerts by channel,
 * and the age of the oldest red flag nobody has acknowledged (the 15-minute alert rule reads it).
 */
@Injectable()
export class RedFlagMetrics {
  readonly redFlags: Counter<'category' | 'source'>;
  readonly timeToAcknowledge: Histogram<'action'>;
  readonly alerts: Counter<'channel' | 'outcome'>;
  private source: UnacknowledgedStatsSource | null = null;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.redFlags = new Counter({
      name: 'triage_red_flags_total',
      help: 'Red flags raised by triage, by taxonomy category and where (intake, screening, qa)',
      labelNames: ['category', 'source'],
      registers: [registry],
    });
    this.timeToAcknowledge = new Histogram({
      name: 'triage_time_to_acknowledge_seconds',
      help: 'Time from a red flag to a doctor acknowledging it, by what was done',
      labelNames: ['action'],
      buckets: [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200],
      registers: [registry],
    });
    this.alerts = new Counter({
      name: 'triage_oncall_alerts_total',
      help: 'On-call alerts for red flags, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    });
    // A scrape must not fail because the database blinked: the last values are kept instead.
    let last: { count: number; oldestSeconds: number | null } = { count: 0, oldestSeconds: null };
    const read = async () => {
      if (!this.source) return last;
      try {
        last = await this.source.unacknowledgedStats(new Date());
      } catch {
        // kept: `last`
      }
      return last;
    };
    new Gauge({
      name: 'triage_unacknowledged_urgent_oldest_seconds',
      help: 'Age of the oldest red flag no doctor has acknowledged (0 when none)',
      registers: [registry],
      async collect() {
        this.set((await read()).oldestSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'triage_unacknowledged_urgent',
      help: 'Red flags waiting for a doctor to acknowledge them',
      registers: [registry],
      async collect() {
        this.set((await read()).count);
      },
    });
    // Zero series so rate() and the dashboards see the metric before the first event.
    for (const outcome of ['sent', 'failed']) for (const channel of ['webhook', 'email']) this.alerts.inc({ channel, outcome }, 0);
  }

  /** The repository, set by the encounters module (the metric provider must not depend on the database). */
  readFrom(source: UnacknowledgedStatsSource): void {
    this.source = source;
  }
}
