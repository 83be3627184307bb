import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { Counter, Histogram, type Registry } from 'prom-client';

const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Retrieval monitoring: score distributions, low-confidence and degraded searches. */
@Injectable()
export class SearchMetrics {
  readonly topScore: Histogram;
  readonly topKScore: Histogram;
  readonly lowConfidence: Counter;
  readonly degraded: Counter<'component'>;
  readonly duration: Histogram<'mode'>;
  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.topScore = new Histogram({
      name: 'retrieval_top1_score',
      help: 'Fused score of the best result per search',
      buckets: SCORE_BUCKETS,
      registers: [registry],
    });
    this.topKScore = new Histogram({
      name: 'retrieval_topk_score',
      help: 'Fused score of every returned result',
      buckets: SCORE_BUCKETS,
      registers: [registry],
    });
    this.lowConfidence = new Counter({
      name: 'retrieval_low_confidence_total',
      help: 'Searches whose best score was under the configured floor (or that found nothing)',
      registers: [registry],
    });
    this.degraded = new Counter({
      name: 'retrieval_degraded_total',
      help: 'Searches answered without a failed component',
      labelNames: ['component'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'retrieval_search_seconds',
      help: 'Server-side search time',
      labelNames: ['mode'],
      buckets: [0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
  }
}
