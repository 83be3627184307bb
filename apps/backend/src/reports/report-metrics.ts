import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { SimilarCases } from '../retrieval/similar-cases.js';

/**
 * Retrieval quality as the report sees it, on the calibrated probability of relevance rather than the embedder's
 * fused score (min-max normalised per query, so its best case scores high whatever it is). Every report counts in
 * exactly one of the two series, so their sum is the number of reports (the no-close-case alert's denominator).
 */
@Injectable()
export class ReportMetrics {
  readonly bestRelevance: Histogram;
  readonly noCloseCase: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.bestRelevance = new Histogram({
      name: 'report_case_relevance_probability',
      help: "Calibrated probability of relevance of the report's best cited case, one observation per report that cites a case",
      buckets: [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
      registers: [registry],
    });
    this.noCloseCase = new Counter({
      name: 'report_no_close_case_total',
      help: 'Reports for which no retrieved case passed the relevance gate (none cited)',
      registers: [registry],
    });
  }

  /** One report's retrieval: the best cited probability, or one more report with no close case. */
  record(similar: Pick<SimilarCases, 'cited' | 'noCloseCase'>): void {
    if (similar.noCloseCase) {
      this.noCloseCase.inc();
      return;
    }
    const best = Math.max(...similar.cited.map((c) => c.relevance ?? Number.NaN));
    // Without a calibration there is no probability to observe (the product always loads one).
    if (Number.isFinite(best)) this.bestRelevance.observe(best);
  }
}
