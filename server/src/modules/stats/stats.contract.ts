import { Type, type Static } from 'typebox';
import { Binary, OrNull, StringEnum, XLSX, type Check, type SameShape } from '../../http/contract.js';
import type { AlertCount as AlertCountSource } from './alert-counts.js';
import type {
  BreakdownRow as BreakdownRowSource,
  Dashboard as DashboardSource,
  DayFigures as DayFiguresSource,
} from './dashboard.service.js';
import type {
  ClassTotals as ClassTotalsSource,
  Finding as FindingSource,
  InspectionLearner as InspectionLearnerSource,
} from './inspection.js';
import type {
  InspectionClass as InspectionClassSource,
  InspectionReport as InspectionReportSource,
} from './inspection.service.js';
import type { PlatformStats as PlatformStatsSource } from './platform-stats.service.js';
import type { ScopeLevel as ScopeLevelSource } from './stats.scope.js';
import type { CheckTrace as CheckTraceSource } from './trace.js';
import type {
  FaceCheckTrace as FaceCheckTraceSource,
  SessionTrace as SessionTraceSource,
  Timeline as TimelineSource,
  TracedLearner as TracedLearnerSource,
} from './trace.service.js';

export const ScopeLevelSchema = StringEnum(['province', 'city', 'county', 'institution', 'nation']);
export type ScopeLevel = Static<typeof ScopeLevelSchema>;

export const AlertCountSchema = Type.Object({ type: Type.String(), count: Type.Number(), open: Type.Number() });
export type AlertCount = Static<typeof AlertCountSchema>;

export const DayFiguresSchema = Type.Object({
  day: Type.String(),
  activeLearners: Type.Number(),
  creditedHours: Type.Number(),
  sessions: Type.Number(),
});
export type DayFigures = Static<typeof DayFiguresSchema>;

export const BreakdownRowSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  learners: OrNull(Type.Number()),
  institutions: OrNull(Type.Number()),
  activeClasses: OrNull(Type.Number()),
  creditedHours: Type.Number(),
  learnerDays: Type.Number(),
  sessions: Type.Number(),
  avgDailyActive: Type.Number(),
});
export type BreakdownRow = Static<typeof BreakdownRowSchema>;

export const DashboardSchema = Type.Object({
  scope: Type.Object({
    level: ScopeLevelSchema,
    name: Type.String(),
    regionCode: OrNull(Type.String()),
    institutionId: OrNull(Type.String()),
    up: OrNull(Type.Object({ region: OrNull(Type.String()), institutionId: Type.Null(), name: Type.String() })),
  }),
  today: Type.String(),
  asOf: Type.String(),
  rolledUpTo: OrNull(Type.String()),
  cards: Type.Object({
    learners: Type.Number(),
    institutions: OrNull(Type.Number()),
    activeClasses: Type.Number(),
    activeLearnersToday: Type.Number(),
    creditedHoursToday: Type.Number(),
    sessionsToday: Type.Number(),
    creditedHoursTotal: Type.Number(),
    alerts: Type.Number(),
  }),
  alertsByType: Type.Array(AlertCountSchema),
  trend: Type.Array(DayFiguresSchema),
  breakdown: Type.Object({ by: StringEnum(['region', 'class', 'institution']), rows: Type.Array(BreakdownRowSchema) }),
  byOccupation: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      creditedHours: Type.Number(),
      learnerDays: Type.Number(),
      sessions: Type.Number(),
    }),
  ),
});
export type Dashboard = Static<typeof DashboardSchema>;

export const PlatformStatsSchema = Type.Object({
  today: Type.String(),
  asOf: Type.String(),
  rolledUpTo: OrNull(Type.String()),
  cards: Type.Object({
    users: Type.Number(),
    learners: Type.Number(),
    institutions: Type.Number(),
    visitsToday: Type.Number(),
    registrationsToday: Type.Number(),
    activeUsersToday: Type.Number(),
    creditedHoursToday: Type.Number(),
    creditedHoursTotal: Type.Number(),
  }),
  trend: Type.Array(
    Type.Object({
      day: Type.String(),
      visits: Type.Number(),
      registrations: Type.Number(),
      activeUsers: Type.Number(),
      activeLearners: Type.Number(),
      creditedHours: Type.Number(),
    }),
  ),
  byProvince: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      learners: Type.Number(),
      institutions: Type.Number(),
      visits: Type.Number(),
      registrations: Type.Number(),
      avgDailyActiveUsers: Type.Number(),
      creditedHours: Type.Number(),
    }),
  ),
});
export type PlatformStats = Static<typeof PlatformStatsSchema>;

export const TracedLearnerSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  phoneMasked: Type.String(),
  status: Type.String(),
  institutionName: OrNull(Type.String()),
  regionName: OrNull(Type.String()),
});
export type TracedLearner = Static<typeof TracedLearnerSchema>;

export const CheckTraceSchema = Type.Object({
  checkId: Type.String(),
  kind: StringEnum(['code', 'face']),
  issuedAt: Type.String(),
  deadline: OrNull(Type.String()),
  retryOf: OrNull(Type.String()),
  answers: Type.Array(
    Type.Object({
      at: Type.String(),
      result: Type.String(),
      attempt: OrNull(Type.Number()),
      committedMs: Type.Number(),
    }),
  ),
  missedAt: OrNull(Type.String()),
  outcome: StringEnum(['open', 'passed', 'failed', 'missed']),
});
export type CheckTrace = Static<typeof CheckTraceSchema>;

export const FaceCheckTraceSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  result: Type.String(),
  reason: OrNull(Type.String()),
  distance: OrNull(Type.Number()),
  threshold: Type.Number(),
  hasPhoto: Type.Boolean(),
  context: Type.String(),
});
export type FaceCheckTrace = Static<typeof FaceCheckTraceSchema>;

export const SessionTraceSchema = Type.Object({
  id: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  courseTitle: Type.String(),
  lessonTitle: Type.String(),
  startedAt: Type.String(),
  lastAt: Type.String(),
  end: Type.Object({
    kind: StringEnum(['open', 'ended', 'superseded']),
    at: OrNull(Type.String()),
    bySession: OrNull(Type.String()),
    byDevice: OrNull(Type.String()),
    byIp: OrNull(Type.String()),
  }),
  ip: Type.String(),
  place: OrNull(Type.String()),
  deviceId: Type.String(),
  device: Type.String(),
  userAgent: Type.String(),
  creditedMs: Type.Number(),
  heartbeats: Type.Number(),
  refused: Type.Array(Type.Object({ at: Type.String(), reason: Type.String(), positionMs: OrNull(Type.Number()) })),
  checks: Type.Array(CheckTraceSchema),
  faceChecks: Type.Array(FaceCheckTraceSchema),
});
export type SessionTrace = Static<typeof SessionTraceSchema>;

export const TimelineSchema = Type.Object({
  learner: TracedLearnerSchema,
  classes: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), institutionName: Type.String(), status: Type.String() }),
  ),
  sessions: Type.Array(SessionTraceSchema),
  otherFaceChecks: Type.Array(FaceCheckTraceSchema),
  totals: Type.Object({
    sessions: Type.Number(),
    creditedMs: Type.Number(),
    refused: Type.Number(),
    checks: Type.Number(),
    checksPassed: Type.Number(),
    checksFailed: Type.Number(),
    faceChecksPassed: Type.Number(),
    faceChecksFailed: Type.Number(),
  }),
  placeNote: OrNull(StringEnum(['geoip_unavailable'])),
  truncated: Type.Boolean(),
  maySeePhotos: Type.Boolean(),
});
export type Timeline = Static<typeof TimelineSchema>;

export const ClassTotalsSchema = Type.Object({
  enrolled: Type.Number(),
  withdrawn: Type.Number(),
  onlineHours: Type.Number(),
  offlineHours: Type.Number(),
  lessonsCompleted: Type.Number(),
  faceChecksPassed: Type.Number(),
  faceChecksFailed: Type.Number(),
  alerts: Type.Number(),
  anomalies: Type.Number(),
  flagged: Type.Number(),
});
export type ClassTotals = Static<typeof ClassTotalsSchema>;

export const FindingSchema = StringEnum([
  'alerts',
  'refused_reports',
  'missed_checks',
  'failed_checks',
  'face_check_failures',
  'other_device',
  'offline_without_online',
]);
export type Finding = Static<typeof FindingSchema>;

export const InspectionLearnerSchema = Type.Object({
  onlineSeconds: Type.Number(),
  onlineHours: Type.Number(),
  offlineMinutes: Type.Number(),
  offlineHours: Type.Number(),
  lessonsCompleted: Type.Number(),
  lessonsTotal: Type.Number(),
  faceChecksPassed: Type.Number(),
  faceChecksFailed: Type.Number(),
  alerts: Type.Number(),
  refusedReports: Type.Number(),
  missedChecks: Type.Number(),
  failedChecks: Type.Number(),
  otherDeviceStarts: Type.Number(),
  sessions: Type.Number(),
  userId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  enrolment: StringEnum(['enrolled', 'withdrawn']),
  anomalies: Type.Number(),
  findings: Type.Array(FindingSchema),
});
export type InspectionLearner = Static<typeof InspectionLearnerSchema>;

export const InspectionClassSchema = Type.Object({
  classId: Type.String(),
  name: Type.String(),
  status: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  classHourMinutes: Type.Number(),
  totals: ClassTotalsSchema,
  learners: Type.Array(InspectionLearnerSchema),
});
export type InspectionClass = Static<typeof InspectionClassSchema>;

export const InspectionReportSchema = Type.Object({
  institution: Type.Object({
    id: Type.String(),
    name: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
  }),
  from: Type.String(),
  to: Type.String(),
  generatedAt: Type.String(),
  summary: Type.Object({
    enrolled: Type.Number(),
    withdrawn: Type.Number(),
    onlineHours: Type.Number(),
    offlineHours: Type.Number(),
    lessonsCompleted: Type.Number(),
    faceChecksPassed: Type.Number(),
    faceChecksFailed: Type.Number(),
    alerts: Type.Number(),
    anomalies: Type.Number(),
    flagged: Type.Number(),
    classes: Type.Number(),
  }),
  classes: Type.Array(InspectionClassSchema),
});
export type InspectionReport = Static<typeof InspectionReportSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const statsResponses = {
  'GET /stats/dashboard': { 200: Type.Object({ dashboard: DashboardSchema }) },
  'GET /stats/platform': { 200: Type.Object({ stats: PlatformStatsSchema }) },
  'GET /trace/learners': { 200: Type.Object({ items: Type.Array(TracedLearnerSchema), total: Type.Number() }) },
  'GET /trace/learners/:id': { 200: Type.Object({ timeline: TimelineSchema }) },
  'GET /trace/face-checks/:id/photo': { 200: Binary(['image/jpeg', 'image/png'], 'The photo taken at the face check') },
  'GET /inspection': { 200: Type.Object({ report: InspectionReportSchema }) },
  'GET /inspection.xlsx': { 200: Binary([XLSX], 'The inspection workbook') },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type StatsContractMatchesSources = [
  Check<SameShape<ScopeLevel, ScopeLevelSource>>,
  Check<SameShape<AlertCount, AlertCountSource>>,
  Check<SameShape<DayFigures, DayFiguresSource>>,
  Check<SameShape<BreakdownRow, BreakdownRowSource>>,
  Check<SameShape<Dashboard, DashboardSource>>,
  Check<SameShape<PlatformStats, PlatformStatsSource>>,
  Check<SameShape<TracedLearner, TracedLearnerSource>>,
  Check<SameShape<CheckTrace, CheckTraceSource>>,
  Check<SameShape<FaceCheckTrace, FaceCheckTraceSource>>,
  Check<SameShape<SessionTrace, SessionTraceSource>>,
  Check<SameShape<Timeline, TimelineSource>>,
  Check<SameShape<ClassTotals, ClassTotalsSource>>,
  Check<SameShape<Finding, FindingSource>>,
  Check<SameShape<InspectionLearner, InspectionLearnerSource>>,
  Check<SameShape<InspectionClass, InspectionClassSource>>,
  Check<SameShape<InspectionReport, InspectionReportSource>>,
];
