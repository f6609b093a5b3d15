import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  RecoveryEventView as RecoveryEventViewSource,
  RecoveryOrder as RecoveryOrderSource,
  RecoveryOrderDetail as RecoveryOrderDetailSource,
} from './recovery.service.js';

export const RECOVERY_STATUSES = ['open', 'partly_recovered', 'recovered', 'written_off'] as const;

export const RecoveryOrderSchema = Type.Object({
  id: Type.String(),
  lineId: Type.String(),
  claimId: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  alertId: OrNull(Type.String()),
  payer: StringEnum(['institution', 'learner']),
  learnerId: Type.String(),
  learnerName: Type.String(),
  amountFen: Type.Integer(),
  recoveredFen: Type.Integer(),
  outstandingFen: Type.Integer(),
  status: StringEnum(RECOVERY_STATUSES),
  reason: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  createdAt: Type.String(),
  closedAt: OrNull(Type.String()),
});
export type RecoveryOrder = Static<typeof RecoveryOrderSchema>;

export const RecoveryEventViewSchema = Type.Object({
  action: StringEnum(['opened', 'recovered', 'written_off', 'overdue']),
  amountFen: Type.Integer(),
  reason: Type.String(),
  actorName: OrNull(Type.String()),
  at: Type.String(),
});
export type RecoveryEventView = Static<typeof RecoveryEventViewSchema>;

export const RecoveryOrderDetailSchema = Type.Object({
  ...RecoveryOrderSchema.properties,
  events: Type.Array(RecoveryEventViewSchema),
});
export type RecoveryOrderDetail = Static<typeof RecoveryOrderDetailSchema>;

const Order = Type.Object({ order: RecoveryOrderDetailSchema });

/** What each route answers, by status (recovery.routes.ts attaches these as `schema.response`). */
export const recoveryResponses = {
  'GET /subsidies/recovery-orders': { 200: Type.Object({ orders: Type.Array(RecoveryOrderSchema) }) },
  'GET /subsidies/recovery-orders/:id': { 200: Order },
  'POST /subsidies/recovery-orders/:id/recovered': { 200: Order },
  'POST /subsidies/recovery-orders/:id/write-off': { 200: Order },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type RecoveryContractMatchesSources = [
  Check<SameShape<RecoveryOrder, RecoveryOrderSource>>,
  Check<SameShape<RecoveryEventView, RecoveryEventViewSource>>,
  Check<SameShape<RecoveryOrderDetail, RecoveryOrderDetailSource>>,
];
