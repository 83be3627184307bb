import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Kysely } from 'kysely';
import { pingDatabase } from '../database/database.js';

/** Races `select 1` against a timeout; down with the error message otherwise. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(private readonly health: HealthIndicatorService) {}

  async check<DB>(key: string, db: Kysely<DB>, timeoutMs = 1500) {
    const indicator = this.health.check(key);
    try {
      await Promise.race([
        pingDatabase(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
