import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { commonReadinessChecks, DATABASE, type Database, METRICS_REGISTRY, ShutdownState } from '@patientinsight/nest-kit';
import { EmbedderClient, healthResponseSchema } from '@patientinsight/shared';
import { Gauge, type Registry } from 'prom-client';
import { Public } from '../common/auth.decorators.js';
import { ApiErrors, ApiZodResponse } from '../common/openapi.js';

/** Documented here: terminus' own OpenAPI entry describes its 503 body, which the error filter wraps in `{ error }`. */
const probe = { noCache: true, swaggerDocumentation: false };
import type { BackendDb } from '../database/backend-db.js';

/** Probes answer anonymous callers (the kubelet, the load balancer). */
@Public()
@Controller()
export class HealthController {
  private readonly embedderReady: Gauge;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
    private readonly embedder: EmbedderClient,
    @Inject(DATABASE) private readonly database: Database<BackendDb>,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.embedderReady = new Gauge({
      name: 'backend_embedder_ready',
      help: '1 when the embedder answered its /readyz at the last readiness probe, else 0',
      registers: [registry],
    });
  }

  /** Liveness: the process answers. Dependencies are not checked, so their outages do not restart pods. */
  @Get('healthz')
  @HealthCheck(probe)
  @ApiZodResponse(200, healthResponseSchema, 'The process answers')
  @ApiErrors({ 503: 'UNAVAILABLE: the answer of a failed liveness check; liveness checks nothing, so a running process answers 200' })
  liveness() {
    return this.health.check([]);
  }

  /**
   * Readiness: our own database answers and we are not draining. The embedder is reported (here and
   * as `backend_embedder_ready`) but not required: sign-in, records and review work without it, and
   * only report generation waits for it, so its outage or a long index build must not take the
   * backend off the load balancer.
   */
  @Get('readyz')
  @HealthCheck(probe)
  @ApiZodResponse(200, healthResponseSchema, 'Ready: each component up or down in details (the embedder reported, not required)')
  @ApiErrors({ 503: 'UNAVAILABLE: draining, or our database is down; details.details names each component up or down (never error text)' })
  async readiness() {
    const [required, embedderUp] = await Promise.all([
      this.health.check(commonReadinessChecks(this.indicators, this.shutdown, this.database.db)).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      ),
      this.embedder.isReady(),
    ]);
    this.embedderReady.set(embedderUp ? 1 : 0);
    const embedder = { embedder: { status: embedderUp ? 'up' : 'down', required: false } };
    if ('error' in required) {
      if (!(required.error instanceof ServiceUnavailableException)) throw required.error;
      const report = required.error.getResponse() as { details?: Record<string, unknown> };
      throw new ServiceUnavailableException({ ...report, details: { ...report.details, ...embedder } });
    }
    return { ...required.result, details: { ...required.result.details, ...embedder } };
  }
}
