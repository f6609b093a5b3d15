import { Type, type Static } from 'typebox';
import { NoContent, OrNull, RoleSchema, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type { SessionInfo as SessionInfoSource } from './auth.service.js';
import type { UserStatus as UserStatusSource } from './identity.tables.js';
import type { User as UserSource } from './users.repository.js';

export const UserStatusSchema = StringEnum(['active', 'disabled', 'invited']);
export type UserStatus = Static<typeof UserStatusSchema>;

export { RoleSchema, type Role } from '../../http/contract.js';

export const UserSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  status: UserStatusSchema,
  phoneMasked: Type.String(),
  idNumberMasked: Type.String(),
  gender: StringEnum(['male', 'female']),
  birthDate: Type.String(),
  regionCode: OrNull(Type.String()),
  regionName: OrNull(Type.String()),
  institutionId: OrNull(Type.String()),
  institutionName: OrNull(Type.String()),
  createdAt: Type.String(),
});
export type User = Static<typeof UserSchema>;

export const SessionInfoSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  ip: Type.String(),
  device: Type.String(),
  csrfToken: Type.String(),
});
export type SessionInfo = Static<typeof SessionInfoSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const authResponses = {
  'POST /auth/register': { 201: Type.Object({ user: UserSchema }) },
  'POST /auth/login': {
    200: Type.Object({
      user: UserSchema,
      session: SessionInfoSchema,
      permissions: Type.Array(Type.String()),
      csrfToken: Type.String(),
    }),
  },
  'POST /auth/logout': { 204: NoContent },
  'GET /auth/me': {
    200: Type.Object({
      user: UserSchema,
      session: SessionInfoSchema,
      permissions: Type.Array(Type.String()),
      csrfToken: Type.String(),
    }),
  },
  'POST /auth/password-reset/request': { 202: Type.Object({ sent: Type.Boolean(), expiresInSeconds: Type.Number() }) },
  'POST /auth/password-reset/confirm': { 204: NoContent },
  'POST /auth/password': { 204: NoContent },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type AuthContractMatchesSources = [
  Check<SameShape<UserStatus, UserStatusSource>>,
  Check<SameShape<User, UserSource>>,
  Check<SameShape<SessionInfo, SessionInfoSource>>,
];
