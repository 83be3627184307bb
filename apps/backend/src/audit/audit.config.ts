import { env } from '@patientinsight/nest-kit';
import { z } from 'zod';

const key = (what: string) =>
  z.string().refine((v) => Buffer.byteLength(v, 'utf8') >= 32, `${what} at least 32 bytes (e.g. \`openssl rand -base64 48\`)`);

/**
 * The audit trail's integrity settings: the chain's HMAC key (from a Kubernetes Secret, never the
 * database), where signed checkpoints of the chain's head go, and how often the backend checks
 * the chain itself.
 */
export const auditConfigShape = {
  /** HMAC-SHA-256 key of the chain. Required when NODE_ENV=production; elsewhere a labelled dev key. */
  AUDIT_HMAC_KEY: key('must be').optional(),
  /** Keys used before a rotation (comma-separated), so the rows and checkpoints they signed still verify. */
  AUDIT_HMAC_KEYS_PREVIOUS: env.list().pipe(z.array(key('each key must be'))),
  /** How often the head of the chain is signed and written to the checkpoint store (and always at shutdown). */
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(10, 'must be at least 10')
    .max(86_400, 'must be at most 86400')
    .default(300),
  /** `file`: append-only JSON lines (AUDIT_CHECKPOINT_FILE); `s3`: one object per checkpoint (AUDIT_CHECKPOINT_S3_URI). */
  AUDIT_CHECKPOINT_STORE: z.enum(['file', 's3'], { message: 'must be file or s3' }).default('file'),
  /** Default: <DATA_DIR>/audit-checkpoints.jsonl. */
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  AUDIT_CHECKPOINT_S3_URI: z
    .string()
    .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, 'must be s3://bucket/prefix/')
    .optional(),
  AUDIT_CHECKPOINT_S3_REGION: z.string().optional(),
  /** An S3-compatible endpoint (MinIO, a local test server); unset uses AWS. */
  AUDIT_CHECKPOINT_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  AUDIT_CHECKPOINT_S3_FORCE_PATH_STYLE: env.bool(false),
  /** S3 Object Lock on each checkpoint (the bucket must have Object Lock enabled); unset sends no retention. */
  AUDIT_CHECKPOINT_S3_LOCK_MODE: z.enum(['GOVERNANCE', 'COMPLIANCE'], { message: 'must be GOVERNANCE or COMPLIANCE' }).optional(),
  /** Retention of a locked checkpoint (default six years, HIPAA's documentation retention). */
  AUDIT_CHECKPOINT_S3_LOCK_DAYS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1, 'must be at least 1')
    .max(36_500)
    .default(2192),
  /** How often the backend verifies the whole chain and updates audit_chain_verified; 0 turns it off. */
  AUDIT_VERIFY_INTERVAL_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(0)
    .max(7 * 86_400, 'must be at most 604800')
    .default(3600),
};

export interface AuditConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  DATA_DIR: string;
  AUDIT_HMAC_KEY?: string;
  AUDIT_HMAC_KEYS_PREVIOUS: string[];
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: number;
  AUDIT_CHECKPOINT_STORE: 'file' | 's3';
  AUDIT_CHECKPOINT_FILE?: string;
  AUDIT_CHECKPOINT_S3_URI?: string;
  AUDIT_CHECKPOINT_S3_REGION?: string;
  AUDIT_CHECKPOINT_S3_ENDPOINT?: string;
  AUDIT_CHECKPOINT_S3_FORCE_PATH_STYLE: boolean;
  AUDIT_CHECKPOINT_S3_LOCK_MODE?: 'GOVERNANCE' | 'COMPLIANCE';
  AUDIT_CHECKPOINT_S3_LOCK_DAYS: number;
  AUDIT_VERIFY_INTERVAL_SECONDS: number;
}

export function auditConfigProblems(config: AuditConfig): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  if (config.NODE_ENV === 'production' && !config.AUDIT_HMAC_KEY) {
    problems.push({
      variable: 'AUDIT_HMAC_KEY',
      reason: 'is required when NODE_ENV=production (at least 32 random bytes from a Secret, e.g. `openssl rand -base64 48`)',
    });
  }
  if (config.AUDIT_CHECKPOINT_STORE === 's3' && !config.AUDIT_CHECKPOINT_S3_URI) {
    problems.push({ variable: 'AUDIT_CHECKPOINT_S3_URI', reason: 'is required when AUDIT_CHECKPOINT_STORE=s3' });
  }
  return problems;
}

/** The settings of the audit slice: its own and the shared NODE_ENV and DATA_DIR (AuditModule, the audit:verify CLI). */
export const auditConfigKeys = [...Object.keys(auditConfigShape), 'NODE_ENV', 'DATA_DIR'];
