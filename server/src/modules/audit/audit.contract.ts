import { Type, type Static } from 'typebox';
import { OrNull, type Check, type SameShape } from '../../http/contract.js';
import type { AuditEntry as AuditEntrySource } from './audit.service.js';

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  seq: Type.Number(),
  at: Type.String(),
  actorId: OrNull(Type.String()),
  actorName: OrNull(Type.String()),
  actorRole: OrNull(Type.String()),
  action: Type.String(),
  targetType: OrNull(Type.String()),
  targetId: OrNull(Type.String()),
  regionCode: OrNull(Type.String()),
  institutionId: OrNull(Type.String()),
  ip: OrNull(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const auditResponses = {
  'GET /audit': { 200: Type.Object({ items: Type.Array(AuditEntrySchema), total: Type.Number() }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type AuditContractMatchesSources = [Check<SameShape<AuditEntry, AuditEntrySource>>];
