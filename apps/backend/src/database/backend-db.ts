import type { ColumnType, Generated } from 'kysely';

/** Table types of the backend's database (one interface per table, named as the table). */
export interface SchemaInfoTable {
  key: string;
  value: string;
  updated_at: Date;
}

/** A timestamp the database fills in when omitted. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/**
 * jsonb written as a JSON string (both drivers accept text for jsonb; the pg driver would turn a JS
 * array into a PostgreSQL array otherwise) and read back parsed.
 */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type UserRole = 'patient' | 'doctor' | 'admin';
export type UserStatus = 'active' | 'disabled' | 'deleted';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  role: UserRole;
  display_name: string;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  password_changed_at: Date | null;
  deleted_at: Date | null;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  refresh_token_hash: string;
  created_at: CreatedAt;
  last_used_at: CreatedAt;
  /** Slides with each refresh, never past absolute_expires_at. */
  expires_at: Date;
  /** The session's end whatever its use (SESSION_MAX_LIFETIME_SECONDS after sign-in). */
  absolute_expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** A refresh token its session rotated away from: presenting it again ends the session (family). */
export interface SessionRefreshHistoryTable {
  token_hash: string;
  session_id: string;
  rotated_at: CreatedAt;
  successor_hash: string;
  /** The successor token sealed with a key derived from this one, for the concurrent-refresh grace window. */
  successor_sealed: string | null;
}

/** An e-mailed password-reset link, stored as the token's SHA-256; used once, then dead. */
export interface PasswordResetTokensTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface ProfileVersionsTable {
  patient_id: string;
  version: number;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  created_by: string;
}

export type EncounterStatus = 'draft' | 'submitted' | 'in_review' | 'released' | 'returned';

export interface EncountersTable {
  id: Generated<string>;
  patient_id: string;
  status: ColumnType<EncounterStatus, EncounterStatus | undefined, EncounterStatus>;
  profile_version: number | null;
  conversation: ColumnType<unknown[], string | undefined, string>;
  summary: NullableJson<Record<string, unknown>>;
  triage: NullableJson<Record<string, unknown>>;
  urgent: ColumnType<boolean, boolean | undefined, boolean>;
  report: NullableJson<Record<string, unknown>>;
  report_model: string | null;
  report_prompt_version: string | null;
  report_corpus_version: string | null;
  report_meta: NullableJson<Record<string, unknown>>;
  report_generated_at: Date | null;
  claimed_by: string | null;
  claimed_at: Date | null;
  doctor_notes: string | null;
  prescription: NullableJson<unknown[]>;
  return_reason: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  submitted_at: Date | null;
  released_at: Date | null;
  revision: ColumnType<number, number | undefined, number>;
  /** Red flag and on-call alert (migration 0008). */
  flagged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  flag_source: ColumnType<RedFlagSource | null, RedFlagSource | null | undefined, RedFlagSource | null>;
  alert_status: ColumnType<AlertStatus | null, AlertStatus | null | undefined, AlertStatus | null>;
  alert_sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  acknowledged_by: ColumnType<string | null, string | null | undefined, string | null>;
  acknowledged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  acknowledgement_action: ColumnType<AcknowledgementAction | null, AcknowledgementAction | null | undefined, AcknowledgementAction | null>;
  acknowledgement_reason: ColumnType<string | null, string | null | undefined, string | null>;
  acknowledgement_message: ColumnType<string | null, string | null | undefined, string | null>;
  /** The patient's view and the doctor's private notes (migration 0011). */
  patient_message: ColumnType<string | null, string | null | undefined, string | null>;
  next_steps: ColumnType<string | null, string | null | undefined, string | null>;
  private_notes: ColumnType<string | null, string | null | undefined, string | null>;
  shared_case_ids: ColumnType<string[], string | undefined, string>;
  hidden_case_ids: ColumnType<string[], string | undefined, string>;
  report_failure: NullableJson<{ code: string; message: string; at: string }>;
}

export type RedFlagSource = 'intake' | 'screening' | 'qa';
export type AlertStatus = 'pending' | 'sent' | 'failed' | 'not_configured';
export type AcknowledgementAction = 'called_patient' | 'advised_ed' | 'no_action';

export interface EncounterEventsTable {
  id: Generated<string>;
  encounter_id: string;
  at: CreatedAt;
  actor_id: string | null;
  actor_role: string | null;
  type: string;
  from_status: string | null;
  to_status: string | null;
  data: NullableJson<Record<string, unknown>>;
}

export interface AuditLogTable {
  /** bigint comes back from the drivers as a string. */
  seq: ColumnType<string, string | number, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_id: ColumnType<string | null, string | null, never>;
  actor_role: ColumnType<string | null, string | null, never>;
  action: ColumnType<string, string, never>;
  resource_type: ColumnType<string, string, never>;
  resource_id: ColumnType<string | null, string | null, never>;
  patient_id: ColumnType<string | null, string | null, never>;
  outcome: ColumnType<string, string, never>;
  ip: ColumnType<string | null, string | null, never>;
  user_agent: ColumnType<string | null, string | null, never>;
  request_id: ColumnType<string | null, string | null, never>;
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
  prev_hash: ColumnType<string, string, never>;
  hash: ColumnType<string, string, never>;
  /** The HMAC key that chained the row (migration 0010); null on rows from before, hashed with plain SHA-256. */
  key_id: ColumnType<string | null, string | null, never>;
}

export interface FeedbackTable {
  id: Generated<string>;
  encounter_id: string;
  doctor_id: string;
  target: 'report' | 'case';
  case_id: ColumnType<string, string | undefined, string>;
  useful: boolean;
  comment: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface BackendDb {
  schema_info: SchemaInfoTable;
  users: UsersTable;
  sessions: SessionsTable;
  session_refresh_history: SessionRefreshHistoryTable;
  password_reset_tokens: PasswordResetTokensTable;
  profile_versions: ProfileVersionsTable;
  encounters: EncountersTable;
  encounter_events: EncounterEventsTable;
  audit_log: AuditLogTable;
  feedback: FeedbackTable;
}
