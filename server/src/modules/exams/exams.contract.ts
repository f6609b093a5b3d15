import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  AttemptView as AttemptViewSource,
  EventResult as EventResultSource,
  FaceResult as FaceResultSource,
  PracticeFeedback as PracticeFeedbackSource,
  ReviewItem as ReviewItemSource,
  SaveResult as SaveResultSource,
} from './attempts.service.js';
import type {
  ClassAssessment as ClassAssessmentSource,
  LearnerAssessment as LearnerAssessmentSource,
  PracticalItem as PracticalItemSource,
} from './assessment.service.js';
import type { AttemptSummary as AttemptSummarySource, ExamView as ExamViewSource } from './exams.service.js';
import type { GradeResult as GradeResultSource, GradingItem as GradingItemSource } from './grading.service.js';

// What the exam routes answer. The learner's attempt carries the paper (stems, options in the drawn order, scores) and
// the learner's own saved answers — never a key, a correct answer or an explanation: those appear only in the review
// after submission (and in practice feedback, by design). exams.test.ts walks these schemas to prove it.

export const ExamKindSchema = StringEnum(['practice', 'mock', 'formal']);
export const AttemptStatusSchema = StringEnum(['awaiting_face', 'open', 'submitted', 'graded']);
const QuestionTypeSchema = StringEnum(['single', 'multiple', 'true_false', 'fill_blank', 'short_answer']);
const Answer = Type.Array(Type.String());

export const ExamViewSchema = Type.Object({
  id: Type.String(),
  classId: Type.String(),
  paperId: Type.String(),
  kind: ExamKindSchema,
  title: Type.String(),
  windowStart: Type.String(),
  windowEnd: Type.String(),
  timeLimitMinutes: OrNull(Type.Number()),
  maxAttempts: OrNull(Type.Number()),
  passMark: Type.Number(),
  counts: StringEnum(['best', 'last']),
  totalScore: Type.Number(),
  createdAt: Type.String(),
  mine: OrNull(
    Type.Object({
      attempts: Type.Number(),
      running: OrNull(Type.Object({ id: Type.String(), status: AttemptStatusSchema })),
      counted: OrNull(
        Type.Object({ attemptNo: Type.Number(), mark: OrNull(Type.Number()), passed: OrNull(Type.Boolean()) }),
      ),
    }),
  ),
});
export type ExamView = Static<typeof ExamViewSchema>;

export const FaceCheckViewSchema = Type.Object({
  id: Type.String(),
  moment: StringEnum(['start', 'during']),
  action: OrNull(StringEnum(['turn_left', 'turn_right'])),
  deadline: OrNull(Type.String()),
});

export const AttemptItemSchema = Type.Object({
  index: Type.Number(),
  type: QuestionTypeSchema,
  stem: Type.String(),
  options: Type.Array(Type.Object({ key: Type.String(), text: Type.String() })),
  score: Type.Number(),
});

export const AttemptViewSchema = Type.Object({
  id: Type.String(),
  examId: Type.String(),
  title: Type.String(),
  kind: ExamKindSchema,
  attemptNo: Type.Number(),
  status: AttemptStatusSchema,
  startedAt: OrNull(Type.String()),
  deadlineAt: OrNull(Type.String()),
  serverNow: Type.String(),
  remainingMs: OrNull(Type.Number()),
  items: Type.Array(AttemptItemSchema),
  saved: Type.Array(Type.Object({ index: Type.Number(), answer: Answer, savedAt: Type.String() })),
  faceCheck: OrNull(FaceCheckViewSchema),
  focus: Type.Object({ count: Type.Number(), warnings: Type.Number(), limit: Type.Number() }),
  outcome: OrNull(
    Type.Object({
      submittedAt: Type.String(),
      submittedBy: StringEnum(['learner', 'deadline', 'focus_limit']),
      points: OrNull(Type.Number()),
      totalScore: Type.Number(),
      mark: OrNull(Type.Number()),
      pendingManual: Type.Number(),
      passed: OrNull(Type.Boolean()),
    }),
  ),
});
export type AttemptView = Static<typeof AttemptViewSchema>;

export const SaveResultSchema = Type.Object({
  index: Type.Number(),
  savedAt: Type.String(),
  remainingMs: Type.Number(),
  faceCheck: OrNull(FaceCheckViewSchema),
});
export type SaveResult = Static<typeof SaveResultSchema>;

export const EventResultSchema = Type.Object({
  count: Type.Number(),
  decision: StringEnum(['counted', 'warn', 'submit']),
  submitted: Type.Boolean(),
});
export type EventResult = Static<typeof EventResultSchema>;

export const FaceResultSchema = Type.Object({
  outcome: StringEnum(['pass', 'fail', 'retake']),
  reason: OrNull(Type.String()),
  attempt: AttemptViewSchema,
});
export type FaceResult = Static<typeof FaceResultSchema>;

export const ReviewItemSchema = Type.Object({
  ...AttemptItemSchema.properties,
  answer: OrNull(Answer),
  correctAnswer: Answer,
  explanation: Type.String(),
  awarded: OrNull(Type.Number()),
  needsPerson: Type.Boolean(),
});
export type ReviewItem = Static<typeof ReviewItemSchema>;

export const PracticeFeedbackSchema = Type.Object({
  index: Type.Number(),
  correct: OrNull(Type.Boolean()),
  correctAnswer: Answer,
  explanation: Type.String(),
});
export type PracticeFeedback = Static<typeof PracticeFeedbackSchema>;

export const AttemptSummarySchema = Type.Object({
  id: Type.String(),
  learnerId: Type.String(),
  learnerName: Type.String(),
  attemptNo: Type.Number(),
  status: AttemptStatusSchema,
  startedAt: OrNull(Type.String()),
  submittedAt: OrNull(Type.String()),
  submittedBy: OrNull(Type.String()),
  mark: OrNull(Type.Number()),
  pendingManual: Type.Number(),
  focusLosses: Type.Number(),
  ip: Type.String(),
});
export type AttemptSummary = Static<typeof AttemptSummarySchema>;

export const GradingItemSchema = Type.Object({
  attemptId: Type.String(),
  index: Type.Number(),
  learnerName: Type.String(),
  stem: Type.String(),
  answer: Answer,
  maxScore: Type.Number(),
  rubric: Type.String(),
  referenceAnswer: Answer,
  savedAt: Type.String(),
});
export type GradingItem = Static<typeof GradingItemSchema>;

export const GradeResultSchema = Type.Object({
  attemptId: Type.String(),
  index: Type.Number(),
  score: Type.Number(),
  pendingManual: Type.Number(),
  attemptScore: OrNull(Type.Number()),
});
export type GradeResult = Static<typeof GradeResultSchema>;

export const PracticalItemSchema = Type.Object({ id: Type.String(), title: Type.String(), maxScore: Type.Number() });
export type PracticalItem = Static<typeof PracticalItemSchema>;

export const LearnerAssessmentSchema = Type.Object({
  learnerId: Type.String(),
  learnerName: Type.String(),
  theoryScore: OrNull(Type.Number()),
  theoryPassed: Type.Boolean(),
  practicalScore: OrNull(Type.Number()),
  practicalPassed: Type.Boolean(),
  passed: Type.Boolean(),
  practical: Type.Array(
    Type.Object({
      itemId: Type.String(),
      score: Type.Number(),
      evidenceMediaIds: Type.Array(Type.String()),
      assessorName: Type.String(),
      enteredAt: Type.String(),
    }),
  ),
});
export type LearnerAssessment = Static<typeof LearnerAssessmentSchema>;

export const ClassAssessmentSchema = Type.Object({
  classId: Type.String(),
  passMarks: Type.Object({
    theory: OrNull(Type.Number()),
    practical: Type.Number(),
    /** The theory pass mark of the class's policy: what a new exam takes unless it names its own. */
    theoryDefault: Type.Number(),
  }),
  items: Type.Array(PracticalItemSchema),
  learners: Type.Array(LearnerAssessmentSchema),
});
export type ClassAssessment = Static<typeof ClassAssessmentSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const examsResponses = {
  'POST /classes/:classId/exams': { 201: ExamViewSchema },
  'GET /classes/:classId/exams': { 200: Type.Object({ items: Type.Array(ExamViewSchema) }) },
  'GET /exams/:id/attempts': { 200: Type.Object({ items: Type.Array(AttemptSummarySchema) }) },
  'POST /exams/:id/attempts': { 200: AttemptViewSchema },
  'GET /exam-attempts/:id': { 200: AttemptViewSchema },
  'PUT /exam-attempts/:id/answers/:index': { 200: SaveResultSchema },
  'POST /exam-attempts/:id/events': { 200: EventResultSchema },
  'POST /exam-attempts/:id/face': { 200: FaceResultSchema },
  'POST /exam-attempts/:id/submit': { 200: AttemptViewSchema },
  'GET /exam-attempts/:id/review': {
    200: Type.Object({ attempt: AttemptViewSchema, items: Type.Array(ReviewItemSchema) }),
  },
  'GET /exam-attempts/:id/practice/:index': { 200: PracticeFeedbackSchema },
  'GET /exams/:id/grading': { 200: Type.Object({ items: Type.Array(GradingItemSchema) }) },
  'POST /exam-attempts/:id/answers/:index/grade': { 200: GradeResultSchema },
  'PUT /classes/:classId/practical-items': { 200: Type.Object({ items: Type.Array(PracticalItemSchema) }) },
  'POST /classes/:classId/practical-scores': { 200: LearnerAssessmentSchema },
  'GET /classes/:classId/assessment': { 200: ClassAssessmentSchema },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type ExamsContractMatchesSources = [
  Check<SameShape<ExamView, ExamViewSource>>,
  Check<SameShape<AttemptView, AttemptViewSource>>,
  Check<SameShape<SaveResult, SaveResultSource>>,
  Check<SameShape<EventResult, EventResultSource>>,
  Check<SameShape<FaceResult, FaceResultSource>>,
  Check<SameShape<ReviewItem, ReviewItemSource>>,
  Check<SameShape<PracticeFeedback, PracticeFeedbackSource>>,
  Check<SameShape<AttemptSummary, AttemptSummarySource>>,
  Check<SameShape<GradingItem, GradingItemSource>>,
  Check<SameShape<GradeResult, GradeResultSource>>,
  Check<SameShape<PracticalItem, PracticalItemSource>>,
  Check<SameShape<LearnerAssessment, LearnerAssessmentSource>>,
  Check<SameShape<ClassAssessment, ClassAssessmentSource>>,
];
