import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { commonReadinessChecks, DATABASE, type Database, ShutdownState } from '@patientinsight/nest-kit';
import { EmbedderClient } from '@patientinsight/shared';
import type { BackendDb } from '../database/backend-db.js';
import { Public } from '../auth/auth.decorators.js';

/** Probes answer anonymous callers (the kubelet, the load balancer). */
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
    private readonly embedder: EmbedderClient,
    @Inject(DATABASE) private readonly database: Database<BackendDb>,
  ) {}

  /** Liveness: the process answers. Dependencies are not checked, so their outages do not restart pods. */
  @Get('healthz')
  @HealthCheck()
  liveness() {
    return this.health.check([]);
  }

  /** Readiness: our database and the embedder answer, and we are not draining. */
  @Get('readyz')
  @HealthCheck()
  readiness() {
    return this.health.check([
      ...commonReadinessChecks(this.indicators, this.shutdown, this.database.db),
      async () => {
        const indicator = this.indicators.check('embedder');
        return (await this.embedder.isReady()) ? indicator.up() : indicator.down();
      },
    ]);
  }
}
