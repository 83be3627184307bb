import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { commonReadinessChecks, DATABASE, type Database, ShutdownState } from '@patientinsight/nest-kit';
import { PublicRoute } from '../auth/service-token.guard.js';
import type { EmbedderDb } from '../database/embedder-db.js';

@PublicRoute()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
    @Inject(DATABASE) private readonly database: Database<EmbedderDb>,
  ) {}

  /** Liveness: the process answers. No dependency is checked, so a database blip does not restart pods. */
  @Get('healthz')
  @HealthCheck()
  liveness() {
    return this.health.check([]);
  }

  /** Readiness: the database answers and we are not draining. */
  @Get('readyz')
  @HealthCheck()
  readiness() {
    return this.health.check([...commonReadinessChecks(this.indicators, this.shutdown, this.database.db)]);
  }
}
