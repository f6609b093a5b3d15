import type { Kysely } from 'kysely';
import type { BlobStore } from './adapters/blobs.js';
import type { Dialect } from './adapters/db.js';
import type { HotState } from './adapters/hotstate.js';
import type { SmsProvider } from './adapters/sms.js';
import type { Database } from './database/schema.js';
import type { Clock } from './platform/clock.js';
import type { AuthSettings, SealSettings, UploadLimits } from './platform/config.js';
import { PiiCipher } from './platform/crypto.js';
import { AuditService } from './modules/audit/index.js';
import { AuthService, InvitationsService, UsersService } from './modules/identity/index.js';
import { HomeService } from './modules/home/index.js';
import {
  canSeeInstitution,
  CreditService,
  findInstitution,
  recordConfirmedFinding,
  requireActiveInstitution,
  InstitutionDocumentsService,
  InstitutionRegistrationService,
  InstitutionReviewService,
  InstitutionsService,
  TrainingRoomsService,
} from './modules/institutions/index.js';
import { LocalJobRunner } from './modules/jobs/index.js';
import { PoliciesService } from './modules/policies/index.js';
import { CalendarService } from './modules/calendar/index.js';
import { CoursesService, ReferenceService, CampaignsService } from './modules/catalog/index.js';
import { ClassesService } from './modules/classes/index.js';
import { disqualifyForFinding, TeacherBansService, TeachersService } from './modules/teachers/index.js';
import { EnrolmentService, LearnerClassesService } from './modules/enrolment/index.js';
import { AttendanceService } from './modules/attendance/index.js';
import { ProgressService } from './modules/class-progress/index.js';
import { MediaService } from './modules/media/index.js';
import {
  LearningService,
  LearningTokens,
  learningTokenKey,
  LearningRecordsService,
  LearningSuspensionsService,
  LearningOnlineProgress,
  LearningTheoryProgress,
} from './modules/learning/index.js';
import {
  AccountSharing,
  DEFAULT_QUALITY_RULES,
  FaceAlertsService,
  FaceEvidence,
  FacesService,
  FaceVerifierService,
  qualityErrorOf,
} from './modules/faces/index.js';
import type { FaceEngine } from './adapters/face-engine/face-engine.js';
import { sharedFaceEngine } from './adapters/face-engine/face-api-engine.js';
import { sharedGeoLocator } from './adapters/geoip.js';
import {
  AlertStore,
  AlertsService,
  alertSupervisionFacts,
  DetectionService,
  NotificationsService,
} from './modules/alerts/index.js';
import { createStatsServices } from './modules/stats/index.js';
import { bankQuestionSource, createExamServices, examPaperUsage } from './modules/exams/index.js';
import {
  alertFraudFindings,
  certificateFacts,
  CertificatesService,
  proposeRevocationForFraud,
  signingKeyFrom,
  SkillCertificatesService,
} from './modules/certificates/index.js';
import { PapersService, QuestionBanksService } from './modules/question-banks/index.js';
import {
  ClaimsService,
  NO_TARGET_GROUPS,
  PaymentsService,
  progressHours,
  RecoveryService,
} from './modules/subsidies/index.js';
import { SealService } from './modules/seal/index.js';

export type Infrastructure = {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  cipher: PiiCipher;
  hot: HotState;
  sms: SmsProvider;
  auth: AuthSettings;
  publicUrl: string;
  /** Ed25519 private key (PKCS#8 DER, base64) signing training certificates (platform/config.ts). */
  certificateSigningKey: string;
  /** The evidence seal: signing key, export folder, hash of a new tree, interval (platform/config.ts). */
  seal: SealSettings;
  blobs: BlobStore;
  uploads: UploadLimits;
  /** The face engine; the process-wide default (face-api in worker threads, started on first use) when absent. */
  faceEngine?: FaceEngine;
  /** Where jobs log; the HTTP app's logger once it exists. */
  log?: { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };
};

/** Wires the services from the infrastructure; the same graph serves HTTP, jobs, seeds and tests. */
export function createServices(infra: Infrastructure) {
  const { db, dialect, clock, cipher, hot, sms } = infra;
  const audit = new AuditService({ db, dialect, clock });
  const auth = new AuthService({ db, clock, cipher, hot, sms, audit, settings: infra.auth });
  const jobs = new LocalJobRunner({ db, clock, log: infra.log, concurrency: 2 });
  const policies = new PoliciesService({ db, clock, audit });
  const courses = new CoursesService({ db, dialect, clock, audit, policies });
  // Online theory (verified by the learning engine) gates offline practice and makes the online hours of a class.
  const theory = new LearningTheoryProgress({ db });
  const classes = new ClassesService({ db, clock, cipher, audit, courses, policies });
  // Early warning: detectors run in jobs, fed by the learning engine's committed records (modules/alerts, ADR 0007).
  const notifications = new NotificationsService({ db, clock });
  const detection = new DetectionService({
    db,
    clock,
    jobs,
    policies,
    store: new AlertStore({ db, clock, notifications }),
    geo: sharedGeoLocator(),
    log: infra.log,
  });
  const faceEvidence = new FaceEvidence({
    db,
    cipher,
    blobs: infra.blobs,
    engine: infra.faceEngine ?? sharedFaceEngine(),
    quality: DEFAULT_QUALITY_RULES,
  });
  // One face on several accounts, another face on one account: exact within the institution and classes, indexed beyond.
  const faceSharing = new AccountSharing({ db, clock, cipher, evidence: faceEvidence });
  const faceVerifier = new FaceVerifierService({ db, clock, evidence: faceEvidence, sharing: faceSharing });
  // Consequences of confirmed fraud (seed 001): subsidy lines cancelled and recovery orders (modules/subsidies), a
  // teacher disqualified platform-wide (modules/teachers), the institution's credit record (modules/institutions).
  const subsidyRecovery = new RecoveryService({ db, clock, audit, jobs });
  const alerts = new AlertsService({
    db,
    clock,
    audit,
    hot,
    policies,
    notifications,
    // Confirmed fraud on a learner proposes their certificate of the class for revocation (modules/certificates).
    onLearnerFraudConfirmed: (trx, finding) => proposeRevocationForFraud(trx, finding),
    onFindingConfirmed: async (trx, finding) => {
      await recordConfirmedFinding(trx, finding);
      await subsidyRecovery.onFindingConfirmed(trx, finding);
      await disqualifyForFinding(trx, audit, finding);
    },
  });
  const questionBanks = new QuestionBanksService({ db, clock, audit });
  const progress = new ProgressService({
    db,
    clock,
    audit,
    courses,
    policies,
    online: new LearningOnlineProgress({ db }),
  });
  // Exams, grading and the practical assessment (modules/exams). The question banks answer its QuestionSource port
  // (exams/bank-questions.ts). The formal exam opens on the learning engine's theory gate and
  // checks faces with the same verifier as learning. Its AssessmentResults answer certificates and subsidies.
  const examServices = createExamServices({
    db,
    clock,
    hot,
    audit,
    policies,
    jobs,
    questions: bankQuestionSource(questionBanks),
    theory,
    face: faceVerifier,
  });
  const services = {
    infra,
    audit,
    auth,
    jobs,
    policies,
    courses,
    reference: new ReferenceService({ db, clock, audit, policies }),
    campaigns: new CampaignsService({ db, clock, audit, courses }),
    // Public holidays and make-up working days that review deadlines count with.
    calendar: new CalendarService({ db, clock, audit }),
    classes,
    // Face checks while learning go to the face engine (with a head-turn challenge when the policy asks for liveness).
    learning: new LearningService({
      db,
      clock,
      hot,
      policies,
      classes,
      face: faceVerifier,
      onRecords: (records) => detection.observe(records),
    }),
    learningRecords: new LearningRecordsService({ db }),
    learningSuspensions: new LearningSuspensionsService({ db, clock, audit }),
    // Signed tokens that let a lesson's heartbeats skip the session lookup (learning-token.ts, ADR 0006).
    learningTokens: new LearningTokens(learningTokenKey(cipher), () => clock.now().getTime()),
    teachers: new TeachersService({ db, clock, audit }),
    teacherBans: new TeacherBansService({ db, clock, audit }),
    questionBanks,
    // Papers check their draw rules against the banks when saved (modules/question-banks).
    // A paper an exam is set on is neither edited nor deleted: the exams module answers the banks' PaperUsage.
    papers: new PapersService({ db, clock, audit, banks: questionBanks, usage: examPaperUsage }),
    enrolment: new EnrolmentService({ db, clock, cipher, audit }),
    attendance: new AttendanceService({
      db,
      clock,
      cipher,
      hot,
      blobs: infra.blobs,
      audit,
      policies,
      classes,
      theory,
      // Check-in and check-out photos are verified against the enrolled face (context: the attendance record).
      // The face module's result names the quality error (no face, too dark, …) the learner is shown.
      face: {
        verify: async (userId, photo, context) => {
          const check = await faceVerifier.verify(userId, photo, context);
          return { ...check, qualityError: qualityErrorOf(check.reason) };
        },
      },
    }),
    // The learner's classes and self-enrolment; theory progress through the same port as attendance.
    learnerClasses: new LearnerClassesService({ db, clock, cipher, audit, courses, policies, classes, theory }),
    // Online hours are the learning engine's verified credit under the class's policy.
    progress,
    media: new MediaService({ db, clock, audit, jobs, blobs: infra.blobs, uploads: infra.uploads, log: infra.log }),
    users: new UsersService({ db, clock, cipher, audit, auth }),
    invitations: new InvitationsService({
      db,
      clock,
      cipher,
      audit,
      auth,
      publicUrl: infra.publicUrl,
      // The InstitutionLookup port of identity (identity/institution-lookup.ts), provided by institutions.
      institutions: { find: findInstitution, canSee: canSeeInstitution, requireActive: requireActiveInstitution },
    }),
    institutions: new InstitutionsService({ db, clock }),
    // Credit records (信用记录): score and restriction from the events (docs/credit.md); the public restriction list.
    credit: new CreditService({ db, clock, audit }),
    institutionRegistration: new InstitutionRegistrationService({ db, clock, cipher, audit, auth, policies }),
    institutionReview: new InstitutionReviewService({ db, clock, audit }),
    institutionDocuments: new InstitutionDocumentsService({ db, clock, audit, blobs: infra.blobs }),
    // Declared training-room address ranges (read by the group-learning detector).
    trainingRooms: new TrainingRoomsService({ db, clock, audit }),
    home: new HomeService({ db }),
    faces: new FacesService({ db, clock, audit, evidence: faceEvidence, sharing: faceSharing }),
    faceSharing,
    faceAlerts: new FaceAlertsService({ db }),
    // Implements the learning engine's FaceVerifier port (wired into `learning` above) and verifies attendance photos.
    faceVerifier,
    notifications,
    detection,
    alerts,
    // Dashboards, traceability and self-inspection over the statistics roll-ups (modules/stats).
    // Training certificates: issued when a class closes (classes.onClosed below), signed with the platform key.
    // Assessment results come from the exams module through the AssessmentResults port (theory and practical, both
    // at their pass mark). Subsidy holds are early warning's (alerts).
    certificates: new CertificatesService({
      db,
      clock,
      audit,
      progress,
      assessments: examServices.assessmentResults,
      fraud: alertFraudFindings,
      holds: { heldFor: (_db, classId, userId) => alerts.isSubsidyHeld(userId, classId) },
      photos: faceEvidence,
      key: signingKeyFrom(infra.certificateSigningKey),
      publicUrl: infra.publicUrl,
    }),
    skillCertificates: new SkillCertificatesService({ db, clock, cipher, audit }),
    stats: createStatsServices({ db, clock, cipher, audit, policies, jobs, faceEvidence, geo: sharedGeoLocator() }),
    ...examServices,
    // Subsidy claims (modules/subsidies): hours from class progress, holds and findings from early warning.
    // Certificates from modules/certificates (valid training certificates, skill-level certificates by ID hash), exam
    // outcomes from modules/exams; no target-group membership is recorded yet (the living allowance pays nothing).
    subsidyClaims: new ClaimsService({
      db,
      clock,
      audit,
      policies,
      ports: {
        hours: progressHours(progress),
        supervision: alertSupervisionFacts,
        certificates: certificateFacts,
        assessment: examServices.assessmentResults,
        targetGroups: NO_TARGET_GROUPS,
      },
    }),
    subsidyPayments: new PaymentsService({ db, clock, audit }),
    subsidyRecovery,
    // Signed checkpoints over the evidence (modules/seal, docs/evidence-seal.md), exported to infra.seal.dir.
    seal: new SealService({
      db,
      clock,
      jobs,
      key: signingKeyFrom(infra.seal.signingKey),
      options: { dir: infra.seal.dir, hash: infra.seal.hash, intervalSeconds: infra.seal.intervalSeconds },
    }),
  };
  // Whatever ends a sign-in (another device, sign-out, password change or reset, expiry, disabling) ends the live
  // lesson started under it, so its learning token stops working at once (looked up per call: tests swap the engine).
  auth.onLoginsEnded((userId) => services.learning.endLessonOfEndedLogin(userId));
  // Closing a class issues its certificates (looked up per call: tests swap the certificates service).
  classes.onClosed((actor, classId, meta) => services.certificates.issueForClass(actor, classId, meta));
  return services;
}

export type Services = ReturnType<typeof createServices>;
