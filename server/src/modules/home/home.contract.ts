import { Type, type Static } from 'typebox';

import { RoleSchema } from '../identity/auth.contract.js';

export const HomeSchema = Type.Object({
  role: RoleSchema,
  cards: Type.Array(Type.Object({ key: Type.String(), value: Type.Union([Type.String(), Type.Number()]) })),
  actions: Type.Array(Type.Object({ key: Type.String(), path: Type.String() })),
});
export type Home = Static<typeof HomeSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const homeResponses = {
  'GET /home': { 200: HomeSchema },
} as const;
