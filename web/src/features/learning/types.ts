// Shapes of the learning API (server/src/modules/learning: learning.service.ts LiveView, crediting.ts reasons,
// learning-records.service.ts progress, sessions and records).

/** Why an accepted report earned nothing (crediting.ts NoCreditReason). */
export type NoCreditReason =
  | 'paused'
  | 'hidden'
  | 'rate_too_high'
  | 'gap'
  | 'seek_back'
  | 'skipped_ahead'
  | 'ahead_of_frontier'
  | 'already_watched'
  | 'daily_cap'
  | 'check_failed'
  | 'late_report'
  | 'lesson_complete';

/** Why a report was refused outright (crediting.ts RefusalReason). */
export type RefusalReason = 'duplicate' | 'out_of_order' | 'clock_backwards' | 'bad_position' | 'session_ended';

export type CreditReason = NoCreditReason | RefusalReason;

export type Beat = {
  seq: number;
  positionMs: number;
  playing: boolean;
  rate: number;
  visible: boolean;
  focused: boolean;
  clientTimeMs: number;
};

/** The head turn a face check asks for: the learner's own left or right. */
export type LivenessAction = 'turn_left' | 'turn_right';

export type CheckView = {
  id: string;
  kind: 'code' | 'face';
  code: string | null;
  deadline: string;
  failed: boolean;
  attemptsLeft: number;
  /** A face check's head turn to film; null for a still photo or a code. */
  action: LivenessAction | null;
};

/** Missed face checks reached a policy limit (crediting.ts Consequence). */
export type Consequence =
  | { kind: 'lesson_reset'; misses: number; limit: number; revokedMs: number; watchedMs: number }
  | { kind: 'class_suspended'; misses: number; limit: number };

export type LiveView = {
  sessionId: string;
  lessonId: string;
  durationMs: number;
  heartbeatSeconds: number;
  lesson: { creditedMs: number; watchedMs: number; complete: boolean };
  sessionCreditedMs: number;
  heldMs: number;
  day: { creditedMs: number; capMs: number };
  /** The end of the credited ground: the furthest point the learner may play from. */
  resumeAtMs: number;
  check: CheckView | null;
  ended: boolean;
  /** Set when missed face checks ended the session. */
  consequences?: Consequence[];
  /** The session's learning token: in the start's answer, and in a later one when renewed (api.ts sends it back). */
  learningToken?: string;
};

/** Whether this lesson has face checks (and head turns); the server refuses to start without an enrolled face. */
export type FaceChecksInfo = { on: boolean; liveness: boolean; enrolled: boolean };

export type StartedSession = LiveView & {
  superseded: { lessonId: string; deviceId: string } | null;
  faceChecks?: FaceChecksInfo;
};

export type HeartbeatResult = {
  seq: number;
  accepted: boolean;
  creditedMs: number;
  heldMs: number;
  reason: CreditReason | null;
};

export type CheckResult = 'passed' | 'wrong' | 'failed' | 'late' | 'retake';

/**
 * What the faces module decided about a face check's frames: pass; fail (judged: another face, no head turn, the
 * wrong one — an attempt); retake (could not be judged: too dark, no face… — no attempt used).
 */
export type FaceOutcome = { outcome: 'pass' | 'fail' | 'retake'; reason: string | null };
export type AnswerReply = { result: CheckResult; face: FaceOutcome | null };

export type LessonProgress = {
  lessonId: string;
  title: string;
  courseId: string;
  courseTitle: string;
  chapterTitle: string;
  kind: 'video' | 'document' | string;
  durationMs: number | null;
  creditedMs: number;
  complete: boolean;
  completedAt: string | null;
  order: number;
};

export type SessionSummary = {
  id: string;
  lessonId: string;
  lessonTitle: string;
  startedAt: string;
  lastAt: string;
  ended: boolean;
  creditedMs: number;
  ip: string;
  userAgent: string;
  deviceId: string;
  heartbeats: number;
  refused: number;
  checksIssued: number;
  checksMissed: number;
};

export type LearningRecord = {
  chainSeq: number;
  kind: string;
  at: string;
  creditedMs: number;
  data: Record<string, unknown>;
  hash: string;
};

/** What the player needs to know about the class (from /api/my/classes/:id). */
export type LearnerClass = { id: string; name: string; startDate: string; endDate: string; classHourMinutes: number };

/** Why the server ended this page's session (LEARNING_SESSION_ENDED details, or missed face checks). */
export type SessionEnd = {
  reason: 'superseded' | 'expired' | 'face_checks';
  startedAt?: string;
  lessonId?: string;
  ip?: string;
  consequences?: Consequence[];
};
