import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import { ageInYears, type PatientProfile, type ProfileHistory, type ProfileResponse } from '@patientinsight/shared';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth.decorators.js';
import { type ProfileVersion, ProfilesRepository } from './profiles.repository.js';

export class ProfileNotFoundError extends AppError {
  constructor() {
    super('PROFILE_NOT_FOUND', 'No profile has been saved yet', 404);
  }
}

function toResponse(version: ProfileVersion): ProfileResponse {
  return {
    version: version.version,
    updatedAt: version.createdAt.toISOString(),
    profile: version.profile,
    ageYears: ageInYears(version.profile),
  };
}

/** Another feature's follow-up to a saved version (encounters re-check prescriptions against the allergies). */
export type ProfileSavedListener = (actor: AuthUser, saved: ProfileVersion) => Promise<void>;

/** The patient's own profile; each save is a new version and every read and write is audited. */
@Injectable()
export class ProfilesService {
  private readonly logger = new Logger(ProfilesService.name);
  private readonly savedListeners: ProfileSavedListener[] = [];

  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser): Promise<ProfileResponse> {
    const latest = await this.profiles.latest(user.id);
    await this.audit.record({
      actor: user,
      action: 'profile.read',
      resourceType: 'profile',
      resourceId: user.id,
      patientId: user.id,
      outcome: latest ? 'success' : 'not_found',
    });
    if (!latest) throw new ProfileNotFoundError();
    return toResponse(latest);
  }

  async save(user: AuthUser, profile: PatientProfile): Promise<ProfileResponse> {
    const saved = await this.profiles.append(user.id, profile, user.id);
    await this.audit.record({
      actor: user,
      action: 'profile.update',
      resourceType: 'profile',
      resourceId: user.id,
      patientId: user.id,
      outcome: 'success',
      details: { version: saved.version },
    });
    // Awaited so the follow-up is recorded when the answer arrives; a failure never refuses the save (it is stored).
    for (const listener of this.savedListeners) {
      await listener(user, saved).catch((error: unknown) =>
        this.logger.error({ version: saved.version, error: (error as Error).name }, 'a follow-up to a profile save failed'),
      );
    }
    return toResponse(saved);
  }

  /** Registers a follow-up run after each save (profiles cannot import the features that depend on them). */
  onSaved(listener: ProfileSavedListener): void {
    this.savedListeners.push(listener);
  }

  async history(user: AuthUser): Promise<ProfileHistory> {
    const versions = await this.profiles.history(user.id);
    await this.audit.record({
      actor: user,
      action: 'profile.history',
      resourceType: 'profile',
      resourceId: user.id,
      patientId: user.id,
      outcome: 'success',
      details: { versions: versions.length },
    });
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
