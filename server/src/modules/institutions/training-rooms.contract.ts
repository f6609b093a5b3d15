import { Type, type Static } from 'typebox';
import { NoContent, type Check, type SameShape } from '../../http/contract.js';
import type { TrainingRoom as TrainingRoomSource } from './training-rooms.service.js';

export const TrainingRoomSchema = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  name: Type.String(),
  cidr: Type.String(),
  seats: Type.Number(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type TrainingRoom = Static<typeof TrainingRoomSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const trainingRoomsResponses = {
  'GET /institutions/:id/training-rooms': { 200: Type.Object({ items: Type.Array(TrainingRoomSchema) }) },
  'POST /institutions/:id/training-rooms': { 201: Type.Object({ room: TrainingRoomSchema }) },
  'PATCH /institutions/:id/training-rooms/:roomId': { 200: Type.Object({ room: TrainingRoomSchema }) },
  'DELETE /institutions/:id/training-rooms/:roomId': { 204: NoContent },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type TrainingRoomsContractMatchesSources = [Check<SameShape<TrainingRoom, TrainingRoomSource>>];
