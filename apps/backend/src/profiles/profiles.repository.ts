import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import type { PatientProfile } from '@patientinsight/shared';
import type { Kysely, Transaction } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';
import { toJsonb } from '../common/json.js';

export interface ProfileVersion {
  version: number;
  createdAt: Date;
  profile: PatientProfile;
}

/** SQL for `profile_versions`. */
@Injectable()
export class ProfilesRepository {
  private readonly db: Kysely<BackendDb>;
  constructor(@Inject(DATABASE) database: Database<BackendDb>) {
    this.db = database.db;
  }

  async latest(patientId: string): Promise<ProfileVersion | undefined> {
    const row = await this.db
      .selectFrom('profile_versions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { version: row.version, createdAt: row.created_at, profile: row.data as PatientProfile };
  }

  async version(patientId: string, version: number): Promise<ProfileVersion | undefined> {
    const row = await this.db
      .selectFrom('profile_versions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && { version: row.version, createdAt: row.created_at, profile: row.data as PatientProfile };
  }

  async history(patientId: string): Promise<ProfileVersion[]> {
    const rows = await this.db
      .selectFrom('profile_versions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('version', 'asc')
      .execute();
    return rows.map((row) => ({ version: row.version, createdAt: row.created_at, profile: row.data as PatientProfile }));
  }

  /**
   * Saves a new version, numbered one past the latest. Two saves racing for the same number collide
   * on the primary key; the loser retries with the next number.
   */
  async append(patientId: string, profile: PatientProfile, createdBy: string): Promise<ProfileVersion> {
    for (let attempt = 0; ; attempt++) {
      const latest = await this.db
        .selectFrom('profile_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
      try {
        const row = await this.db
          .insertInto('profile_versions')
          .values({ patient_id: patientId, version: Number(latest?.v ?? 0) + 1, data: toJsonb(profile), created_by: createdBy })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { version: row.version, createdAt: row.created_at, profile: row.data as PatientProfile };
      } catch (error) {
        if (attempt < 3 && (error as { code?: string }).code === '23505') continue;
        throw error;
      }
    }
  }

  /** Account deletion: every version of the patient's profile goes. */
  async deleteForPatient(trx: Transaction<BackendDb>, patientId: string): Promise<void> {
    await trx.deleteFrom('profile_versions').where('patient_id', '=', patientId).execute();
  }
}
