import { Type, type Static } from 'typebox';
import { OrNull, StringEnum } from '../../http/contract.js';

export const RegionLevelSchema = StringEnum(['province', 'city', 'county']);
export type RegionLevel = Static<typeof RegionLevelSchema>;

export const RegionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: RegionLevelSchema,
  parentCode: OrNull(Type.String()),
});
export type Region = Static<typeof RegionSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const regionsResponses = {
  'GET /regions': { 200: Type.Object({ items: Type.Array(RegionSchema) }) },
} as const;
