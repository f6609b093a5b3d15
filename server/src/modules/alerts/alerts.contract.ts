import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  AlertView as AlertViewSource,
  EventView as EventViewSource,
  EvidenceView as EvidenceViewSource,
  SubsidyHold as SubsidyHoldSource,
} from './alerts.service.js';
import type { EvidenceType as EvidenceTypeSource, SubjectType as SubjectTypeSource } from './alerts.tables.js';
import { ALERT_KINDS, type AlertKind as AlertKindSource, type Severity as SeveritySource } from './detectors/types.js';
import type { Notification as NotificationSource } from './notifications.service.js';
import type {
  AlertStatus as AlertStatusSource,
  Contribution as ContributionSource,
  RiskLevel as RiskLevelSource,
} from './risk.js';

export const AlertKindSchema = StringEnum(ALERT_KINDS);
export type AlertKind = Static<typeof AlertKindSchema>;

export const SeveritySchema = StringEnum(['low', 'medium', 'high']);
export type Severity = Static<typeof SeveritySchema>;

export const AlertStatusSchema = StringEnum(['open', 'under_review', 'confirmed', 'dismissed']);
export type AlertStatus = Static<typeof AlertStatusSchema>;

export const SubjectTypeSchema = StringEnum(['learner', 'teacher', 'class', 'institution']);
export type SubjectType = Static<typeof SubjectTypeSchema>;

export const AlertViewSchema = Type.Object({
  id: Type.String(),
  kind: AlertKindSchema,
  severity: SeveritySchema,
  status: AlertStatusSchema,
  subject: Type.Object({ type: SubjectTypeSchema, id: Type.String(), name: OrNull(Type.String()) }),
  learner: OrNull(Type.Object({ id: Type.String(), name: Type.String() })),
  class: OrNull(Type.Object({ id: Type.String(), name: Type.String() })),
  institution: OrNull(Type.Object({ id: Type.String(), name: Type.String() })),
  regionCode: OrNull(Type.String()),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  facts: Type.Record(Type.String(), Type.Unknown()),
  detections: Type.Number(),
  sessionCount: Type.Number(),
  firstSeenAt: Type.String(),
  lastSeenAt: Type.String(),
  proposal: OrNull(
    Type.Object({
      decision: StringEnum(['confirm', 'dismiss']),
      reason: Type.String(),
      by: OrNull(Type.String()),
      at: Type.String(),
    }),
  ),
  decision: OrNull(Type.Object({ by: OrNull(Type.String()), at: Type.String(), reason: Type.String() })),
  revokedMs: Type.Number(),
});
export type AlertView = Static<typeof AlertViewSchema>;

export const RiskLevelSchema = StringEnum(['none', 'low', 'medium', 'high']);
export type RiskLevel = Static<typeof RiskLevelSchema>;

export const ContributionSchema = Type.Object({
  alertId: Type.String(),
  kind: AlertKindSchema,
  severity: SeveritySchema,
  status: AlertStatusSchema,
  points: Type.Number(),
  subjectType: Type.Optional(StringEnum(['learner', 'teacher', 'class', 'institution'])),
});
export type Contribution = Static<typeof ContributionSchema>;

export const EvidenceTypeSchema = StringEnum([
  'attendance',
  'learning_record',
  'learning_session',
  'face_check',
  'face_alert',
  'alert',
]);
export type EvidenceType = Static<typeof EvidenceTypeSchema>;

export const EvidenceViewSchema = Type.Object({
  type: EvidenceTypeSchema,
  id: Type.String(),
  at: Type.String(),
  note: OrNull(Type.String()),
  record: Type.Optional(
    Type.Object({
      chainSeq: Type.Number(),
      kind: Type.String(),
      sessionId: Type.String(),
      creditedMs: Type.Number(),
      data: Type.Optional(Type.Unknown()),
      hash: Type.String(),
    }),
  ),
  session: Type.Optional(
    Type.Object({
      lessonTitle: Type.String(),
      startedAt: Type.String(),
      ip: Type.String(),
      userAgent: Type.String(),
      deviceId: Type.String(),
      creditedMs: Type.Number(),
    }),
  ),
  faceCheck: Type.Optional(
    Type.Object({
      result: Type.String(),
      reason: OrNull(Type.String()),
      distance: OrNull(Type.Number()),
      threshold: Type.Number(),
    }),
  ),
  faceAlert: Type.Optional(Type.Object({ kind: Type.String(), distance: Type.Number() })),
  alert: Type.Optional(
    Type.Object({
      kind: Type.String(),
      severity: Type.String(),
      status: Type.String(),
      learner: OrNull(Type.String()),
    }),
  ),
});
export type EvidenceView = Static<typeof EvidenceViewSchema>;

export const EventViewSchema = Type.Object({
  action: Type.String(),
  actor: OrNull(Type.Object({ id: Type.String(), name: Type.String(), role: OrNull(Type.String()) })),
  reason: OrNull(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String(),
});
export type EventView = Static<typeof EventViewSchema>;

export const SubsidyHoldSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  learnerName: Type.String(),
  classId: OrNull(Type.String()),
  className: OrNull(Type.String()),
  alertId: Type.String(),
  status: StringEnum(['held', 'released']),
  reason: Type.String(),
  createdAt: Type.String(),
  releasedAt: OrNull(Type.String()),
  releaseReason: OrNull(Type.String()),
});
export type SubsidyHold = Static<typeof SubsidyHoldSchema>;

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  refType: OrNull(Type.String()),
  refId: OrNull(Type.String()),
  params: Type.Record(Type.String(), Type.Unknown()),
  link: OrNull(Type.String()),
  createdAt: Type.String(),
  readAt: OrNull(Type.String()),
});
export type Notification = Static<typeof NotificationSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const alertsResponses = {
  'GET /alerts': {
    200: Type.Object({
      items: Type.Array(AlertViewSchema),
      total: Type.Number(),
      counts: Type.Object({
        open: Type.Number(),
        under_review: Type.Number(),
        confirmed: Type.Number(),
        dismissed: Type.Number(),
      }),
    }),
  },
  'GET /alerts/risk/top-learners': {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          name: OrNull(Type.String()),
          score: Type.Number(),
          level: RiskLevelSchema,
          contributions: Type.Array(ContributionSchema),
          userId: Type.String(),
        }),
      ),
    }),
  },
  'GET /alerts/risk/learners/:userId': {
    200: Type.Object({
      risk: Type.Object({
        score: Type.Number(),
        level: RiskLevelSchema,
        contributions: Type.Array(ContributionSchema),
        userId: Type.String(),
      }),
    }),
  },
  'GET /alerts/risk/classes/:classId': {
    200: Type.Object({
      risk: Type.Object({
        score: Type.Number(),
        level: RiskLevelSchema,
        own: Type.Array(ContributionSchema),
        members: Type.Array(
          Type.Object({ id: Type.String(), score: Type.Number(), name: Type.Optional(Type.String()) }),
        ),
        flaggedShare: Type.Number(),
        classId: Type.String(),
      }),
    }),
  },
  'GET /alerts/risk/institutions/:institutionId': {
    200: Type.Object({
      risk: Type.Object({
        score: Type.Number(),
        level: RiskLevelSchema,
        own: Type.Array(ContributionSchema),
        members: Type.Array(
          Type.Object({ id: Type.String(), score: Type.Number(), name: Type.Optional(Type.String()) }),
        ),
        flaggedShare: Type.Number(),
        institutionId: Type.String(),
      }),
    }),
  },
  'GET /alerts/:id': {
    200: Type.Object({
      alert: AlertViewSchema,
      evidence: Type.Array(EvidenceViewSchema),
      events: Type.Array(EventViewSchema),
      sessions: Type.Array(
        Type.Object({
          id: Type.String(),
          lessonTitle: OrNull(Type.String()),
          startedAt: OrNull(Type.String()),
          ip: OrNull(Type.String()),
          creditedMs: Type.Number(),
        }),
      ),
      subsidyHold: OrNull(Type.Object({ id: Type.String(), status: StringEnum(['held', 'released']) })),
      risk: OrNull(
        Type.Object({
          score: Type.Number(),
          level: RiskLevelSchema,
          contributions: Type.Array(ContributionSchema),
          userId: Type.String(),
        }),
      ),
      actions: Type.Object({ review: Type.Boolean(), propose: Type.Boolean(), decide: Type.Boolean() }),
    }),
  },
  'POST /alerts/:id/review': {
    200: Type.Object({
      alert: AlertViewSchema,
      evidence: Type.Array(EvidenceViewSchema),
      events: Type.Array(EventViewSchema),
      sessions: Type.Array(
        Type.Object({
          id: Type.String(),
          lessonTitle: OrNull(Type.String()),
          startedAt: OrNull(Type.String()),
          ip: OrNull(Type.String()),
          creditedMs: Type.Number(),
        }),
      ),
      subsidyHold: OrNull(Type.Object({ id: Type.String(), status: StringEnum(['held', 'released']) })),
      risk: OrNull(
        Type.Object({
          score: Type.Number(),
          level: RiskLevelSchema,
          contributions: Type.Array(ContributionSchema),
          userId: Type.String(),
        }),
      ),
      actions: Type.Object({ review: Type.Boolean(), propose: Type.Boolean(), decide: Type.Boolean() }),
    }),
  },
  'POST /alerts/:id/propose': {
    200: Type.Object({
      alert: AlertViewSchema,
      evidence: Type.Array(EvidenceViewSchema),
      events: Type.Array(EventViewSchema),
      sessions: Type.Array(
        Type.Object({
          id: Type.String(),
          lessonTitle: OrNull(Type.String()),
          startedAt: OrNull(Type.String()),
          ip: OrNull(Type.String()),
          creditedMs: Type.Number(),
        }),
      ),
      subsidyHold: OrNull(Type.Object({ id: Type.String(), status: StringEnum(['held', 'released']) })),
      risk: OrNull(
        Type.Object({
          score: Type.Number(),
          level: RiskLevelSchema,
          contributions: Type.Array(ContributionSchema),
          userId: Type.String(),
        }),
      ),
      actions: Type.Object({ review: Type.Boolean(), propose: Type.Boolean(), decide: Type.Boolean() }),
    }),
  },
  'POST /alerts/:id/decide': {
    200: Type.Object({
      alert: AlertViewSchema,
      evidence: Type.Array(EvidenceViewSchema),
      events: Type.Array(EventViewSchema),
      sessions: Type.Array(
        Type.Object({
          id: Type.String(),
          lessonTitle: OrNull(Type.String()),
          startedAt: OrNull(Type.String()),
          ip: OrNull(Type.String()),
          creditedMs: Type.Number(),
        }),
      ),
      subsidyHold: OrNull(Type.Object({ id: Type.String(), status: StringEnum(['held', 'released']) })),
      risk: OrNull(
        Type.Object({
          score: Type.Number(),
          level: RiskLevelSchema,
          contributions: Type.Array(ContributionSchema),
          userId: Type.String(),
        }),
      ),
      actions: Type.Object({ review: Type.Boolean(), propose: Type.Boolean(), decide: Type.Boolean() }),
    }),
  },
  'GET /subsidy-holds': { 200: Type.Object({ items: Type.Array(SubsidyHoldSchema) }) },
  'POST /subsidy-holds/:id/release': { 200: Type.Object({ hold: SubsidyHoldSchema }) },
  'GET /notifications': { 200: Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Number() }) },
  'POST /notifications/read-all': { 200: Type.Object({ updated: Type.Number() }) },
  'POST /notifications/:id/read': { 200: Type.Object({ updated: Type.Number() }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type AlertsContractMatchesSources = [
  Check<SameShape<AlertKind, AlertKindSource>>,
  Check<SameShape<Severity, SeveritySource>>,
  Check<SameShape<AlertStatus, AlertStatusSource>>,
  Check<SameShape<SubjectType, SubjectTypeSource>>,
  Check<SameShape<AlertView, AlertViewSource>>,
  Check<SameShape<RiskLevel, RiskLevelSource>>,
  Check<SameShape<Contribution, ContributionSource>>,
  Check<SameShape<EvidenceType, EvidenceTypeSource>>,
  Check<SameShape<EvidenceView, EvidenceViewSource>>,
  Check<SameShape<EventView, EventViewSource>>,
  Check<SameShape<SubsidyHold, SubsidyHoldSource>>,
  Check<SameShape<Notification, NotificationSource>>,
];
