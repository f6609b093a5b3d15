// Answer types of the HTTP API, from the server's contracts (server/src/contracts.ts): imported as types only, so
// the web and the server cannot disagree about a field and no server code is bundled.
import type { ApiAnswer, Role } from '@contracts';

export type {
  AuditEntry,
  AuthSessionInfo as Session,
  Home as HomeSummary,
  Institution,
  InstitutionKind,
  Invitation,
  Region,
  Role,
  User,
} from '@contracts';

export const ROLES: readonly Role[] = ['learner', 'teacher', 'institution_admin', 'regulator', 'operator'];

export type Me = ApiAnswer<'GET /auth/me'>;

export type InvitationStatus = ApiAnswer<'GET /invitations'>['items'][number]['status'];
export type CreatedInvitation = ApiAnswer<'POST /invitations'>['invitation'];
export type PublicInvitation = ApiAnswer<'GET /invitations/:token'>['invitation'];

/** A page of a list: the items and how many there are in all. */
export type Page<T> = { items: T[]; total: number };
