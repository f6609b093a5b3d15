// The HTTP contract as the web sees it: every answer type of the API, from the TypeBox schemas the routes declare
// (modules/*/*.contract.ts). Types only: the web imports this file with `import type` (alias `@contracts`), so no
// server code reaches its bundle. A name two contracts share is prefixed with its contract's name.
import type { Static, TSchema } from 'typebox';
import type { alertsResponses } from './modules/alerts/alerts.contract.js';
import type { auditResponses } from './modules/audit/audit.contract.js';
import type { calendarResponses } from './modules/calendar/calendar.contract.js';
import type { catalogResponses } from './modules/catalog/catalog.contract.js';
import type { attendanceResponses } from './modules/classes/attendance.contract.js';
import type { classesResponses } from './modules/classes/classes.contract.js';
import type { enrolmentResponses } from './modules/classes/enrolment.contract.js';
import type { learnerClassesResponses } from './modules/classes/learner-classes.contract.js';
import type { progressResponses } from './modules/classes/progress.contract.js';
import type { teachersResponses } from './modules/classes/teachers.contract.js';
import type { facesResponses } from './modules/faces/faces.contract.js';
import type { homeResponses } from './modules/home/home.contract.js';
import type { authResponses } from './modules/identity/auth.contract.js';
import type { invitationsResponses } from './modules/identity/invitations.contract.js';
import type { usersResponses } from './modules/identity/users.contract.js';
import type { institutionsResponses } from './modules/institutions/institutions.contract.js';
import type { trainingRoomsResponses } from './modules/institutions/training-rooms.contract.js';
import type { learningResponses } from './modules/learning/learning.contract.js';
import type { mediaResponses } from './modules/media/media.contract.js';
import type { regionsResponses } from './modules/regions/regions.contract.js';
import type { statsResponses } from './modules/stats/stats.contract.js';

export type { Health } from './http/contract.js';
export type { ErrorCode } from './platform/errors.js';
export type {
  AlertKind,
  Severity,
  AlertStatus,
  SubjectType,
  AlertView,
  RiskLevel,
  Contribution,
  EvidenceType,
  EvidenceView,
  EventView,
  SubsidyHold,
  Notification,
} from './modules/alerts/alerts.contract.js';
export type { AuditEntry } from './modules/audit/audit.contract.js';
export type { CalendarYear } from './modules/calendar/calendar.contract.js';
export type {
  OccupationCategoryLevel,
  SkillLevel,
  Named,
  OccupationSummary,
  KnowledgeModule,
  StandardView,
  OccupationDetail,
  CourseStatus,
  CourseSummary,
  LessonView,
  StandardCheck,
  CourseDetail,
  CampaignView,
  PolicyVersionRef,
  EffectivePolicy,
  PolicyVersion,
  ColumnView,
  MediaStatus,
} from './modules/catalog/catalog.contract.js';
export type {
  VenueCode,
  AttendanceRecord,
  SessionInfo,
  ClassAttendance,
  MyAttendance,
} from './modules/classes/attendance.contract.js';
export type {
  ClassStatus,
  ClassSummary,
  PrecheckKey,
  PrecheckItem,
  ClassAction,
  ClassDetail,
  ChangeSession,
  ClassChangeInput,
  ChangePeople,
  ChangeDecision,
  ClassChange,
} from './modules/classes/classes.contract.js';
export type {
  ImportMode,
  RowIssue,
  ImportReport,
  EnrolmentStatus,
  RosterEntry,
} from './modules/classes/enrolment.contract.js';
export type {
  Phase,
  MyAttendanceSummary,
  MyClassSummary,
  MySession,
  MyClassDetail,
  OpenClass,
} from './modules/classes/learner-classes.contract.js';
export type {
  HoursPlan,
  LearnerStage,
  LearnerProgress,
  ClassProgress,
  LessonProgress,
  SessionProgress,
  LearnerProgressDetail,
} from './modules/classes/progress.contract.js';
export type { Qualification, TeacherWithQualifications } from './modules/classes/teachers.contract.js';
export type {
  MyEnrolment,
  EnrolmentSource,
  EnrolmentStatus as FacesEnrolmentStatus,
  QualityMeasures,
  Enrolment,
  LearnerFaces,
  FaceAlertKind,
  CheckEvidence,
  FaceAlert,
} from './modules/faces/faces.contract.js';
export type { Home } from './modules/home/home.contract.js';
export type { UserStatus, Role, User, SessionInfo as AuthSessionInfo } from './modules/identity/auth.contract.js';
export type { Invitation } from './modules/identity/invitations.contract.js';
export type {
  InstitutionKind,
  InstitutionStatus,
  Institution,
  InstitutionDocumentKind,
  InstitutionDocument,
  DocumentRequirement,
  InstitutionReviewAction,
  InstitutionAction,
  InstitutionApplication,
} from './modules/institutions/institutions.contract.js';
export type { TrainingRoom } from './modules/institutions/training-rooms.contract.js';
export type {
  CheckKind,
  Consequence,
  FaceChecksInfo,
  HeartbeatResult,
  LiveView,
  LessonProgressView,
  SessionSummary,
  RecordView,
  LearningSuspension,
} from './modules/learning/learning.contract.js';
export type { MediaView } from './modules/media/media.contract.js';
export type { RegionLevel, Region } from './modules/regions/regions.contract.js';
export type {
  ScopeLevel,
  AlertCount,
  DayFigures,
  BreakdownRow,
  Dashboard,
  PlatformStats,
  TracedLearner,
  CheckTrace,
  FaceCheckTrace,
  SessionTrace,
  Timeline,
  ClassTotals,
  Finding,
  InspectionLearner,
  InspectionClass,
  InspectionReport,
} from './modules/stats/stats.contract.js';

type Responses = typeof alertsResponses &
  typeof auditResponses &
  typeof calendarResponses &
  typeof catalogResponses &
  typeof attendanceResponses &
  typeof classesResponses &
  typeof enrolmentResponses &
  typeof learnerClassesResponses &
  typeof progressResponses &
  typeof teachersResponses &
  typeof facesResponses &
  typeof homeResponses &
  typeof authResponses &
  typeof invitationsResponses &
  typeof usersResponses &
  typeof institutionsResponses &
  typeof trainingRoomsResponses &
  typeof learningResponses &
  typeof mediaResponses &
  typeof regionsResponses &
  typeof statsResponses;

/** An API route, as "METHOD /path" without the /api prefix (the keys of the contracts' response maps). */
export type ApiRoute = keyof Responses;

/** The body `route` answers with `status` (by default 200, or its only success status). */
export type ApiAnswer<
  R extends ApiRoute,
  S extends keyof Responses[R] = 200 extends keyof Responses[R] ? 200 : keyof Responses[R],
> = Responses[R][S] extends TSchema ? Static<Responses[R][S]> : never;
