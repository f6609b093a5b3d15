import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  AnswerResult as AnswerResultSource,
  CheckKind as CheckKindSource,
  Consequence as ConsequenceSource,
} from './crediting.js';
import type {
  LessonProgressView as LessonProgressViewSource,
  RecordView as RecordViewSource,
  SessionSummary as SessionSummarySource,
} from './learning-records.service.js';
import type { LearningSuspension as LearningSuspensionSource } from './learning-suspensions.service.js';
import type {
  FaceChecksInfo as FaceChecksInfoSource,
  HeartbeatResult as HeartbeatResultSource,
  LiveView as LiveViewSource,
} from './learning.service.js';

export const CheckKindSchema = StringEnum(['code', 'face']);
export type CheckKind = Static<typeof CheckKindSchema>;

export const ConsequenceSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('lesson_reset'),
    misses: Type.Number(),
    limit: Type.Number(),
    revokedMs: Type.Number(),
    watchedMs: Type.Number(),
  }),
  Type.Object({ kind: Type.Literal('class_suspended'), misses: Type.Number(), limit: Type.Number() }),
]);
export type Consequence = Static<typeof ConsequenceSchema>;

export const FaceChecksInfoSchema = Type.Object({
  on: Type.Boolean(),
  liveness: Type.Boolean(),
  enrolled: Type.Boolean(),
});
export type FaceChecksInfo = Static<typeof FaceChecksInfoSchema>;

export const HeartbeatResultSchema = Type.Object({
  seq: Type.Number(),
  accepted: Type.Boolean(),
  creditedMs: Type.Number(),
  heldMs: Type.Number(),
  reason: OrNull(
    StringEnum([
      'paused',
      'hidden',
      'rate_too_high',
      'gap',
      'seek_back',
      'skipped_ahead',
      'ahead_of_frontier',
      'already_watched',
      'daily_cap',
      'check_failed',
      'late_report',
      'lesson_complete',
      'duplicate',
      'out_of_order',
      'clock_backwards',
      'bad_position',
      'session_ended',
    ]),
  ),
});
export type HeartbeatResult = Static<typeof HeartbeatResultSchema>;

export const AnswerResultSchema = StringEnum(['passed', 'wrong', 'failed', 'late', 'retake']);
export type AnswerResult = Static<typeof AnswerResultSchema>;

export const LiveViewSchema = Type.Object({
  sessionId: Type.String(),
  lessonId: Type.String(),
  durationMs: Type.Number(),
  heartbeatSeconds: Type.Number(),
  lesson: Type.Object({ creditedMs: Type.Number(), watchedMs: Type.Number(), complete: Type.Boolean() }),
  sessionCreditedMs: Type.Number(),
  heldMs: Type.Number(),
  day: Type.Object({ creditedMs: Type.Number(), capMs: Type.Number() }),
  resumeAtMs: Type.Number(),
  check: OrNull(
    Type.Object({
      id: Type.String(),
      kind: CheckKindSchema,
      code: OrNull(Type.String()),
      deadline: Type.String(),
      failed: Type.Boolean(),
      attemptsLeft: Type.Number(),
      action: Type.Optional(OrNull(StringEnum(['turn_left', 'turn_right']))),
    }),
  ),
  ended: Type.Boolean(),
  consequences: Type.Array(ConsequenceSchema),
});
export type LiveView = Static<typeof LiveViewSchema>;

/** The live view with the learning token renewed when it is due (learning.routes.ts `renewed`). */
export const RenewedLiveViewSchema = Type.Object({
  ...LiveViewSchema.properties,
  learningToken: Type.Optional(Type.String()),
});

export const LessonProgressViewSchema = Type.Object({
  lessonId: Type.String(),
  title: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  chapterTitle: Type.String(),
  kind: Type.String(),
  durationMs: OrNull(Type.Number()),
  creditedMs: Type.Number(),
  complete: Type.Boolean(),
  completedAt: OrNull(Type.String()),
  order: Type.Number(),
});
export type LessonProgressView = Static<typeof LessonProgressViewSchema>;

export const SessionSummarySchema = Type.Object({
  id: Type.String(),
  lessonId: Type.String(),
  lessonTitle: Type.String(),
  startedAt: Type.String(),
  lastAt: Type.String(),
  ended: Type.Boolean(),
  creditedMs: Type.Number(),
  ip: Type.String(),
  userAgent: Type.String(),
  deviceId: Type.String(),
  heartbeats: Type.Number(),
  refused: Type.Number(),
  checksIssued: Type.Number(),
  checksMissed: Type.Number(),
});
export type SessionSummary = Static<typeof SessionSummarySchema>;

export const RecordViewSchema = Type.Object({
  chainSeq: Type.Number(),
  kind: Type.String(),
  at: Type.String(),
  creditedMs: Type.Number(),
  data: Type.Optional(Type.Unknown()),
  hash: Type.String(),
});
export type RecordView = Static<typeof RecordViewSchema>;

export const LearningSuspensionSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  classId: Type.String(),
  faceMisses: Type.Number(),
  suspendedAt: Type.String(),
  reason: Type.Object({
    kind: Type.Optional(Type.Literal('class_suspended')),
    misses: Type.Optional(Type.Number()),
    limit: Type.Optional(Type.Number()),
    sessionId: Type.Optional(Type.String()),
    lessonId: Type.Optional(Type.String()),
  }),
});
export type LearningSuspension = Static<typeof LearningSuspensionSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const learningResponses = {
  'POST /learning/sessions': {
    201: Type.Object({
      session: Type.Object({
        learningToken: Type.String(),
        sessionId: Type.String(),
        lessonId: Type.String(),
        durationMs: Type.Number(),
        heartbeatSeconds: Type.Number(),
        lesson: Type.Object({ creditedMs: Type.Number(), watchedMs: Type.Number(), complete: Type.Boolean() }),
        sessionCreditedMs: Type.Number(),
        heldMs: Type.Number(),
        day: Type.Object({ creditedMs: Type.Number(), capMs: Type.Number() }),
        resumeAtMs: Type.Number(),
        check: OrNull(
          Type.Object({
            id: Type.String(),
            kind: CheckKindSchema,
            code: OrNull(Type.String()),
            deadline: Type.String(),
            failed: Type.Boolean(),
            attemptsLeft: Type.Number(),
            action: Type.Optional(OrNull(StringEnum(['turn_left', 'turn_right']))),
          }),
        ),
        ended: Type.Boolean(),
        consequences: Type.Array(ConsequenceSchema),
        superseded: OrNull(Type.Object({ lessonId: Type.String(), deviceId: Type.String() })),
        faceChecks: FaceChecksInfoSchema,
      }),
    }),
  },
  'POST /learning/sessions/:id/heartbeats': {
    200: Type.Object({
      sessionId: Type.String(),
      lessonId: Type.String(),
      durationMs: Type.Number(),
      heartbeatSeconds: Type.Number(),
      lesson: Type.Object({ creditedMs: Type.Number(), watchedMs: Type.Number(), complete: Type.Boolean() }),
      sessionCreditedMs: Type.Number(),
      heldMs: Type.Number(),
      day: Type.Object({ creditedMs: Type.Number(), capMs: Type.Number() }),
      resumeAtMs: Type.Number(),
      check: OrNull(
        Type.Object({
          id: Type.String(),
          kind: CheckKindSchema,
          code: OrNull(Type.String()),
          deadline: Type.String(),
          failed: Type.Boolean(),
          attemptsLeft: Type.Number(),
          action: Type.Optional(OrNull(StringEnum(['turn_left', 'turn_right']))),
        }),
      ),
      ended: Type.Boolean(),
      consequences: Type.Array(ConsequenceSchema),
      results: Type.Array(HeartbeatResultSchema),
      learningToken: Type.Optional(Type.String()),
    }),
  },
  'POST /learning/sessions/:id/checks/retry': { 200: RenewedLiveViewSchema },
  'POST /learning/sessions/:id/checks/final': { 200: RenewedLiveViewSchema },
  'POST /learning/sessions/:id/checks/:checkId': {
    200: Type.Object({
      sessionId: Type.String(),
      lessonId: Type.String(),
      durationMs: Type.Number(),
      heartbeatSeconds: Type.Number(),
      lesson: Type.Object({ creditedMs: Type.Number(), watchedMs: Type.Number(), complete: Type.Boolean() }),
      sessionCreditedMs: Type.Number(),
      heldMs: Type.Number(),
      day: Type.Object({ creditedMs: Type.Number(), capMs: Type.Number() }),
      resumeAtMs: Type.Number(),
      check: OrNull(
        Type.Object({
          id: Type.String(),
          kind: CheckKindSchema,
          code: OrNull(Type.String()),
          deadline: Type.String(),
          failed: Type.Boolean(),
          attemptsLeft: Type.Number(),
          action: Type.Optional(OrNull(StringEnum(['turn_left', 'turn_right']))),
        }),
      ),
      ended: Type.Boolean(),
      consequences: Type.Array(ConsequenceSchema),
      result: AnswerResultSchema,
      face: OrNull(Type.Object({ outcome: StringEnum(['pass', 'fail', 'retake']), reason: OrNull(Type.String()) })),
      learningToken: Type.Optional(Type.String()),
    }),
  },
  'POST /learning/sessions/:id/end': { 200: LiveViewSchema },
  'GET /learning/classes/:classId/progress': { 200: Type.Object({ items: Type.Array(LessonProgressViewSchema) }) },
  'GET /learning/classes/:classId/sessions': { 200: Type.Object({ items: Type.Array(SessionSummarySchema) }) },
  'GET /classes/:classId/learners/:userId/learning': {
    200: Type.Object({ progress: Type.Array(LessonProgressViewSchema), sessions: Type.Array(SessionSummarySchema) }),
  },
  'GET /learning/sessions/:id/records': { 200: Type.Object({ items: Type.Array(RecordViewSchema) }) },
  'GET /classes/:classId/learning-suspensions': { 200: Type.Object({ items: Type.Array(LearningSuspensionSchema) }) },
  'POST /classes/:classId/learners/:userId/learning-suspension/lift': { 200: Type.Object({ ok: Type.Boolean() }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type LearningContractMatchesSources = [
  Check<SameShape<CheckKind, CheckKindSource>>,
  Check<SameShape<Consequence, ConsequenceSource>>,
  Check<SameShape<FaceChecksInfo, FaceChecksInfoSource>>,
  Check<SameShape<HeartbeatResult, HeartbeatResultSource>>,
  Check<SameShape<AnswerResult, AnswerResultSource>>,
  Check<SameShape<LiveView, LiveViewSource>>,
  Check<SameShape<LessonProgressView, LessonProgressViewSource>>,
  Check<SameShape<SessionSummary, SessionSummarySource>>,
  Check<SameShape<RecordView, RecordViewSource>>,
  Check<SameShape<LearningSuspension, LearningSuspensionSource>>,
];
