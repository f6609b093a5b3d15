// Shapes of the class opening, enrolment and progress API: the server's contracts (server/src/modules/classes/,
// enrolment/ and class-progress/ *.contract.ts), as types. Only what the pages send (inputs) and the option lists are
// declared here.
import type {
  ApiAnswer,
  ClassChange,
  ClassDetail,
  ClassStatus,
  LearnerStage,
  PrecheckKey,
  RosterEntry,
} from '@contracts';

export type {
  ClassAction,
  ClassChange,
  ClassChangeInput,
  ClassDetail,
  ClassProgress,
  ClassStatus,
  ClassSummary,
  HoursPlan,
  ImportMode,
  ImportReport,
  LearnerProgress,
  LearnerProgressDetail,
  LearnerStage,
  LearningSuspension,
  LessonProgress,
  PrecheckItem,
  PrecheckKey,
  RosterEntry,
  RowIssue,
  SessionProgress,
  Verification,
} from '@contracts';

export const CLASS_STATUSES: readonly ClassStatus[] = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'approved',
  'closed',
];

export type Decision = 'approve' | 'return' | 'reject';

export const PRECHECK_KEYS: readonly PrecheckKey[] = [
  'institution_credit',
  'dates',
  'courses',
  'hours',
  'online_share',
  'general_modules',
  'offline_sessions',
  'teachers',
  'learners',
  'no_overlap',
];

export type ClassSession = ClassDetail['sessions'][number];
export type ReviewEntry = ClassDetail['reviews'][number];

export type ClassInput = {
  name: string;
  occupationCode: string;
  level: number;
  startDate: string;
  endDate: string;
  offlineHours: number;
  assessmentPlan: string;
  selfEnrol: boolean;
  capacity: number;
  courseIds: string[];
  teacherIds: string[];
  sessions: Omit<ClassSession, 'id'>[];
};

// ---- enrolment ----------------------------------------------------------------------------------------------------

export type RosterField = 'name' | 'idNumber' | 'phone';

export type AccountStatus = RosterEntry['accountStatus'];
export type EnrolmentSource = RosterEntry['source'];
export type RosterPage = ApiAnswer<'GET /classes/:id/enrolments'>;

/** The teachers and courses an institution may put into a class. */
export type TeacherOption = ApiAnswer<'GET /teachers'>['items'][number];

// ---- changes after approval ---------------------------------------------------------------------------------------

export type ChangeKind = ClassChange['kind'];
export const CHANGE_KINDS: readonly ChangeKind[] = ['teachers', 'sessions', 'dates', 'roster'];
export type ChangeStatus = ClassChange['status'];

/** What the class had when the change was proposed; for the roster, how many were enrolled. */
export type ClassChangeBefore = NonNullable<ClassChange['before']>;
export type QueuedChange = ApiAnswer<'GET /class-changes/review-queue'>['items'][number];

// ---- hours and progress -------------------------------------------------------------------------------------------

export const LEARNER_STAGES: readonly LearnerStage[] = ['not_started', 'learning', 'theory_complete', 'completed'];
