import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type { Region as RegionSource } from './regions.repository.js';
import type { RegionLevel as RegionLevelSource } from './regions.tables.js';

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

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type RegionsContractMatchesSources = [
  Check<SameShape<RegionLevel, RegionLevelSource>>,
  Check<SameShape<Region, RegionSource>>,
];
