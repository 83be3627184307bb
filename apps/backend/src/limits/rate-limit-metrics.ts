import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { Counter, type Registry } from 'prom-client';

/** How often the limits refuse, and how often their store failed (requests then go through). */
@Injectable()
export class RateLimitMetrics {
  /** Refused requests by limit (e.g. `costly-user`, `login-backoff`) and route template. */
  readonly limited: Counter<'limit' | 'route'>;
  readonly storeErrors: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.limited = new Counter({
      name: 'http_rate_limited_total',
      help: 'Requests answered 429 by a rate limit or the login backoff',
      labelNames: ['limit', 'route'],
      registers: [registry],
    });
    this.storeErrors = new Counter({
      name: 'rate_limit_store_errors_total',
      help: 'Rate-limit checks that failed on the store (the request was let through)',
      registers: [registry],
    });
  }
}
