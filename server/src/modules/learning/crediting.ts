import { beijingDate } from '../../platform/time.js';
import {
  addSegment,
  frontierOf,
  measure,
  mergeSegments,
  subtract,
  trimToNewGround,
  uncovered,
  type Segment,
} from './segments.js';

// The supervision rules of online learning as pure functions over plain data (DESIGN.md principles 1 and 4).
// The browser reports; these functions decide what is credited. Times are server milliseconds, positions are
// milliseconds of the video. The service keeps a `SessionState` in hot state and stores every outcome as evidence.

export type LearningRules = {
  heartbeatSeconds: number;
  /** Playback faster than this earns nothing. */
  maxPlaybackRate: number;
  /** Slack between the reported position and the time that passed (timer jitter, buffering). */
  positionToleranceSeconds: number;
  /** An interval longer than heartbeatSeconds × gapFactor is a gap and earns nothing. */
  gapFactor: number;
  /** Heartbeats buffered by a flaky network are accepted this late, counted by the server's own receipt time. */
  maxLateSeconds: number;
  /** Share of a lesson's duration that must be watched to complete it. */
  completionShare: number;
  /** Credit per learner per day (China Standard Time). */
  dailyCapSeconds: number;
  /**
   * Click-to-continue checks: every `minMinutes`–`maxMinutes`, answered within `responseSeconds`; the first of every
   * session within `firstMaxMinutes` (and within 60 % of a short lesson), so no lesson goes unchecked for long.
   */
  challenge: {
    minMinutes: number;
    maxMinutes: number;
    responseSeconds: number;
    attempts: number;
    firstMaxMinutes: number;
  };
  /** Face checks are scheduled only when a face engine is available and the policy asks for them. */
  face: {
    enabled: boolean;
    minPerLesson: number;
    maxIntervalMinutes: number;
    responseSeconds: number;
    retries: number;
    /** Each face check asks for a random head turn (the player films it, the faces module judges it). */
    liveness: boolean;
    /** Face checks missed in a lesson before its progress is reset, and in a class before learning there is suspended; 0 = never. */
    maxMissesPerLesson: number;
    maxMissesPerClass: number;
    /** Unjudgeable photos (too dark, no face…) retaken per check without using an attempt (policy faceCheck.freeRetakes). */
    freeRetakes: number;
  };
};

/** What the player reports. `clientTimeMs` is the browser's clock, trusted only as far as the server's receipt allows. */
export type Beat = {
  seq: number;
  positionMs: number;
  playing: boolean;
  rate: number;
  visible: boolean;
  focused: boolean;
  clientTimeMs: number;
};

/** The last accepted report; `effectiveAt` is the server time it is taken to describe (never later than its receipt). */
export type Anchor = Beat & { effectiveAt: number };

export type CheckKind = 'code' | 'face';
/** The head turn a face check asks for (judged by modules/faces/liveness.ts); the learner's own left or right. */
export type LivenessAction = 'turn_left' | 'turn_right';
export type Check = {
  id: string;
  kind: CheckKind;
  code: string | null;
  issuedAt: number;
  deadline: number;
  attempts: number;
  /** Missed or failed: nothing is credited until it is answered. */
  failed: boolean;
  /** Face checks with liveness: the head turn asked for; null otherwise (and in states stored before it existed). */
  action?: LivenessAction | null;
  /** Photos the face engine could not judge (too dark, no face…): retaken without using an attempt, up to rules.face.freeRetakes. */
  retakes?: number;
  /**
   * Issued because the end of the lesson was reached with ground held, not at a moment the server chose: the learner
   * sees it coming, so its answer says nothing about how fast a person reads (early warning counts only the others).
   */
  lessonEnd?: boolean;
};

/** What too many missed face checks lead to (policy faceCheck.maxMissesPerLesson / maxMissesPerClass). */
export type Consequence =
  | { kind: 'lesson_reset'; misses: number; limit: number; revokedMs: number; watchedMs: number }
  | { kind: 'class_suspended'; misses: number; limit: number };

export type SessionState = {
  sessionId: string;
  userId: string;
  lessonId: string;
  durationMs: number;
  anchor: Anchor;
  /** The lesson's committed watched ground, over all sessions. */
  coverage: Segment[];
  /**
   * Ground watched since the last verified point (ADR 0008): held, and committed only when the next check is passed
   * (the final check at the end of the lesson included); dropped when that check is missed or failed. Carried over to
   * the learner's next session of the lesson.
   */
  pending: Segment[];
  pendingCreditMs: number;
  sessionCreditMs: number;
  lessonCreditMs: number;
  /** Credit of the learner on `day` (CST date), all lessons. */
  day: string;
  dayCreditMs: number;
  check: Check | null;
  nextChallengeAt: number;
  nextFaceAt: number | null;
  lessonFacePasses: number;
  /** Face checks missed or failed in this lesson since its last reset, and in the class since the last suspension was lifted. */
  lessonFaceMisses: number;
  classFaceMisses: number;
  endedAt: number | null;
};

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

export type RefusalReason = 'duplicate' | 'out_of_order' | 'clock_backwards' | 'bad_position' | 'session_ended';

export type HeartbeatOutcome =
  | { accepted: false; reason: RefusalReason }
  | {
      accepted: true;
      state: SessionState;
      /** Committed now. */
      creditedMs: number;
      /** Held until the outstanding check is passed. */
      heldMs: number;
      reason: NoCreditReason | null;
      /** The interval that was judged: [from, to] in server time and positions. */
      interval: { fromAt: number; toAt: number; fromPos: number; toPos: number };
      issued: Check | null;
      expired: Check | null;
      /** A missed face check reached a policy limit: the session is over (and the lesson reset, or learning suspended). */
      consequences: Consequence[];
    };

export type Env = { random: () => number; newId: () => string };

const MINUTE = 60_000;

/** China Standard Time date of a server time. */
export const cstDay = (ms: number): string => beijingDate(ms);

function between(env: Env, minMs: number, maxMs: number): number {
  return Math.round(minMs + env.random() * Math.max(0, maxMs - minMs));
}

export function nextChallengeTime(env: Env, rules: LearningRules, from: number): number {
  return from + between(env, rules.challenge.minMinutes * MINUTE, rules.challenge.maxMinutes * MINUTE);
}

/**
 * The first code check of a session: between a third of the policy's first minutes and their end (national: 1–3
 * minutes), and within 60 % of a short lesson.
 */
export function firstChallengeTime(env: Env, rules: LearningRules, from: number, durationMs: number): number {
  // 0: the first check follows the regular schedule (the final check at the end still confirms a short lesson).
  if (rules.challenge.firstMaxMinutes <= 0) return nextChallengeTime(env, rules, from);
  const first = rules.challenge.firstMaxMinutes * MINUTE;
  const latest = Math.max(30_000, Math.min(first, durationMs * 0.6));
  // Not before a third of the window: a region that sets it long keeps the first minutes free of checks.
  return from + between(env, Math.min(latest, Math.max(30_000, first / 3)), latest);
}

/** Face checks: the first early enough that every lesson gets one, then at most `maxIntervalMinutes` apart. */
export function nextFaceTime(
  env: Env,
  rules: LearningRules,
  from: number,
  durationMs: number,
  first: boolean,
): number | null {
  if (!rules.face.enabled) return null;
  const max = rules.face.maxIntervalMinutes * MINUTE;
  if (first) return from + between(env, 30_000, Math.max(30_000, Math.min(max, durationMs * 0.6)));
  return from + between(env, max / 2, max);
}

export type SessionStart = {
  sessionId: string;
  userId: string;
  lessonId: string;
  durationMs: number;
  at: number;
  positionMs: number;
  clientTimeMs: number;
  coverage: Segment[];
  lessonCreditMs: number;
  lessonFacePasses: number;
  dayCreditMs: number;
  lessonFaceMisses?: number;
  classFaceMisses?: number;
  /**
   * What the learner's previous session of this lesson left (ADR 0008): ground held since the last passed check, and
   * the check still outstanding (open with its deadline running, or failed). The new session starts with both.
   */
  carried?: { pending: Segment[]; check: Check | null };
};

export function startSession(start: SessionStart, rules: LearningRules, env: Env): SessionState {
  const position = Math.max(0, Math.min(start.positionMs, start.durationMs));
  // Held ground is only ever new ground: what the lesson has committed since (or a reset) is taken out.
  const carriedPending = subtract(start.carried?.pending ?? [], start.coverage);
  return {
    sessionId: start.sessionId,
    userId: start.userId,
    lessonId: start.lessonId,
    durationMs: start.durationMs,
    // The player has not started yet: the first interval (loading) is not credited.
    anchor: {
      seq: 0,
      positionMs: position,
      playing: false,
      rate: 1,
      visible: true,
      focused: true,
      clientTimeMs: start.clientTimeMs,
      effectiveAt: start.at,
    },
    coverage: start.coverage,
    pending: carriedPending,
    pendingCreditMs: measure(carriedPending),
    sessionCreditMs: 0,
    lessonCreditMs: start.lessonCreditMs,
    day: cstDay(start.at),
    dayCreditMs: start.dayCreditMs,
    check: start.carried?.check ?? null,
    nextChallengeAt: firstChallengeTime(env, rules, start.at, start.durationMs),
    nextFaceAt: nextFaceTime(env, rules, start.at, start.durationMs, start.lessonFacePasses < rules.face.minPerLesson),
    lessonFacePasses: start.lessonFacePasses,
    lessonFaceMisses: start.lessonFaceMisses ?? 0,
    classFaceMisses: start.classFaceMisses ?? 0,
    endedAt: null,
  };
}

/** A new check issued now: a code to type back, or a face check (with a random head turn when liveness is on). */
function newCheck(kind: CheckKind, at: number, rules: LearningRules, env: Env): Check {
  const response = (kind === 'face' ? rules.face.responseSeconds : rules.challenge.responseSeconds) * 1000;
  const action: LivenessAction | null =
    kind === 'face' && rules.face.liveness ? (env.random() < 0.5 ? 'turn_left' : 'turn_right') : null;
  return {
    id: env.newId(),
    kind,
    code: kind === 'code' ? String(Math.floor(env.random() * 9000) + 1000) : null,
    issuedAt: at,
    deadline: at + response,
    attempts: 0,
    failed: false,
    action,
    retakes: 0,
  };
}

/**
 * A face check was missed or failed: it counts against the lesson and the class. At the policy's limits the lesson's
 * progress is reset (unless it is already complete: its credit was proven by earlier checks) and the learner's learning
 * in the class is suspended; either ends the session.
 */
function faceMissed(
  state: SessionState,
  at: number,
  rules: LearningRules,
): { state: SessionState; consequences: Consequence[] } {
  const lessonMisses = (state.lessonFaceMisses ?? 0) + 1;
  const classMisses = (state.classFaceMisses ?? 0) + 1;
  let next: SessionState = { ...state, lessonFaceMisses: lessonMisses, classFaceMisses: classMisses };
  const consequences: Consequence[] = [];
  const { maxMissesPerLesson, maxMissesPerClass } = rules.face;
  if (maxMissesPerLesson > 0 && lessonMisses >= maxMissesPerLesson && !lessonComplete(state, rules)) {
    consequences.push({
      kind: 'lesson_reset',
      misses: lessonMisses,
      limit: maxMissesPerLesson,
      revokedMs: state.lessonCreditMs,
      watchedMs: measure(state.coverage),
    });
    next = { ...next, coverage: [], lessonCreditMs: 0, lessonFacePasses: 0, lessonFaceMisses: 0 };
  }
  if (maxMissesPerClass > 0 && classMisses >= maxMissesPerClass)
    consequences.push({ kind: 'class_suspended', misses: classMisses, limit: maxMissesPerClass });
  if (consequences.length > 0) next = { ...next, check: null, pending: [], pendingCreditMs: 0, endedAt: at };
  return { state: next, consequences };
}

/** Where the learner may resume: the end of the watched ground (never ahead of it). */
export function resumePosition(state: Pick<SessionState, 'coverage' | 'pending'>): number {
  return frontierOf(mergeSegments(state.coverage, state.pending));
}

/**
 * Judges one interval between the last accepted report and this one; returns a segment to credit or a reason.
 * `watched` is the state's committed and held ground together (merged once per report by the caller).
 */
function judgeInterval(
  state: SessionState,
  beat: Beat,
  dt: number,
  rules: LearningRules,
  dailyLeft: number,
  watched: readonly Segment[],
): { segment: Segment } | { reason: NoCreditReason } {
  const prev = state.anchor;
  const tolerance = rules.positionToleranceSeconds * 1000;
  if (dt > rules.heartbeatSeconds * rules.gapFactor * 1000) return { reason: 'gap' };
  if (!prev.playing) return { reason: 'paused' };
  if (!prev.visible) return { reason: 'hidden' };
  if (prev.rate > rules.maxPlaybackRate + 1e-9) return { reason: 'rate_too_high' };
  const advance = beat.positionMs - prev.positionMs;
  if (advance < 0) return { reason: 'seek_back' };
  if (advance > dt * prev.rate + tolerance) return { reason: 'skipped_ahead' };
  if (state.check?.failed) return { reason: 'check_failed' };
  if (dailyLeft <= 0) return { reason: 'daily_cap' };
  if (prev.positionMs > frontierOf(watched) + tolerance) return { reason: 'ahead_of_frontier' };
  return { segment: [prev.positionMs, beat.positionMs] };
}

export function applyHeartbeat(
  state: SessionState,
  beat: Beat,
  receivedAt: number,
  rules: LearningRules,
  env: Env,
): HeartbeatOutcome {
  if (state.endedAt !== null) return { accepted: false, reason: 'session_ended' };
  const prev = state.anchor;
  if (beat.seq === prev.seq) return { accepted: false, reason: 'duplicate' };
  if (beat.seq < prev.seq) return { accepted: false, reason: 'out_of_order' };
  if (beat.clientTimeMs <= prev.clientTimeMs) return { accepted: false, reason: 'clock_backwards' };
  if (!(beat.positionMs >= 0) || beat.positionMs > state.durationMs + rules.positionToleranceSeconds * 1000)
    return { accepted: false, reason: 'bad_position' };
  const position = Math.min(beat.positionMs, state.durationMs);

  // The client's clock says how the reports are spaced, but no report may describe a time after the server got it.
  let effectiveAt = Math.min(receivedAt, prev.effectiveAt + (beat.clientTimeMs - prev.clientTimeMs));
  let next: SessionState = { ...state };
  let expired: Check | null = null;
  let consequences: Consequence[] = [];
  if (next.check && !next.check.failed && receivedAt > next.check.deadline) {
    expired = { ...next.check, failed: true };
    next = { ...next, check: expired, pending: [], pendingCreditMs: 0 };
    if (expired.kind === 'face') {
      ({ state: next, consequences } = faceMissed(next, receivedAt, rules));
      if (consequences.length > 0) {
        // The session ends here: this report only closes it.
        return {
          accepted: true,
          state: { ...next, anchor: { ...beat, positionMs: position, effectiveAt: Math.min(receivedAt, effectiveAt) } },
          creditedMs: 0,
          heldMs: 0,
          reason: 'check_failed',
          issued: null,
          expired,
          consequences,
          interval: {
            fromAt: prev.effectiveAt,
            toAt: Math.min(receivedAt, effectiveAt),
            fromPos: prev.positionMs,
            toPos: position,
          },
        };
      }
    }
  }

  const day = cstDay(effectiveAt);
  if (day !== next.day) next = { ...next, day, dayCreditMs: 0 };
  const dailyLeft = rules.dailyCapSeconds * 1000 - next.dayCreditMs - next.pendingCreditMs;
  const watched = mergeSegments(next.coverage, next.pending);

  let verdict: { segment: Segment } | { reason: NoCreditReason };
  if (receivedAt - effectiveAt > rules.maxLateSeconds * 1000) {
    // Too late to be checked against the server's clock: accepted as a new starting point, earns nothing.
    effectiveAt = receivedAt;
    verdict = { reason: 'late_report' };
  } else {
    verdict = judgeInterval(
      next,
      { ...beat, positionMs: position },
      effectiveAt - prev.effectiveAt,
      rules,
      dailyLeft,
      watched,
    );
  }

  const creditedMs = 0;
  let heldMs = 0;
  let reason: NoCreditReason | null = 'reason' in verdict ? verdict.reason : null;
  if ('segment' in verdict) {
    const dt = effectiveAt - prev.effectiveAt;
    const segment = trimToNewGround(watched, verdict.segment, Math.min(dt, dailyLeft));
    const gained = uncovered(watched, segment);
    if (gained > 0) {
      // Provisional (ADR 0008): held until the next check is passed, whether one is open or not.
      next = { ...next, pending: addSegment(next.pending, segment), pendingCreditMs: next.pendingCreditMs + gained };
      heldMs = gained;
    }
    const fresh = uncovered(watched, verdict.segment);
    if (dailyLeft < Math.min(dt, fresh)) reason = 'daily_cap';
    else if (gained === 0) reason = measure(watched) >= next.durationMs ? 'lesson_complete' : 'already_watched';
  }

  next = { ...next, anchor: { ...beat, positionMs: position, effectiveAt } };

  // Checks are issued at server-chosen moments, only while the lesson is actually playing in view; and a final check
  // when the end of the lesson is reached with ground held, so the last part can be confirmed (ADR 0008).
  let issued: Check | null = null;
  if (!next.check) {
    const faceDue = next.nextFaceAt !== null && receivedAt >= next.nextFaceAt;
    const atEnd = position >= next.durationMs - rules.positionToleranceSeconds * 1000 && next.pendingCreditMs > 0;
    const scheduled = beat.playing && beat.visible && (faceDue || receivedAt >= next.nextChallengeAt);
    if (atEnd || scheduled) {
      const faceOwed = rules.face.enabled && next.lessonFacePasses < rules.face.minPerLesson;
      issued = newCheck(faceDue || (atEnd && faceOwed) ? 'face' : 'code', receivedAt, rules, env);
      if (!scheduled) issued = { ...issued, lessonEnd: true };
      next = { ...next, check: issued };
    }
  }

  return {
    accepted: true,
    state: next,
    creditedMs,
    heldMs,
    reason,
    issued,
    expired,
    consequences,
    interval: { fromAt: prev.effectiveAt, toAt: effectiveAt, fromPos: prev.positionMs, toPos: position },
  };
}

export type AnswerResult = 'passed' | 'wrong' | 'failed' | 'late' | 'retake';
export type AnswerOutcome =
  | { accepted: false; reason: 'no_check' }
  | {
      accepted: true;
      state: SessionState;
      result: AnswerResult;
      committedMs: number;
      check: Check;
      consequences: Consequence[];
    };

/**
 * The learner answers the outstanding check (`correct` is decided by the caller: the code typed, or the face engine;
 * 'retake' when the engine could not judge the photo — too dark, no face — which the learner can fix without using an
 * attempt, up to the policy's faceCheck.freeRetakes per check, within its deadline). Passing commits the held ground;
 * a late answer or too many wrong ones drop it and, for a face check, count as a miss (see faceMissed). Unless a miss
 * reaches a policy limit, the session goes on.
 */
export function answerCheck(
  state: SessionState,
  checkId: string,
  correct: boolean | 'retake',
  receivedAt: number,
  rules: LearningRules,
  env: Env,
): AnswerOutcome {
  const check = state.check;
  if (!check || check.id !== checkId || state.endedAt !== null) return { accepted: false, reason: 'no_check' };
  const limit = check.kind === 'face' ? rules.face.retries + 1 : rules.challenge.attempts;
  const scheduleNext = (s: SessionState, passedFace: boolean): SessionState => ({
    ...s,
    check: null,
    nextChallengeAt: check.kind === 'code' ? nextChallengeTime(env, rules, receivedAt) : s.nextChallengeAt,
    nextFaceAt:
      check.kind === 'face'
        ? nextFaceTime(
            env,
            rules,
            receivedAt,
            s.durationMs,
            !passedFace && s.lessonFacePasses < rules.face.minPerLesson,
          )
        : s.nextFaceAt,
  });

  const missed = (s: SessionState) =>
    check.kind === 'face' ? faceMissed(s, receivedAt, rules) : { state: s, consequences: [] };
  if (check.failed || receivedAt > check.deadline) {
    const done = { ...check, failed: true };
    // An expired check already counted as a miss when a report found it past its deadline.
    const { state: after, consequences } = check.failed ? { state, consequences: [] } : missed(state);
    if (consequences.length > 0)
      return { accepted: true, result: 'late', committedMs: 0, check: done, state: after, consequences };
    return {
      accepted: true,
      result: 'late',
      committedMs: 0,
      check: done,
      state: scheduleNext({ ...after, pending: [], pendingCreditMs: 0 }, false),
      consequences,
    };
  }
  if (correct === 'retake' && (check.retakes ?? 0) < rules.face.freeRetakes) {
    const again = { ...check, retakes: (check.retakes ?? 0) + 1 };
    return {
      accepted: true,
      result: 'retake',
      committedMs: 0,
      check: again,
      state: { ...state, check: again },
      consequences: [],
    };
  }
  if (correct !== true) {
    const attempts = check.attempts + 1;
    if (attempts < limit) {
      const again = { ...check, attempts };
      return {
        accepted: true,
        result: 'wrong',
        committedMs: 0,
        check: again,
        state: { ...state, check: again },
        consequences: [],
      };
    }
    const done = { ...check, attempts, failed: true };
    // Failed: the held ground is dropped and nothing is credited until the learner passes a new check.
    const { state: after, consequences } = missed({ ...state, pending: [], pendingCreditMs: 0, check: done });
    return { accepted: true, result: 'failed', committedMs: 0, check: done, state: after, consequences };
  }
  const committed = state.pendingCreditMs;
  const passed = { ...check, attempts: check.attempts + 1 };
  const next: SessionState = {
    ...state,
    coverage: mergeSegments(state.coverage, state.pending),
    pending: [],
    pendingCreditMs: 0,
    sessionCreditMs: state.sessionCreditMs + committed,
    lessonCreditMs: state.lessonCreditMs + committed,
    dayCreditMs: state.dayCreditMs + committed,
    lessonFacePasses: state.lessonFacePasses + (check.kind === 'face' ? 1 : 0),
  };
  return {
    accepted: true,
    result: 'passed',
    committedMs: committed,
    check: passed,
    state: scheduleNext(next, check.kind === 'face'),
    consequences: [],
  };
}

/**
 * The learner is about to leave with time held (ADR 0008): a final check is issued at once, whatever the player is
 * doing, so the held time can be confirmed before leaving. Nothing changes when nothing is held or a check is out.
 */
export function requestFinalCheck(
  state: SessionState,
  receivedAt: number,
  rules: LearningRules,
  env: Env,
): SessionState {
  if (state.endedAt !== null || state.check || state.pendingCreditMs <= 0) return state;
  const faceOwed = rules.face.enabled && state.lessonFacePasses < rules.face.minPerLesson;
  return { ...state, check: newCheck(faceOwed ? 'face' : 'code', receivedAt, rules, env) };
}

/** A failed check is retried with a fresh one: the learner asks, the server issues. */
export function reissueCheck(state: SessionState, receivedAt: number, rules: LearningRules, env: Env): SessionState {
  if (!state.check?.failed) return state;
  return { ...state, check: newCheck(state.check.kind, receivedAt, rules, env) };
}

export type EndOutcome = { state: SessionState; missed: Check | null; consequences: Consequence[] };

/**
 * The learner ends the session (ADR 0008). Held ground stays held, carried to the next session of the lesson, where the
 * next passed check commits it. A check still open counts as a miss now — the held ground is dropped and the failed
 * check is carried over, so nothing is credited in the lesson until a new check is passed.
 */
export function endSession(state: SessionState, at: number, rules: LearningRules): EndOutcome {
  const check = state.check;
  if (!check || check.failed) return { state: { ...state, endedAt: at }, missed: null, consequences: [] };
  const missed: Check = { ...check, failed: true };
  let next: SessionState = { ...state, check: missed, pending: [], pendingCreditMs: 0 };
  let consequences: Consequence[] = [];
  if (missed.kind === 'face') ({ state: next, consequences } = faceMissed(next, at, rules));
  return { state: { ...next, endedAt: at }, missed, consequences };
}

/** What a session leaves for the learner's next session of the lesson: held ground and the outstanding check. */
export function carriedOf(state: Pick<SessionState, 'pending' | 'check'>): { pending: Segment[]; check: Check | null } {
  return { pending: state.pending, check: state.check };
}

export function lessonComplete(
  state: Pick<SessionState, 'coverage' | 'durationMs' | 'lessonFacePasses'>,
  rules: LearningRules,
): boolean {
  const facesOk = !rules.face.enabled || state.lessonFacePasses >= rules.face.minPerLesson;
  return facesOk && measure(state.coverage) >= state.durationMs * rules.completionShare;
}
