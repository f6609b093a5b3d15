import type { AttemptStatus, CountedAttempt } from './exams.tables.js';

// The exam's rules, pure: the server's deadline, whether an answer may still be saved, which attempt counts, what a
// focus loss leads to, when the face is checked during an attempt, and the score of a paper out of 100.

/** The deadline is fixed when the clock starts: the time limit, cut short by the end of the window. */
export function deadlineOf(startMs: number, limitMinutes: number | null, windowEndMs: number): number {
  return limitMinutes === null ? windowEndMs : Math.min(startMs + limitMinutes * 60_000, windowEndMs);
}

export type SaveVerdict = 'ok' | 'not_started' | 'submitted' | 'past_deadline';

/** An answer counts only when saved while the attempt runs, at a server time no later than its deadline. */
export function saveVerdict(status: AttemptStatus, deadlineMs: number | null, nowMs: number): SaveVerdict {
  if (status === 'awaiting_face' || deadlineMs === null) return 'not_started';
  if (status !== 'open') return 'submitted';
  return nowMs > deadlineMs ? 'past_deadline' : 'ok';
}

export type AttemptScore = { attemptNo: number; status: AttemptStatus; score: number | null; pendingManual: number };

/**
 * The attempt that counts: the best finished one, or the last submitted one (waiting for grading: no score yet).
 * Attempts still running or not started do not count.
 */
export function countedAttempt(attempts: AttemptScore[], counts: CountedAttempt): AttemptScore | null {
  const done = attempts.filter((a) => a.status === 'submitted' || a.status === 'graded');
  if (done.length === 0) return null;
  if (counts === 'last') return done.reduce((a, b) => (b.attemptNo > a.attemptNo ? b : a));
  const graded = done.filter((a) => a.pendingManual === 0 && a.score !== null);
  if (graded.length === 0) return null;
  return graded.reduce((a, b) => (b.score! > a.score! ? b : a));
}

/** Points on a paper as a mark out of 100, to one decimal. */
export function markOutOf100(points: number, totalScore: number): number {
  if (totalScore <= 0) return 0;
  return Math.round((points / totalScore) * 1000) / 10;
}

export type FocusRules = { warnings: number; limit: number };
export type FocusDecision = 'counted' | 'warn' | 'submit';

/**
 * The n-th focus loss or hidden period of an attempt (1-based): every one is counted; from the `warnings`-th on the
 * learner is warned; the `limit`-th submits the attempt (0 = never).
 */
export function focusDecision(count: number, rules: FocusRules): FocusDecision {
  if (rules.limit > 0 && count >= rules.limit) return 'submit';
  return count >= rules.warnings ? 'warn' : 'counted';
}

export type LivenessAction = 'turn_left' | 'turn_right';
export type FaceCheckState = 'pending' | 'passed' | 'failed' | 'missed';
/** A face check of the attempt: due at a random moment; answered within the response time once put to the learner. */
export type PlannedCheck = { id: string; dueAt: number; action: LivenessAction | null; state: FaceCheckState };
export type FacePlan = { start: PlannedCheck | null; during: PlannedCheck[]; responseMs: number };

/**
 * Random moments for the checks during the attempt: spread over its middle (10 %–80 % of the time), one per equal
 * slice so they never bunch up, each at a random point of its slice.
 */
export function planDuring(
  startMs: number,
  deadlineMs: number,
  count: number,
  random: () => number,
  newId: () => string,
  liveness: boolean,
): PlannedCheck[] {
  const span = deadlineMs - startMs;
  if (count <= 0 || span <= 0) return [];
  const from = startMs + span * 0.1;
  const slice = (span * 0.7) / count;
  return Array.from({ length: count }, (_, i) => ({
    id: newId(),
    dueAt: Math.round(from + slice * i + slice * random()),
    action: liveness ? (random() < 0.5 ? 'turn_left' : 'turn_right') : null,
    state: 'pending' as const,
  }));
}

/** The check the learner must answer now: the first pending one that is due and not yet past its response time. */
export function dueCheck(plan: FacePlan, nowMs: number): PlannedCheck | null {
  return (
    plan.during.find((c) => c.state === 'pending' && c.dueAt <= nowMs && nowMs <= c.dueAt + plan.responseMs) ?? null
  );
}

/** Checks left unanswered past their response time become misses (returned to be recorded). */
export function expireChecks(plan: FacePlan, nowMs: number): { plan: FacePlan; missed: PlannedCheck[] } {
  const missed: PlannedCheck[] = [];
  const during = plan.during.map((c) => {
    if (c.state !== 'pending' || nowMs <= c.dueAt + plan.responseMs) return c;
    const m = { ...c, state: 'missed' as const };
    missed.push(m);
    return m;
  });
  return { plan: missed.length ? { ...plan, during } : plan, missed };
}
