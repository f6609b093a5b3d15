import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import { RoleSchema, UserSchema } from './auth.contract.js';
import type { Invitation as InvitationSource } from './invitations.service.js';

export const InvitationSchema = Type.Object({
  id: Type.String(),
  role: RoleSchema,
  name: Type.String(),
  phoneMasked: Type.String(),
  regionCode: OrNull(Type.String()),
  institutionId: OrNull(Type.String()),
  status: StringEnum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: Type.String(),
  createdAt: Type.String(),
});
export type Invitation = Static<typeof InvitationSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const invitationsResponses = {
  'POST /invitations': {
    201: Type.Object({
      invitation: Type.Object({
        token: Type.String(),
        url: Type.String(),
        id: Type.String(),
        role: RoleSchema,
        name: Type.String(),
        phoneMasked: Type.String(),
        regionCode: OrNull(Type.String()),
        institutionId: OrNull(Type.String()),
        status: StringEnum(['pending', 'accepted', 'revoked', 'expired']),
        expiresAt: Type.String(),
        createdAt: Type.String(),
      }),
    }),
  },
  'GET /invitations': { 200: Type.Object({ items: Type.Array(InvitationSchema) }) },
  'GET /invitations/:token': {
    200: Type.Object({
      invitation: Type.Object({
        regionName: OrNull(Type.String()),
        institutionName: OrNull(Type.String()),
        id: Type.String(),
        role: RoleSchema,
        name: Type.String(),
        phoneMasked: Type.String(),
        regionCode: OrNull(Type.String()),
        institutionId: OrNull(Type.String()),
        status: StringEnum(['pending', 'accepted', 'revoked', 'expired']),
        expiresAt: Type.String(),
        createdAt: Type.String(),
      }),
    }),
  },
  'POST /invitations/:token/accept': { 201: Type.Object({ user: UserSchema }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type InvitationsContractMatchesSources = [Check<SameShape<Invitation, InvitationSource>>];
