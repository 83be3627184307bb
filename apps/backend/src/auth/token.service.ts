import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { roleSchema, type Role } from '@patientinsight/shared';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import type { BackendConfig } from '../config/backend.config.js';

export interface AccessClaims {
  userId: string;
  role: Role;
  sessionId: string;
}

const ISSUER = 'patientinsight-backend';
const AUDIENCE = 'patientinsight-api';

/** Short-lived HS256 access tokens (jose) and opaque refresh tokens stored only as hashes. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;

  constructor(@Inject(ConfigService) config: ConfigService<BackendConfig, true>) {
    const secret = config.get('JWT_SECRET', { infer: true });
    if (!secret) {
      // Only reachable outside production (the config refuses to start otherwise).
      new Logger('TokenService').warn('JWT_SECRET is not set: using a random key, so sessions end when the process restarts');
    }
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(48);
    this.accessTtlSeconds = config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true });
    this.refreshTtlSeconds = config.get('REFRESH_TOKEN_TTL_SECONDS', { infer: true });
  }

  signAccess(claims: AccessClaims): Promise<string> {
    return new SignJWT({ role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.accessTtlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid, unexpired token; null for anything else (never throws on bad input). */
  async verifyAccess(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const role = roleSchema.safeParse(payload.role);
      if (!payload.sub || typeof payload.sid !== 'string' || !role.success) return null;
      return { userId: payload.sub, role: role.data, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }

  newRefreshToken(): string {
    return randomBytes(32).toString('base64url');
  }

  /** Refresh tokens are 256 random bits, so a plain SHA-256 is enough to store them safely. */
  hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
