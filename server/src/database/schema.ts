import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable } from '../modules/audit/index.js';
import type { WorkCalendarTable } from '../modules/calendar/index.js';
import type {
  CertificateCountersTable,
  CertificateInstitutionCodesTable,
  CertificateRefusalsTable,
  CertificatesTable,
  SkillCertificatesTable,
} from '../modules/certificates/index.js';
import type {
  CampaignItemsTable,
  CampaignsTable,
  ChaptersTable,
  ColumnCoursesTable,
  CourseCategoriesTable,
  CourseCategoryOccupationsTable,
  CoursesTable,
  LessonsTable,
  MediaTable,
  OccupationCategoriesTable,
  OccupationsTable,
  PoliciesTable,
  RegionalColumnsTable,
  SkillStandardsTable,
} from '../modules/catalog/index.js';
import type {
  AttendanceTable,
  ClassChangesTable,
  ClassCoursesTable,
  ClassesTable,
  ClassReviewsTable,
  ClassSessionsTable,
  ClassTeachersTable,
  EnrolmentsTable,
  TeacherDisqualificationsTable,
  TeacherQualificationsTable,
} from '../modules/classes/index.js';
import type { JobsTable } from '../modules/jobs/index.js';
import type {
  InstitutionCreditEventsTable,
  InstitutionDocumentsTable,
  InstitutionReviewsTable,
  InstitutionsTable,
  TrainingRoomsTable,
} from '../modules/institutions/index.js';
import type { InvitationsTable, SessionsTable, UsersTable, VerificationCodesTable } from '../modules/identity/index.js';
import type { RegionsTable } from '../modules/regions/index.js';
import type {
  PapersTable,
  QuestionBanksTable,
  QuestionsTable,
  QuestionVersionsTable,
} from '../modules/question-banks/index.js';
import type {
  LearningClassStatusTable,
  LearningDailyTable,
  LearningRecordsTable,
  LearningSessionsTable,
  LessonProgressTable,
} from '../modules/learning/index.js';
import type { FaceAlertsTable, FaceChecksTable, FaceEnrolmentsTable, FaceIndexTable } from '../modules/faces/index.js';
import type {
  AlertEventsTable,
  AlertEvidenceTable,
  AlertScansTable,
  AlertsTable,
  NotificationsTable,
  SubsidyHoldsTable,
} from '../modules/alerts/index.js';
import type {
  ExamAnswersTable,
  ExamAttemptsTable,
  ExamEventsTable,
  ExamsTable,
  PracticalItemsTable,
  PracticalScoresTable,
} from '../modules/exams/index.js';
import type {
  SubsidyBatchesTable,
  SubsidyClaimLinesTable,
  SubsidyClaimsTable,
  SubsidyGrantsTable,
  SubsidyPersonsTable,
  SubsidyRecoveryEventsTable,
  SubsidyRecoveryOrdersTable,
  SubsidyTrainingsTable,
} from '../modules/subsidies/index.js';
import type { SealHeadsTable, SealLeavesTable } from '../modules/seal/index.js';
import type {
  StatsActiveDailyTable,
  StatsCursorsTable,
  StatsDailyTable,
  StatsDirtyDaysTable,
  StatsLearnerDailyTable,
  StatsOccupationDailyTable,
  StatsPlatformDailyTable,
  StatsUserCountsTable,
} from '../modules/stats/index.js';

/** The whole database, assembled from the tables each module declares. */
export interface Database {
  question_banks: QuestionBanksTable;
  questions: QuestionsTable;
  question_versions: QuestionVersionsTable;
  papers: PapersTable;
  work_calendar: WorkCalendarTable;
  regions: RegionsTable;
  learning_sessions: LearningSessionsTable;
  learning_records: LearningRecordsTable;
  lesson_progress: LessonProgressTable;
  learning_daily: LearningDailyTable;
  learning_class_status: LearningClassStatusTable;
  institutions: InstitutionsTable;
  institution_documents: InstitutionDocumentsTable;
  institution_reviews: InstitutionReviewsTable;
  training_rooms: TrainingRoomsTable;
  institution_credit_events: InstitutionCreditEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  verification_codes: VerificationCodesTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  occupation_categories: OccupationCategoriesTable;
  occupations: OccupationsTable;
  skill_standards: SkillStandardsTable;
  course_categories: CourseCategoriesTable;
  course_category_occupations: CourseCategoryOccupationsTable;
  policies: PoliciesTable;
  media: MediaTable;
  courses: CoursesTable;
  chapters: ChaptersTable;
  lessons: LessonsTable;
  campaigns: CampaignsTable;
  campaign_items: CampaignItemsTable;
  regional_columns: RegionalColumnsTable;
  column_courses: ColumnCoursesTable;
  teacher_qualifications: TeacherQualificationsTable;
  teacher_disqualifications: TeacherDisqualificationsTable;
  classes: ClassesTable;
  class_courses: ClassCoursesTable;
  class_teachers: ClassTeachersTable;
  class_sessions: ClassSessionsTable;
  enrolments: EnrolmentsTable;
  class_changes: ClassChangesTable;
  class_reviews: ClassReviewsTable;
  attendance: AttendanceTable;
  face_enrolments: FaceEnrolmentsTable;
  face_checks: FaceChecksTable;
  face_alerts: FaceAlertsTable;
  face_index: FaceIndexTable;
  alerts: AlertsTable;
  alert_evidence: AlertEvidenceTable;
  alert_events: AlertEventsTable;
  notifications: NotificationsTable;
  subsidy_holds: SubsidyHoldsTable;
  alert_scans: AlertScansTable;
  stats_learner_daily: StatsLearnerDailyTable;
  stats_daily: StatsDailyTable;
  stats_active_daily: StatsActiveDailyTable;
  stats_platform_daily: StatsPlatformDailyTable;
  stats_cursors: StatsCursorsTable;
  stats_dirty_days: StatsDirtyDaysTable;
  stats_occupation_daily: StatsOccupationDailyTable;
  stats_user_counts: StatsUserCountsTable;
  exams: ExamsTable;
  exam_attempts: ExamAttemptsTable;
  exam_answers: ExamAnswersTable;
  exam_events: ExamEventsTable;
  practical_items: PracticalItemsTable;
  practical_scores: PracticalScoresTable;
  certificates: CertificatesTable;
  certificate_refusals: CertificateRefusalsTable;
  certificate_counters: CertificateCountersTable;
  certificate_institution_codes: CertificateInstitutionCodesTable;
  skill_certificates: SkillCertificatesTable;
  subsidy_claims: SubsidyClaimsTable;
  subsidy_claim_lines: SubsidyClaimLinesTable;
  subsidy_persons: SubsidyPersonsTable;
  subsidy_trainings: SubsidyTrainingsTable;
  subsidy_grants: SubsidyGrantsTable;
  subsidy_batches: SubsidyBatchesTable;
  subsidy_recovery_orders: SubsidyRecoveryOrdersTable;
  subsidy_recovery_events: SubsidyRecoveryEventsTable;
  seal_leaves: SealLeavesTable;
  seal_heads: SealHeadsTable;
}

export type Db = Kysely<Database>;
/** Services accept either the root handle or a transaction, so the caller decides where transactions begin. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
