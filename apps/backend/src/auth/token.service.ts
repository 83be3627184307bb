import { Inject, Injectable, Logger } from '@nestjs/common';
import { roleSchema, type Role } from '@patientinsight/shared';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AUTH_CONFIG, type AuthConfig } from './auth.config.js';

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
  readonly sessionMaxLifetimeSeconds: number;
  readonly refreshGraceSeconds: number;

  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    const secret = config.JWT_SECRET;
    if (!secret) {
      // Only reachable outside production (the config refuses to start otherwise).
      new Logger('TokenService').warn('JWT_SECRET is not set: using a random key, so sessions end when the process restarts');
    }
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(48);
    this.accessTtlSeconds = config.ACCESS_TOKEN_TTL_SECONDS;
    this.refreshTtlSeconds = config.REFRESH_TOKEN_TTL_SECONDS;
    this.sessionMaxLifetimeSeconds = config.SESSION_MAX_LIFETIME_SECONDS;
    this.refreshGraceSeconds = config.REFRESH_REUSE_GRACE_SECONDS;
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
      // A token without `exp` would never expire: refused, like one without a subject or session.
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
      });
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

  /**
   * Seals a rotated token's successor under a key derived from the rotated token itself (AES-256-GCM):
   * the database holds only hashes of tokens, so only a client presenting the old token can open it.
   */
  sealSuccessor(oldToken: string, successor: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', graceKey(oldToken), iv);
    const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The successor sealed by sealSuccessor, or null when it does not open with this token. */
  openSuccessor(oldToken: string, sealed: string): string | null {
    try {
      const bytes = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', graceKey(oldToken), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

function graceKey(token: string): Buffer {
  return createHash('sha256').update('patientinsight refresh grace\0').update(token).digest();
}
