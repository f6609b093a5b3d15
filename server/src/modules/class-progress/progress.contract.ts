import { Type, type Static } from 'typebox';
import { Binary, OrNull, StringEnum, XLSX, type Check, type SameShape } from '../../http/contract.js';
import type { HoursPlan as HoursPlanSource, LearnerStage as LearnerStageSource } from './progress.js';
import type {
  ClassProgress as ClassProgressSource,
  LearnerProgress as LearnerProgressSource,
  LearnerProgressDetail as LearnerProgressDetailSource,
  LessonProgress as LessonProgressSource,
  SessionProgress as SessionProgressSource,
  Verification as VerificationSource,
} from './progress.service.js';

export const HoursPlanSchema = Type.Object({
  classHourMinutes: Type.Number(),
  onlineHourFactor: Type.Number(),
  onlineRequiredHours: Type.Number(),
  offlineRequiredHours: Type.Number(),
  requiredHours: Type.Number(),
});
export type HoursPlan = Static<typeof HoursPlanSchema>;

export const LearnerStageSchema = StringEnum(['learning', 'not_started', 'theory_complete', 'completed']);
export type LearnerStage = Static<typeof LearnerStageSchema>;

/** Whether the online figure is the evidence chain's, recomputed at this read (learning/derived.ts). */
export const VerificationSchema = Type.Object({
  status: StringEnum(['verified', 'mismatch', 'unverified']),
  chainOnlineSeconds: OrNull(Type.Number()),
});
export type Verification = Static<typeof VerificationSchema>;

export const LearnerProgressSchema = Type.Object({
  onlineSeconds: Type.Number(),
  onlineHours: Type.Number(),
  lessonsCompleted: Type.Number(),
  lessonsTotal: Type.Number(),
  offlineMinutes: Type.Number(),
  offlineHours: Type.Number(),
  totalHours: Type.Number(),
  requiredHours: Type.Number(),
  stage: LearnerStageSchema,
  userId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  enrolment: StringEnum(['enrolled', 'withdrawn']),
  verification: VerificationSchema,
});
export type LearnerProgress = Static<typeof LearnerProgressSchema>;

export const ClassProgressSchema = Type.Object({
  classId: Type.String(),
  className: Type.String(),
  plan: HoursPlanSchema,
  learners: Type.Array(LearnerProgressSchema),
  verification: Type.Object({ checkedAt: Type.String(), mismatches: Type.Number() }),
});
export type ClassProgress = Static<typeof ClassProgressSchema>;

export const LessonProgressSchema = Type.Object({
  lessonId: Type.String(),
  courseTitle: Type.String(),
  chapterTitle: Type.String(),
  title: Type.String(),
  kind: StringEnum(['video', 'document']),
  durationSeconds: OrNull(Type.Number()),
  creditedSeconds: Type.Number(),
  creditedHours: Type.Number(),
  completed: Type.Boolean(),
  verification: VerificationSchema,
});
export type LessonProgress = Static<typeof LessonProgressSchema>;

export const SessionProgressSchema = Type.Object({
  sessionId: Type.String(),
  title: Type.String(),
  venueName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  checkInAt: OrNull(Type.String()),
  checkOutAt: OrNull(Type.String()),
  minutes: Type.Number(),
  classHours: Type.Number(),
});
export type SessionProgress = Static<typeof SessionProgressSchema>;

export const LearnerProgressDetailSchema = Type.Object({
  classId: Type.String(),
  className: Type.String(),
  plan: HoursPlanSchema,
  learner: LearnerProgressSchema,
  lessons: Type.Array(LessonProgressSchema),
  sessions: Type.Array(SessionProgressSchema),
});
export type LearnerProgressDetail = Static<typeof LearnerProgressDetailSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const progressResponses = {
  'GET /classes/:id/progress': { 200: Type.Object({ progress: ClassProgressSchema }) },
  'GET /classes/:id/learners/:userId/progress': { 200: Type.Object({ progress: LearnerProgressDetailSchema }) },
  'GET /classes/:id/progress.xlsx': { 200: Binary([XLSX], 'The class progress workbook') },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type ProgressContractMatchesSources = [
  Check<SameShape<HoursPlan, HoursPlanSource>>,
  Check<SameShape<Verification, VerificationSource>>,
  Check<SameShape<LearnerStage, LearnerStageSource>>,
  Check<SameShape<LearnerProgress, LearnerProgressSource>>,
  Check<SameShape<ClassProgress, ClassProgressSource>>,
  Check<SameShape<LessonProgress, LessonProgressSource>>,
  Check<SameShape<SessionProgress, SessionProgressSource>>,
  Check<SameShape<LearnerProgressDetail, LearnerProgressDetailSource>>,
];
