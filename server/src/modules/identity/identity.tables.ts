import type { Generated } from 'kysely';

import type { Role } from '../../platform/context.js';

export { ROLES, type Role } from '../../platform/context.js';
/**
 * 'invited': created for a person by their institution (roster import) who has not set a password yet; they activate
 * the account by setting one through the SMS password reset, which makes it 'active'.
 */
export type UserStatus = 'active' | 'disabled' | 'invited';

// Timestamps are ISO-8601 UTC strings on both SQLite and PostgreSQL (see docs/adr/0002-portable-sql.md).
export interface UsersTable {
  id: string;
  role: Role;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  gender: 'male' | 'female';
  birth_date: string;
  password_hash: string;
  status: UserStatus;
  /** Regulators: the region they supervise. Institution people: their institution's region (for region scoping). */
  region_code: string | null;
  institution_id: string | null;
  failed_login_count: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export type SessionEndReason = 'logout' | 'replaced' | 'expired' | 'password_reset' | 'password_changed' | 'disabled';

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string;
  user_agent: string;
  device: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_reason: SessionEndReason | null;
  replaced_by: string | null;
}

export interface VerificationCodesTable {
  id: string;
  purpose: 'password_reset';
  phone_hash: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  role: Role;
  name: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  region_code: string | null;
  institution_id: string | null;
  invited_by: string;
  status: 'pending' | 'accepted' | 'revoked';
  expires_at: string;
  accepted_user_id: string | null;
  created_at: string;
}
