import { Type } from 'typebox';

import { UserSchema } from './auth.contract.js';

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const usersResponses = {
  'GET /users': { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Number() }) },
  'GET /users/:id': { 200: Type.Object({ user: UserSchema }) },
  'POST /users/:id/reveal-id-number': { 200: Type.Object({ idNumber: Type.String() }) },
  'PATCH /users/:id/status': { 200: Type.Object({ user: UserSchema }) },
} as const;
