import { describe, expect, it } from '@jest/globals';
import { loadBackendConfig } from './backend.config.js';

const base = { SERVICE_TOKEN: 'a-service-token-of-length' };
/** Production refuses the outbox, so every production config here names a relay. */
const relay = { MAIL_TRANSPORT: 'smtp', SMTP_HOST: 'relay.example.test' };

describe('backend config', () => {
  it('requires JWT_SECRET in production with a message that says how to make one', () => {
    expect(() => loadBackendConfig({ ...base, NODE_ENV: 'production', AUDIT_HMAC_KEY: 'k'.repeat(32) })).toThrow(
      'Invalid configuration: JWT_SECRET: is required when NODE_ENV=production (at least 32 random characters, e.g. `openssl rand -base64 48`)',
    );
    expect(
      loadBackendConfig({ ...base, ...relay, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), AUDIT_HMAC_KEY: 'k'.repeat(32) })
        .JWT_SECRET,
    ).toHaveLength(32);
  });

  it('requires a 32-byte AUDIT_HMAC_KEY in production (one line), keeps the labelled dev key elsewhere, and wants a bucket for S3 checkpoints', () => {
    const production = { ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(() => loadBackendConfig(production)).toThrow(
      'Invalid configuration: AUDIT_HMAC_KEY: is required when NODE_ENV=production (at least 32 random bytes from a Secret, e.g. `openssl rand -base64 48`)',
    );
    expect(() => loadBackendConfig({ ...production, AUDIT_HMAC_KEY: 'short' })).toThrow(
      'Invalid configuration: AUDIT_HMAC_KEY: must be at least 32 bytes (e.g. `openssl rand -base64 48`)',
    );
    expect(() => loadBackendConfig({ ...base, AUDIT_HMAC_KEYS_PREVIOUS: `${'a'.repeat(32)},short` })).toThrow(
      /AUDIT_HMAC_KEYS_PREVIOUS\.1: each key must be at least 32 bytes/,
    );
    expect(loadBackendConfig(base)).toMatchObject({
      AUDIT_HMAC_KEYS_PREVIOUS: [],
      AUDIT_CHECKPOINT_STORE: 'file',
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: 300,
      AUDIT_VERIFY_INTERVAL_SECONDS: 3600,
    });
    expect(loadBackendConfig(base).AUDIT_HMAC_KEY).toBeUndefined();
    expect(() => loadBackendConfig({ ...base, AUDIT_CHECKPOINT_STORE: 's3' })).toThrow(
      'Invalid configuration: AUDIT_CHECKPOINT_S3_URI: is required when AUDIT_CHECKPOINT_STORE=s3',
    );
    expect(() => loadBackendConfig({ ...base, AUDIT_CHECKPOINT_STORE: 's3', AUDIT_CHECKPOINT_S3_URI: 'https://bucket' })).toThrow(
      /AUDIT_CHECKPOINT_S3_URI: must be s3:\/\/bucket\/prefix\//,
    );
    expect(() => loadBackendConfig({ ...base, AUDIT_CHECKPOINT_S3_LOCK_MODE: 'forever' })).toThrow(
      /AUDIT_CHECKPOINT_S3_LOCK_MODE: must be GOVERNANCE or COMPLIANCE/,
    );
  });

  it('refuses the mail outbox in production (one line naming the fix) and keeps it as the default elsewhere', () => {
    const production = { ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), AUDIT_HMAC_KEY: 'k'.repeat(32) };
    const refusal =
      'Invalid configuration: MAIL_TRANSPORT: must be smtp when NODE_ENV=production (outbox only writes files and sends nothing): set MAIL_TRANSPORT=smtp and SMTP_HOST';
    for (const mail of [{}, { MAIL_TRANSPORT: 'outbox' }]) {
      expect(() => loadBackendConfig({ ...production, ...mail })).toThrow(new Error(refusal));
    }
    expect(() => loadBackendConfig({ ...production, MAIL_TRANSPORT: 'smtp' })).toThrow(
      'Invalid configuration: SMTP_HOST: is required when MAIL_TRANSPORT=smtp',
    );
    expect(loadBackendConfig({ ...production, ...relay })).toMatchObject(relay);
    for (const NODE_ENV of ['development', 'test']) expect(loadBackendConfig({ ...base, NODE_ENV }).MAIL_TRANSPORT).toBe('outbox');
  });

  it('allows a missing JWT_SECRET outside production and rejects a short one everywhere', () => {
    expect(loadBackendConfig(base).JWT_SECRET).toBeUndefined();
    expect(() => loadBackendConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together, and no weak admin password', () => {
    expect(() => loadBackendConfig({ ...base, ADMIN_EMAIL: 'a@example.org' })).toThrow(
      /ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD must be set together/,
    );
    expect(() => loadBackendConfig({ ...base, ADMIN_EMAIL: 'a@example.org', ADMIN_PASSWORD: 'admin' })).toThrow(
      /ADMIN_PASSWORD: must be at least 12 characters/,
    );
  });

  it('wants https for MLflow in production', () => {
    const production = { ...base, ...relay, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), AUDIT_HMAC_KEY: 'k'.repeat(32) };
    expect(() => loadBackendConfig({ ...production, MLFLOW_TRACKING_URI: 'http://mlflow.internal:5000' })).toThrow(
      /MLFLOW_TRACKING_URI: must be an https URL when NODE_ENV=production/,
    );
    expect(loadBackendConfig({ ...production, MLFLOW_TRACKING_URI: 'https://mlflow.example.org' }).MLFLOW_TRACKING_URI).toBe(
      'https://mlflow.example.org',
    );
    expect(loadBackendConfig({ ...base, MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000' }).MLFLOW_LOG_PROMPT).toBe('hash');
    expect(() => loadBackendConfig({ ...base, MLFLOW_LOG_PROMPT: 'all' })).toThrow(/MLFLOW_LOG_PROMPT: must be hash or masked/);
  });

  it('names bad token lifetimes and limits', () => {
    expect(() => loadBackendConfig({ ...base, ACCESS_TOKEN_TTL_SECONDS: '5' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS: must be at least 60/);
    expect(() => loadBackendConfig({ ...base, API_DOCS: 'maybe' })).toThrow(/API_DOCS: must be true or false/);
    expect(() => loadBackendConfig({ ...base, SESSION_MAX_LIFETIME_SECONDS: '7200', REFRESH_TOKEN_TTL_SECONDS: '86400' })).toThrow(
      /SESSION_MAX_LIFETIME_SECONDS: must be at least REFRESH_TOKEN_TTL_SECONDS \(86400\)/,
    );
    expect(() => loadBackendConfig({ ...base, SESSION_MAX_LIFETIME_SECONDS: 'forever' })).toThrow(
      /SESSION_MAX_LIFETIME_SECONDS: must be a number/,
    );
    expect(() => loadBackendConfig({ ...base, REFRESH_REUSE_GRACE_SECONDS: '600' })).toThrow(
      /REFRESH_REUSE_GRACE_SECONDS: must be at most 60/,
    );
    expect(loadBackendConfig(base)).toMatchObject({ SESSION_MAX_LIFETIME_SECONDS: 30 * 86400, REFRESH_REUSE_GRACE_SECONDS: 10 });
    expect(
      [undefined, 'false', '0', 'true', '2'].map(
        (v) => loadBackendConfig({ ...base, ...(v === undefined ? {} : { TRUST_PROXY: v }) }).TRUST_PROXY,
      ),
    ).toEqual([0, 0, 0, 1, 2]);
    expect(() => loadBackendConfig({ ...base, TRUST_PROXY: 'yes' })).toThrow(
      /TRUST_PROXY: must be false, true \(one proxy\) or the number of proxies/,
    );
  });
});
