import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import type { Kysely } from 'kysely';
import type { ShutdownState } from '../lifecycle/shutdown-state.js';
import { probeDatabase } from './database.health.js';

/**
 * The readiness checks every Nest service shares: not draining, and its database answers. Each app
 * adds its own (the backend: the embedder). Terminus is passed in, not imported, so the app's one
 * copy of it is used. Indicators say only up or down: probes answer anonymous callers, and a
 * driver's error text (host names, users, SQL) is not theirs to read.
 */
export function commonReadinessChecks<DB>(
  indicators: HealthIndicatorService,
  shutdown: ShutdownState,
  db: Kysely<DB>,
): HealthIndicatorFunction[] {
  return [
    () => {
      const indicator = indicators.check('lifecycle');
      return shutdown.isDraining ? indicator.down() : indicator.up();
    },
    async () => {
      const indicator = indicators.check('database');
      try {
        await probeDatabase(db);
        return indicator.up();
      } catch {
        return indicator.down();
      }
    },
  ];
}
