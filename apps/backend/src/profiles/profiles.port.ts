import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';
import { type ProfileVersion, ProfilesRepository } from './profiles.repository.js';

export type { ProfileVersion } from './profiles.repository.js';

/**
 * What the account feature (users/) needs of a patient's profile: every saved version for the export, and the
 * erasure on account deletion, in the caller's transaction so the whole account goes in one.
 */
@Injectable()
export class ProfilesPort {
  constructor(private readonly profiles: ProfilesRepository) {}

  /** Every saved version, oldest first. */
  exportFor(patientId: string): Promise<ProfileVersion[]> {
    return this.profiles.history(patientId);
  }

  eraseFor(patientId: string, trx: Transaction<BackendDb>): Promise<void> {
    return this.profiles.deleteForPatient(trx, patientId);
  }
}
