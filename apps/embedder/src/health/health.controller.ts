import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE, type Database, probeDatabase, ShutdownState } from '@patientinsight/nest-kit';
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
    return this.health.check([
      () => {
        const indicator = this.indicators.check('lifecycle');
        return this.shutdown.isDraining ? indicator.down({ message: 'shutting down' }) : indicator.up();
      },
      async () => {
        const indicator = this.indicators.check('database');
        try {
          await probeDatabase(this.database.db);
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
    ]);
  }
}
