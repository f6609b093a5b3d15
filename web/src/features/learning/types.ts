// Shapes of the learning API (server/src/modules/learning: learning.service.ts LiveView, crediting.ts reasons,
// learning-records.service.ts progress, sessions and records).

/** Why an accepted report earned nothing (crediting.ts NoCreditReason). */
export type NoCreditReason =
  | 'paused' | 'hidden' | 'rate_too_high' | 'gap' | 'seek_back' | 'skipped_ahead' | 'ahead_of_frontier'
  | 'already_watched' | 'daily_cap' | 'check_failed' | 'late_report' | 'lesson_complete';

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

export type CheckView = {
  id: string;
  kind: 'code' | 'face';
  code: string | null;
  deadline: string;
  failed: boolean;
  attemptsLeft: number;
};

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
};

export type StartedSession = LiveView & { superseded: { lessonId: string; deviceId: string } | null };

export type HeartbeatResult = { seq: number; accepted: boolean; creditedMs: number; heldMs: number; reason: CreditReason | null };

export type CheckResult = 'passed' | 'wrong' | 'failed' | 'late';

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

export type LearningRecord = { chainSeq: number; kind: string; at: string; creditedMs: number; data: Record<string, unknown>; hash: string };

/** What the player needs to know about the class (from /api/my/classes/:id). */
export type LearnerClass = { id: string; name: string; startDate: string; endDate: string; classHourMinutes: number };

/** Why the server ended this page's session (LEARNING_SESSION_ENDED details). */
export type SessionEnd = { reason: 'superseded' | 'expired'; startedAt?: string; lessonId?: string; ip?: string };
