// The HTTP contract as the web sees it: every answer type of the API, from the TypeBox schemas the routes declare
// (modules/*/*.contract.ts). Types only: the web imports this file with `import type` (alias `@contracts`), so no
// server code reaches its bundle. A name two contracts share is prefixed with its contract's name.
import type { Static, TSchema } from 'typebox';
import type { alertsContract } from './modules/alerts/index.js';
import type { attendanceContract } from './modules/attendance/index.js';
import type { auditContract } from './modules/audit/index.js';
import type { calendarContract } from './modules/calendar/index.js';
import type { certificatesContract } from './modules/certificates/index.js';
import type { catalogContract } from './modules/catalog/index.js';
import type { progressContract } from './modules/class-progress/index.js';
import type { classesContract } from './modules/classes/index.js';
import type { enrolmentContract, learnerClassesContract } from './modules/enrolment/index.js';
import type { examsContract } from './modules/exams/index.js';
import type { facesContract } from './modules/faces/index.js';
import type { homeContract } from './modules/home/index.js';
import type { authContract, invitationsContract, usersContract } from './modules/identity/index.js';
import type { creditContract, institutionsContract, trainingRoomsContract } from './modules/institutions/index.js';
import type { learningContract } from './modules/learning/index.js';
import type { mediaContract } from './modules/media/index.js';
import type { policiesContract } from './modules/policies/index.js';
import type { regionsContract } from './modules/regions/index.js';
import type { statsContract } from './modules/stats/index.js';
import type { questionBanksContract } from './modules/question-banks/index.js';
import type { recoveryContract, subsidiesContract } from './modules/subsidies/index.js';
import type { sealContract } from './modules/seal/index.js';
import type { teachersContract } from './modules/teachers/index.js';

export type { Health } from './http/contract.js';
export type { ErrorCode } from './platform/errors.js';
export type AlertKind = alertsContract.AlertKind;
export type Severity = alertsContract.Severity;
export type AlertStatus = alertsContract.AlertStatus;
export type SubjectType = alertsContract.SubjectType;
export type AlertView = alertsContract.AlertView;
export type RiskLevel = alertsContract.RiskLevel;
export type Contribution = alertsContract.Contribution;
export type EvidenceType = alertsContract.EvidenceType;
export type EvidenceView = alertsContract.EvidenceView;
export type EventView = alertsContract.EventView;
export type SubsidyHold = alertsContract.SubsidyHold;
export type Notification = alertsContract.Notification;
export type PolicyVersionRef = policiesContract.PolicyVersionRef;
export type EffectivePolicy = policiesContract.EffectivePolicy;
export type PolicyVersion = policiesContract.PolicyVersion;
export type AuditEntry = auditContract.AuditEntry;
export type CalendarYear = calendarContract.CalendarYear;
export type Certificate = certificatesContract.Certificate;
export type CertificateRefusal = certificatesContract.CertificateRefusal;
export type ClassCertificates = certificatesContract.ClassCertificates;
export type PublicVerification = certificatesContract.PublicVerification;
export type CertificateKey = certificatesContract.CertificateKey;
export type CertificateCounts = certificatesContract.CertificateCounts;
export type EligibilityReason = certificatesContract.EligibilityReason;
export type SkillCertificate = certificatesContract.SkillCertificate;
export type SkillImportReport = certificatesContract.SkillImportReport;
export type OccupationCategoryLevel = catalogContract.OccupationCategoryLevel;
export type SkillLevel = catalogContract.SkillLevel;
export type Named = catalogContract.Named;
export type OccupationSummary = catalogContract.OccupationSummary;
export type KnowledgeModule = catalogContract.KnowledgeModule;
export type StandardView = catalogContract.StandardView;
export type OccupationDetail = catalogContract.OccupationDetail;
export type CourseStatus = catalogContract.CourseStatus;
export type CourseSummary = catalogContract.CourseSummary;
export type LessonView = catalogContract.LessonView;
export type StandardCheck = catalogContract.StandardCheck;
export type CourseDetail = catalogContract.CourseDetail;
export type CampaignView = catalogContract.CampaignView;
export type ColumnView = catalogContract.ColumnView;
export type MediaStatus = catalogContract.MediaStatus;
export type VenueCode = attendanceContract.VenueCode;
export type AttendanceRecord = attendanceContract.AttendanceRecord;
export type SessionInfo = attendanceContract.SessionInfo;
export type ClassAttendance = attendanceContract.ClassAttendance;
export type MyAttendance = attendanceContract.MyAttendance;
export type ClassStatus = classesContract.ClassStatus;
export type ClassSummary = classesContract.ClassSummary;
export type PrecheckKey = classesContract.PrecheckKey;
export type PrecheckItem = classesContract.PrecheckItem;
export type ClassAction = classesContract.ClassAction;
export type ClassDetail = classesContract.ClassDetail;
export type ChangeSession = classesContract.ChangeSession;
export type ClassChangeInput = classesContract.ClassChangeInput;
export type ChangePeople = classesContract.ChangePeople;
export type ChangeDecision = classesContract.ChangeDecision;
export type ClassChange = classesContract.ClassChange;
export type ImportMode = enrolmentContract.ImportMode;
export type RowIssue = enrolmentContract.RowIssue;
export type ImportReport = enrolmentContract.ImportReport;
export type EnrolmentStatus = enrolmentContract.EnrolmentStatus;
export type RosterEntry = enrolmentContract.RosterEntry;
export type Phase = learnerClassesContract.Phase;
export type MyAttendanceSummary = learnerClassesContract.MyAttendanceSummary;
export type MyClassSummary = learnerClassesContract.MyClassSummary;
export type MySession = learnerClassesContract.MySession;
export type MyClassDetail = learnerClassesContract.MyClassDetail;
export type OpenClass = learnerClassesContract.OpenClass;
export type HoursPlan = progressContract.HoursPlan;
export type Verification = progressContract.Verification;
export type LearnerStage = progressContract.LearnerStage;
export type LearnerProgress = progressContract.LearnerProgress;
export type ClassProgress = progressContract.ClassProgress;
export type LessonProgress = progressContract.LessonProgress;
export type SessionProgress = progressContract.SessionProgress;
export type LearnerProgressDetail = progressContract.LearnerProgressDetail;
export type Qualification = teachersContract.Qualification;
export type TeacherWithQualifications = teachersContract.TeacherWithQualifications;
export type MyEnrolment = facesContract.MyEnrolment;
export type EnrolmentSource = facesContract.EnrolmentSource;
export type FacesEnrolmentStatus = facesContract.EnrolmentStatus;
export type QualityMeasures = facesContract.QualityMeasures;
export type Enrolment = facesContract.Enrolment;
export type LearnerFaces = facesContract.LearnerFaces;
export type FaceAlertKind = facesContract.FaceAlertKind;
export type CheckEvidence = facesContract.CheckEvidence;
export type FaceAlert = facesContract.FaceAlert;
export type Home = homeContract.Home;
export type UserStatus = authContract.UserStatus;
export type Role = authContract.Role;
export type User = authContract.User;
export type AuthSessionInfo = authContract.SessionInfo;
export type Invitation = invitationsContract.Invitation;
export type InstitutionKind = institutionsContract.InstitutionKind;
export type InstitutionStatus = institutionsContract.InstitutionStatus;
export type Institution = institutionsContract.Institution;
export type InstitutionDocumentKind = institutionsContract.InstitutionDocumentKind;
export type InstitutionDocument = institutionsContract.InstitutionDocument;
export type DocumentRequirement = institutionsContract.DocumentRequirement;
export type InstitutionReviewAction = institutionsContract.InstitutionReviewAction;
export type InstitutionAction = institutionsContract.InstitutionAction;
export type InstitutionApplication = institutionsContract.InstitutionApplication;
export type TrainingRoom = trainingRoomsContract.TrainingRoom;
export type CreditEventView = creditContract.CreditEventView;
export type CreditRecord = creditContract.CreditRecord;
export type CreditRestriction = creditContract.CreditRestriction;
export type CheckKind = learningContract.CheckKind;
export type Consequence = learningContract.Consequence;
export type FaceChecksInfo = learningContract.FaceChecksInfo;
export type HeartbeatResult = learningContract.HeartbeatResult;
export type LiveView = learningContract.LiveView;
export type LessonProgressView = learningContract.LessonProgressView;
export type SessionSummary = learningContract.SessionSummary;
export type RecordView = learningContract.RecordView;
export type LearningSuspension = learningContract.LearningSuspension;
export type MediaView = mediaContract.MediaView;
export type RegionLevel = regionsContract.RegionLevel;
export type Region = regionsContract.Region;
export type ScopeLevel = statsContract.ScopeLevel;
export type AlertCount = statsContract.AlertCount;
export type DayFigures = statsContract.DayFigures;
export type BreakdownRow = statsContract.BreakdownRow;
export type Dashboard = statsContract.Dashboard;
export type PlatformStats = statsContract.PlatformStats;
export type TracedLearner = statsContract.TracedLearner;
export type CheckTrace = statsContract.CheckTrace;
export type FaceCheckTrace = statsContract.FaceCheckTrace;
export type SessionTrace = statsContract.SessionTrace;
export type Timeline = statsContract.Timeline;
export type ClassTotals = statsContract.ClassTotals;
export type Finding = statsContract.Finding;
export type InspectionLearner = statsContract.InspectionLearner;
export type InspectionClass = statsContract.InspectionClass;
export type InspectionReport = statsContract.InspectionReport;
export type ExamKind = examsContract.ExamView['kind'];
export type ExamView = examsContract.ExamView;
export type AttemptView = examsContract.AttemptView;
export type SaveResult = examsContract.SaveResult;
export type EventResult = examsContract.EventResult;
export type FaceResult = examsContract.FaceResult;
export type ReviewItem = examsContract.ReviewItem;
export type PracticeFeedback = examsContract.PracticeFeedback;
export type AttemptSummary = examsContract.AttemptSummary;
export type GradingItem = examsContract.GradingItem;
export type GradeResult = examsContract.GradeResult;
export type PracticalItem = examsContract.PracticalItem;
export type LearnerAssessment = examsContract.LearnerAssessment;
export type ClassAssessment = examsContract.ClassAssessment;
export type QuestionType = questionBanksContract.QuestionType;
export type BankSummary = questionBanksContract.BankSummary;
export type BankDetail = questionBanksContract.BankDetail;
export type QuestionView = questionBanksContract.QuestionView;
export type QuestionVersionEntry = questionBanksContract.QuestionVersionEntry;
export type QuestionImportReport = questionBanksContract.QuestionImportReport;
export type PaperView = questionBanksContract.PaperView;
export type PaperPreview = questionBanksContract.PaperPreview;
export type SubsidyExplanation = subsidiesContract.Explanation;
export type SubsidyEligibilityLine = subsidiesContract.EligibilityLine;
export type SubsidyEvidenceSummary = subsidiesContract.EvidenceSummary;
export type SubsidyPreviewLine = subsidiesContract.PreviewLine;
export type SubsidyClaimLine = subsidiesContract.ClaimLine;
export type SubsidyClaimPreview = subsidiesContract.ClaimPreview;
export type SubsidyClaimSummary = subsidiesContract.ClaimSummary;
export type SubsidyClaimDetail = subsidiesContract.ClaimDetail;
export type MySubsidy = subsidiesContract.MySubsidy;
export type PaymentBatch = subsidiesContract.PaymentBatch;
export type RecoveryOrder = recoveryContract.RecoveryOrder;
export type RecoveryOrderDetail = recoveryContract.RecoveryOrderDetail;
export type RecoveryEventView = recoveryContract.RecoveryEventView;
export type TeacherBan = teachersContract.TeacherBan;

export type TreeHead = sealContract.TreeHead;
export type SealInclusion = sealContract.InclusionAnswer;
export type SealConsistency = sealContract.ConsistencyAnswer;
export type SealKind = sealContract.InclusionAnswer['leaf']['kind'];

type Responses = typeof alertsContract.alertsResponses &
  typeof auditContract.auditResponses &
  typeof calendarContract.calendarResponses &
  typeof catalogContract.catalogResponses &
  typeof attendanceContract.attendanceResponses &
  typeof classesContract.classesResponses &
  typeof enrolmentContract.enrolmentResponses &
  typeof learnerClassesContract.learnerClassesResponses &
  typeof progressContract.progressResponses &
  typeof teachersContract.teachersResponses &
  typeof facesContract.facesResponses &
  typeof homeContract.homeResponses &
  typeof authContract.authResponses &
  typeof invitationsContract.invitationsResponses &
  typeof usersContract.usersResponses &
  typeof institutionsContract.institutionsResponses &
  typeof trainingRoomsContract.trainingRoomsResponses &
  typeof creditContract.creditResponses &
  typeof learningContract.learningResponses &
  typeof mediaContract.mediaResponses &
  typeof regionsContract.regionsResponses &
  typeof statsContract.statsResponses &
  typeof examsContract.examsResponses &
  typeof certificatesContract.certificatesResponses &
  typeof questionBanksContract.questionBanksResponses &
  typeof subsidiesContract.subsidiesResponses &
  typeof recoveryContract.recoveryResponses &
  typeof sealContract.sealResponses;

/** An API route, as "METHOD /path" without the /api prefix (the keys of the contracts' response maps). */
export type ApiRoute = keyof Responses;

/** The body `route` answers with `status` (by default 200, or its only success status). */
export type ApiAnswer<
  R extends ApiRoute,
  S extends keyof Responses[R] = 200 extends keyof Responses[R] ? 200 : keyof Responses[R],
> = Responses[R][S] extends TSchema ? Static<Responses[R][S]> : never;
