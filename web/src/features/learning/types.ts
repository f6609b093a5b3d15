// Shapes of the learning API: the server's contracts (server/src/modules/learning/learning.contract.ts), as types;
// the reasons and the player's own shapes are declared here.
import type { ApiAnswer, Consequence } from '@contracts';
export type {
  Consequence,
  FaceChecksInfo,
  HeartbeatResult,
  LessonProgressView as LessonProgress,
  SessionSummary,
  RecordView as LearningRecord,
} from '@contracts';
export type CheckView = NonNullable<LiveView['check']>;
export type LiveView = ApiAnswer<'POST /learning/sessions/:id/checks/retry'>;
export type StartedSession = ApiAnswer<'POST /learning/sessions'>['session'];
/** What the check's answer says about the answer itself (the rest is the live view). */
export type AnswerReply = Pick<ApiAnswer<'POST /learning/sessions/:id/checks/:checkId'>, 'result' | 'face'>;
export type FaceOutcome = NonNullable<AnswerReply['face']>;

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

export type CheckResult = AnswerReply['result'];

/**
 * What the faces module decided about a face check's frames: pass; fail (judged: another face, no head turn, the
 * wrong one — an attempt); retake (could not be judged: too dark, no face… — no attempt used).
 */

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
