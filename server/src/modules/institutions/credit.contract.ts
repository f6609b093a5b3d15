import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  CreditEventView as CreditEventViewSource,
  CreditRecord as CreditRecordSource,
  CreditRestriction as CreditRestrictionSource,
} from './credit.service.js';

export const CREDIT_SEVERITIES = ['minor', 'major', 'severe'] as const;
export const CREDIT_EVENT_KINDS = [
  'fraud_confirmed',
  'recovery_opened',
  'recovery_overdue',
  'false_materials',
] as const;

export const CreditEventViewSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(CREDIT_EVENT_KINDS),
  severity: StringEnum(CREDIT_SEVERITIES),
  refType: StringEnum(['alert', 'recovery_order', 'record'] as const),
  refId: Type.String(),
  reason: Type.String(),
  recordedByName: OrNull(Type.String()),
  occurredAt: Type.String(),
  deducted: Type.Number(),
  weighsLessOn: OrNull(Type.String()),
});
export type CreditEventView = Static<typeof CreditEventViewSchema>;

const Period = Type.Object({ since: Type.String(), until: Type.String() });
export const CreditRecordSchema = Type.Object({
  institutionId: Type.String(),
  institutionName: Type.String(),
  score: Type.Number(),
  threshold: Type.Number(),
  restricted: Type.Boolean(),
  restriction: OrNull(Period),
  events: Type.Array(CreditEventViewSchema),
});
export type CreditRecord = Static<typeof CreditRecordSchema>;

export const CreditRestrictionSchema = Type.Object({
  institutionId: Type.String(),
  institutionName: Type.String(),
  creditCode: Type.String(),
  regionCode: Type.String(),
  score: Type.Number(),
  since: Type.String(),
  until: Type.String(),
});
export type CreditRestriction = Static<typeof CreditRestrictionSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const creditResponses = {
  'GET /institutions/:id/credit': { 200: CreditRecordSchema },
  'POST /institutions/:id/credit/false-materials': { 201: CreditRecordSchema },
  'GET /public/credit-restrictions': { 200: Type.Object({ items: Type.Array(CreditRestrictionSchema) }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type CreditContractMatchesSources = [
  Check<SameShape<CreditEventView, CreditEventViewSource>>,
  Check<SameShape<CreditRecord, CreditRecordSource>>,
  Check<SameShape<CreditRestriction, CreditRestrictionSource>>,
];
