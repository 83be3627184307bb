import { Injectable } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import { ageInYears, type PatientProfile, type ProfileHistory, type ProfileResponse } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { type ProfileVersion, ProfilesRepository } from './profiles.repository.js';

export class ProfileNotFoundError extends AppError {
  constructor() {
    super('PROFILE_NOT_FOUND', 'No profile has been saved yet', 404);
  }
}

function toResponse(version: ProfileVersion): ProfileResponse {
  return { version: version.version, updatedAt: version.createdAt.toISOString(), profile: version.profile, ageYears: ageInYears(version.profile) };
}

/** The patient's own profile; each save is a new version and every read and write is audited. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser): Promise<ProfileResponse> {
    const latest = await this.profiles.latest(user.id);
    await this.audit.record({ actor: user, action: 'profile.read', resourceType: 'profile', resourceId: user.id, patientId: user.id, outcome: latest ? 'success' : 'not_found' });
    if (!latest) throw new ProfileNotFoundError();
    return toResponse(latest);
  }

  async save(user: AuthUser, profile: PatientProfile): Promise<ProfileResponse> {
    const saved = await this.profiles.append(user.id, profile, user.id);
    await this.audit.record({ actor: user, action: 'profile.update', resourceType: 'profile', resourceId: user.id, patientId: user.id, outcome: 'success', details: { version: saved.version } });
    return toResponse(saved);
  }

  async history(user: AuthUser): Promise<ProfileHistory> {
    const versions = await this.profiles.history(user.id);
    await this.audit.record({ actor: user, action: 'profile.history', resourceType: 'profile', resourceId: user.id, patientId: user.id, outcome: 'success', details: { versions: versions.length } });
    return { versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), profile: v.profile })) };
  }

  /** The latest version number and profile, for a new encounter's snapshot (no audit: the caller audits). */
  latest(patientId: string): Promise<ProfileVersion | undefined> {
    return this.profiles.latest(patientId);
  }

  version(patientId: string, version: number): Promise<ProfileVersion | undefined> {
    return this.profiles.version(patientId, version);
  }
}
