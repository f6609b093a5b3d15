import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable } from '../modules/audit/audit.tables.js';
import type { InstitutionsTable } from '../modules/institutions/institutions.tables.js';
import type { InvitationsTable, SessionsTable, UsersTable, VerificationCodesTable } from '../modules/identity/identity.tables.js';
import type { RegionsTable } from '../modules/regions/regions.tables.js';

/** The whole database, assembled from the tables each module declares. */
export interface Database {
  regions: RegionsTable;
  institutions: InstitutionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  verification_codes: VerificationCodesTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
}

export type Db = Kysely<Database>;
/** Services accept either the root handle or a transaction, so the caller decides where transactions begin. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
