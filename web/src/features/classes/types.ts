// Shapes of the class opening and enrolment API (server/src/modules/classes/classes.service.ts, enrolment/enrolment.service.ts).

export type ClassStatus = 'draft' | 'submitted' | 'returned' | 'rejected' | 'approved' | 'closed';
export const CLASS_STATUSES: readonly ClassStatus[] = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'approved',
  'closed',
];

export type ClassAction = 'edit' | 'submit' | 'approve' | 'return' | 'reject' | 'close' | 'propose_change';
export type Decision = 'approve' | 'return' | 'reject';

export type PrecheckKey =
  | 'dates'
  | 'courses'
  | 'hours'
  | 'online_share'
  | 'general_modules'
  | 'offline_sessions'
  | 'teachers'
  | 'learners'
  | 'no_overlap';
export const PRECHECK_KEYS: readonly PrecheckKey[] = [
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

/** One automatic pre-check: a key, whether it passed, a reason code and the figures behind it. */
export type PrecheckItem = {
  key: PrecheckKey | string;
  passed: boolean;
  reason: string;
  figures?: Record<string, unknown>;
};

export type ClassSummary = {
  id: string;
  name: string;
  institutionId: string;
  institutionName: string;
  regionCode: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  startDate: string;
  endDate: string;
  status: ClassStatus;
  submittedAt: string | null;
  reviewDueAt: string | null;
  overdue: boolean;
  learnerCount: number;
};

export type ClassSession = {
  id?: string;
  title: string;
  venueName: string;
  address: string;
  latitude: number;
  longitude: number;
  startsAt: string;
  endsAt: string;
};

export type ReviewEntry = { action: string; comment: string; actorName: string; at: string };

export type ClassDetail = ClassSummary & {
  offlineHours: number;
  assessmentPlan: string;
  selfEnrol: boolean;
  capacity: number;
  policyRefs: unknown;
  courses: { id: string; title: string; classHours: number; generalModuleCode: string | null }[];
  teachers: { id: string; name: string }[];
  sessions: ClassSession[];
  prechecks: PrecheckItem[];
  actions: ClassAction[];
  reviews: ReviewEntry[];
};

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

export type ImportMode = 'check' | 'all' | 'valid-only';
export type RosterField = 'name' | 'idNumber' | 'phone';

/** One problem (or note) of one row of a roster file, with the server's message in both languages. */
export type RowIssue = {
  row: number;
  field: RosterField | string | null;
  code: string;
  messages?: Record<string, string>;
  message?: string;
  details?: Record<string, unknown>;
};

export type ImportReport = {
  mode: ImportMode;
  fileName: string;
  format: string;
  rows: number;
  valid: number;
  invalid: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  toEnrol: number;
  toCreate: number;
  capacity: { limit: number; enrolled: number };
  imported?: number;
  created?: number;
};

export type AccountStatus = 'invited' | 'active' | 'disabled';
export type EnrolmentSource = 'import' | 'manual' | 'self';

export type RosterEntry = {
  userId: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  accountStatus: AccountStatus | string;
  status: 'enrolled' | 'withdrawn';
  source: EnrolmentSource | string;
  enrolledAt: string;
};

export type RosterPage = { items: RosterEntry[]; total: number; capacity: number; classStatus: ClassStatus };

/** The teachers and courses an institution may put into a class. */
export type TeacherOption = { id: string; name: string; phoneMasked: string; status: string };

// ---- changes after approval ---------------------------------------------------------------------------------------

export type ChangeKind = 'teachers' | 'sessions' | 'dates' | 'roster';
export const CHANGE_KINDS: readonly ChangeKind[] = ['teachers', 'sessions', 'dates', 'roster'];
export type ChangeStatus = 'submitted' | 'approved' | 'returned' | 'rejected';

export type ClassChangeInput =
  | { kind: 'teachers'; teacherIds: string[] }
  | { kind: 'sessions'; sessions: Omit<ClassSession, 'id'>[] }
  | { kind: 'dates'; startDate: string; endDate: string }
  | { kind: 'roster'; add: string[]; remove: string[] };

/** What the class had when the change was proposed; for the roster, how many were enrolled. */
export type ClassChangeBefore =
  | { kind: 'teachers'; teacherIds: string[] }
  | { kind: 'sessions'; sessions: Omit<ClassSession, 'id'>[] }
  | { kind: 'dates'; startDate: string; endDate: string }
  | { kind: 'roster'; learnerCount: number };

export type ClassChange = {
  id: string;
  classId: string;
  kind: ChangeKind;
  change: ClassChangeInput;
  before: ClassChangeBefore | null;
  /** The people the change names: teachers by name, learners with masked ID numbers. */
  people: Record<string, { name: string; idNumberMasked: string }>;
  reason: string;
  status: ChangeStatus;
  submittedAt: string;
  reviewDueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  /** The regulator's comment on a decided change. */
  decision: { comment: string; actorName: string; at: string } | null;
};

export type QueuedChange = ClassChange & { className: string; institutionName: string };

// ---- hours and progress -------------------------------------------------------------------------------------------

export type LearnerStage = 'not_started' | 'learning' | 'theory_complete' | 'completed';
export const LEARNER_STAGES: readonly LearnerStage[] = ['not_started', 'learning', 'theory_complete', 'completed'];

export type HoursPlan = {
  classHourMinutes: number;
  onlineHourFactor: number;
  onlineRequiredHours: number;
  offlineRequiredHours: number;
  requiredHours: number;
};

export type LearnerProgress = {
  userId: string;
  name: string;
  idNumberMasked: string;
  enrolment: 'enrolled' | 'withdrawn';
  onlineSeconds: number;
  onlineHours: number;
  lessonsCompleted: number;
  lessonsTotal: number;
  offlineMinutes: number;
  offlineHours: number;
  totalHours: number;
  requiredHours: number;
  stage: LearnerStage;
  verification: Verification;
};

/** Whether the online figure is the evidence chain's, recomputed by the server at this read. */
export type Verification = { status: 'verified' | 'mismatch' | 'unverified'; chainOnlineSeconds: number | null };

export type ClassProgress = {
  classId: string;
  className: string;
  plan: HoursPlan;
  learners: LearnerProgress[];
  verification: { checkedAt: string; mismatches: number };
};

export type LessonProgress = {
  lessonId: string;
  courseTitle: string;
  chapterTitle: string;
  title: string;
  kind: 'video' | 'document';
  durationSeconds: number | null;
  creditedSeconds: number;
  creditedHours: number;
  completed: boolean;
  verification: Verification;
};

export type SessionProgress = {
  sessionId: string;
  title: string;
  venueName: string;
  startsAt: string;
  endsAt: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  minutes: number;
  classHours: number;
};

export type LearnerProgressDetail = {
  classId: string;
  className: string;
  plan: HoursPlan;
  learner: LearnerProgress;
  lessons: LessonProgress[];
  sessions: SessionProgress[];
};

/** A learner whose online learning in the class is suspended after too many missed face checks (policy faceCheck.maxMissesPerClass). */
export type LearningSuspension = {
  userId: string;
  name: string;
  idNumberMasked: string;
  classId: string;
  faceMisses: number;
  suspendedAt: string;
  reason: { misses?: number; limit?: number; sessionId?: string; lessonId?: string };
};
