// Front door of modules/identity (people and access: registration, login, sessions, invitations, users, resident ID and phone rules); other modules import only from here.
export { UserSchema, UserStatusSchema } from './auth.contract.js';
export { authRoutes } from './auth.routes.js';
export {
  AuthService,
  type LoginResult,
  type SessionInfo,
  UNUSABLE_PASSWORD_HASH,
  loginEndedError,
  sealedPersonColumns,
} from './auth.service.js';
export { listDivisions } from './divisions.js';
export { canSeeUser, userScope } from './identity.policy.js';
export {
  type InvitationsTable,
  type Role,
  type SessionsTable,
  type UserStatus,
  type UsersTable,
  type VerificationCodesTable,
} from './identity.tables.js';
export { invitationRoutes } from './invitations.routes.js';
export { InvitationsService } from './invitations.service.js';
export { idNumberReasonParams, requireName, requirePhone, validateName } from './person.js';
export { maskPhone, validateMobilePhone } from './phone.js';
export {
  type ResidentIdInfo,
  makeResidentId,
  maskResidentId,
  residentIdCheckChar,
  validateResidentId,
} from './resident-id.js';
export { type User, findUserById, userRowToUser } from './users.repository.js';
export { userRoutes } from './users.routes.js';
export { UsersService } from './users.service.js';
export { type InstitutionLookup, type InvitedInstitution } from './institution-lookup.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as authContract from './auth.contract.js';
export type * as invitationsContract from './invitations.contract.js';
export type * as usersContract from './users.contract.js';
