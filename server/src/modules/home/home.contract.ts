import { Type, type Static } from 'typebox';
import { RoleSchema, type Check, type SameShape } from '../../http/contract.js';
import type { Home as HomeSource } from './home.service.js';

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

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type HomeContractMatchesSources = [Check<SameShape<Home, HomeSource>>];
