import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerCheck,
  applyHeartbeat,
  carriedOf,
  endSession,
  lessonComplete,
  reissueCheck,
  resumePosition,
  startSession,
  type Beat,
  type Check,
  type Env,
  type HeartbeatOutcome,
  type LearningRules,
  type SessionState,
} from './crediting.js';
import { frontierOf, measure, mergeSegments, type Segment } from './segments.js';

// The crediting rules, first as examples a reviewer can read, then as properties over any sequence of reports.

const S = 1000;
const MIN = 60 * S;
const T0 = Date.parse('2030-03-11T01:00:00.000Z');

const rules: LearningRules = {
  heartbeatSeconds: 20,
  maxPlaybackRate: 1,
  positionToleranceSeconds: 3,
  gapFactor: 2.5,
  maxLateSeconds: 300,
  completionShare: 0.95,
  dailyCapSeconds: 8 * 45 * 60,
  // The first check on the regular schedule here; the early first check of ADR 0008 has its own tests.
  challenge: { minMinutes: 5, maxMinutes: 15, responseSeconds: 60, attempts: 3, firstMaxMinutes: 0 },
  face: {
    enabled: false,
    minPerLesson: 1,
    maxIntervalMinutes: 15,
    responseSeconds: 60,
    retries: 3,
    liveness: false,
    maxMissesPerLesson: 0,
    maxMissesPerClass: 0,
    freeRetakes: 5,
  },
};

function env(seed = 1): Env {
  let x = seed;
  let n = 0;
  return { random: () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648, newId: () => `check-${++n}` };
}

function begin(
  options: {
    durationMs?: number;
    coverage?: Segment[];
    dayCreditMs?: number;
    positionMs?: number;
    rules?: LearningRules;
    seed?: number;
    lessonFacePasses?: number;
    classFaceMisses?: number;
  } = {},
) {
  return startSession(
    {
      sessionId: 's1',
      userId: 'u1',
      lessonId: 'l1',
      durationMs: options.durationMs ?? 30 * MIN,
      at: T0,
      positionMs: options.positionMs ?? 0,
      clientTimeMs: T0 + 5 * S,
      coverage: options.coverage ?? [],
      lessonCreditMs: measure(options.coverage ?? []),
      lessonFacePasses: options.lessonFacePasses ?? 0,
      dayCreditMs: options.dayCreditMs ?? 0,
      classFaceMisses: options.classFaceMisses ?? 0,
    },
    options.rules ?? rules,
    env(options.seed),
  );
}

/** A well-behaved player: reports every `every` seconds, playing at rate 1 from where it is. */
class Player {
  seq = 0;
  at = T0;
  position: number;
  constructor(
    public state: SessionState,
    public r: LearningRules = rules,
    public e: Env = env(),
  ) {
    this.position = state.anchor.positionMs;
  }
  beat(afterMs: number, change: Partial<Beat> = {}, receivedLateByMs = 0): HeartbeatOutcome {
    this.at += afterMs;
    const beat: Beat = {
      seq: ++this.seq,
      positionMs: this.position,
      playing: true,
      rate: 1,
      visible: true,
      focused: true,
      clientTimeMs: this.at + 5 * S,
      ...change,
    };
    const out = applyHeartbeat(this.state, beat, this.at + receivedLateByMs, this.r, this.e);
    if (out.accepted) this.state = out.state;
    return out;
  }
  /** Plays for `ms` at rate 1, then reports. */
  play(ms: number, change: Partial<Beat> = {}) {
    this.position = Math.min(this.position + ms, this.state.durationMs);
    return this.beat(ms, change);
  }
}

/** What a report earned: held, never committed by the report itself (ADR 0008: the next passed check commits it). */
function credited(out: HeartbeatOutcome) {
  if (!out.accepted) throw new Error(`refused: ${out.reason}`);
  if (out.creditedMs !== 0) throw new Error('a report committed credit without a check');
  return { ms: out.heldMs, reason: out.reason };
}

/** Committed and held ground together: what the learner has watched, confirmed or not. */
const watchedOf = (state: SessionState) => mergeSegments(state.coverage, state.pending);
const earnedOf = (state: SessionState) => state.lessonCreditMs + state.pendingCreditMs;

describe('crediting a heartbeat', () => {
  it('credits the time played, not the loading before the first play', () => {
    const p = new Player(begin());
    expect(credited(p.beat(3 * S))).toEqual({ ms: 0, reason: 'paused' });
    expect(credited(p.play(20 * S))).toEqual({ ms: 20 * S, reason: null });
    expect(credited(p.play(20 * S))).toEqual({ ms: 20 * S, reason: null });
    expect(watchedOf(p.state)).toEqual([[0, 40 * S]]);
    expect(p.state.coverage).toEqual([]);
  });

  it('credits nothing while paused, hidden or faster than the policy allows', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    p.beat(20 * S, { playing: false });
    expect(credited(p.beat(20 * S))).toMatchObject({ ms: 0, reason: 'paused' });
    p.beat(1 * S, { visible: false });
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'hidden' });
    p.beat(1 * S, { rate: 2 });
    p.position += 40 * S;
    expect(credited(p.beat(20 * S, { rate: 2 }))).toMatchObject({ ms: 0, reason: 'rate_too_high' });
  });

  it('refuses dragging ahead: a jump earns nothing and so does playing on from there, until the learner goes back', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    p.play(20 * S);
    p.position = 10 * MIN;
    expect(credited(p.beat(20 * S))).toMatchObject({ ms: 0, reason: 'skipped_ahead' });
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'ahead_of_frontier' });
    expect(resumePosition(p.state)).toBe(20 * S);
    p.position = 20 * S;
    expect(credited(p.beat(1 * S))).toMatchObject({ ms: 0, reason: 'seek_back' });
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 20 * S, reason: null });
  });

  it('lets the learner seek back freely, but watching the same part again counts once', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    p.play(20 * S);
    p.play(20 * S);
    p.position = 0;
    p.beat(1 * S);
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'already_watched' });
    expect(credited(p.play(30 * S))).toMatchObject({ ms: 10 * S, reason: null });
  });

  it('resumes after a crash at the end of what was watched, in a new session', () => {
    const p = new Player(begin({ coverage: [[0, 5 * MIN]], positionMs: 5 * MIN }));
    expect(p.state.lessonCreditMs).toBe(5 * MIN);
    p.beat(2 * S);
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 20 * S });
    expect(watchedOf(p.state)).toEqual([[0, 5 * MIN + 20 * S]]);
    // Starting beyond the watched ground is not a way round it.
    const q = new Player(begin({ coverage: [[0, 5 * MIN]], positionMs: 20 * MIN }));
    q.beat(2 * S);
    expect(credited(q.play(20 * S))).toMatchObject({ ms: 0, reason: 'ahead_of_frontier' });
  });

  it('does not credit a gap between reports', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    expect(credited(p.play(2 * MIN))).toMatchObject({ ms: 0, reason: 'gap' });
    // What played during the gap was not seen by the server: the learner goes back to the end of the credited ground.
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'ahead_of_frontier' });
    p.position = resumePosition(p.state);
    p.beat(1 * S);
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 20 * S });
  });

  it('refuses duplicated, replayed and out-of-order reports and a client clock going backwards', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    const last = p.state.anchor;
    expect(applyHeartbeat(p.state, { ...last }, p.at + S, rules, env())).toEqual({
      accepted: false,
      reason: 'duplicate',
    });
    expect(applyHeartbeat(p.state, { ...last, seq: last.seq - 1 }, p.at + S, rules, env())).toEqual({
      accepted: false,
      reason: 'out_of_order',
    });
    expect(
      applyHeartbeat(
        p.state,
        { ...last, seq: last.seq + 1, clientTimeMs: last.clientTimeMs - 1 },
        p.at + S,
        rules,
        env(),
      ),
    ).toEqual({ accepted: false, reason: 'clock_backwards' });
    expect(
      applyHeartbeat(
        p.state,
        { ...last, seq: last.seq + 1, clientTimeMs: last.clientTimeMs + S, positionMs: 31 * MIN },
        p.at + S,
        rules,
        env(),
      ),
    ).toEqual({ accepted: false, reason: 'bad_position' });
    expect(
      applyHeartbeat(
        endSession(p.state, p.at, rules).state,
        { ...last, seq: 9, clientTimeMs: last.clientTimeMs + S },
        p.at + S,
        rules,
        env(),
      ),
    ).toEqual({ accepted: false, reason: 'session_ended' });
  });

  it('accepts reports buffered over a flaky network, spaced by the client clock but never beyond the server clock', () => {
    const s = begin();
    const e = env();
    let state = s;
    const first = applyHeartbeat(
      state,
      { seq: 1, positionMs: 0, playing: true, rate: 1, visible: true, focused: true, clientTimeMs: T0 + 6 * S },
      T0 + S,
      rules,
      e,
    );
    state = (first as { state: SessionState }).state;
    // Offline for 100 s: five reports arrive together at T0 + 101 s.
    let total = 0;
    for (let i = 1; i <= 5; i++) {
      const out = applyHeartbeat(
        state,
        {
          seq: 1 + i,
          positionMs: i * 20 * S,
          playing: true,
          rate: 1,
          visible: true,
          focused: true,
          clientTimeMs: T0 + 6 * S + i * 20 * S,
        },
        T0 + 101 * S,
        rules,
        e,
      );
      expect(out.accepted).toBe(true);
      if (out.accepted) {
        state = out.state;
        total += out.creditedMs;
      }
      expect(out).toMatchObject({ accepted: true, heldMs: 20 * S });
    }
    expect(total).toBe(0);
    expect(state.pendingCreditMs).toBe(100 * S);
    // A client whose clock runs ahead gains nothing: the report is pinned to its receipt time.
    const fast = applyHeartbeat(
      state,
      {
        seq: 7,
        positionMs: 100 * S + 60 * S,
        playing: true,
        rate: 1,
        visible: true,
        focused: true,
        clientTimeMs: T0 + 6 * S + 100 * S + 60 * S,
      },
      T0 + 121 * S,
      rules,
      e,
    );
    expect(fast).toMatchObject({ accepted: true, creditedMs: 0, reason: 'skipped_ahead' });
  });

  it('accepts reports older than the lateness bound only as a new starting point', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    p.position += 20 * S;
    expect(credited(p.beat(20 * S, {}, 301 * S))).toMatchObject({ ms: 0, reason: 'late_report' });
  });

  it('stops at the daily cap and says so', () => {
    const p = new Player(begin({ dayCreditMs: rules.dailyCapSeconds * S - 5 * S }));
    p.beat(1 * S);
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 5 * S, reason: 'daily_cap' });
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'daily_cap' });
  });

  it('never credits beyond the lesson duration and completes the lesson at the policy share only with a final check passed', () => {
    const p = new Player(begin({ durationMs: 50 * S }));
    p.beat(1 * S);
    p.play(20 * S);
    p.play(20 * S);
    const end = p.play(20 * S);
    expect(credited(end)).toMatchObject({ ms: 10 * S });
    expect(earnedOf(p.state)).toBe(50 * S);
    // Watched to the end, not yet confirmed: not complete, and a final check is issued there.
    expect(lessonComplete(p.state, rules)).toBe(false);
    expect(end).toMatchObject({ issued: { kind: 'code', lessonEnd: true } });
    const answer = answerCheck(p.state, p.state.check!.id, true, p.at + S, rules, p.e);
    expect(answer).toMatchObject({ accepted: true, result: 'passed', committedMs: 50 * S });
    if (answer.accepted) p.state = answer.state;
    expect(p.state.lessonCreditMs).toBe(50 * S);
    expect(lessonComplete(p.state, rules)).toBe(true);
    expect(credited(p.beat(20 * S))).toMatchObject({ ms: 0, reason: 'lesson_complete' });
  });
});

describe('anti-hang-up checks', () => {
  function untilCheck(p: Player) {
    for (let i = 0; i < 200; i++) {
      const out = p.play(20 * S);
      if (out.accepted && out.issued) return out.issued;
    }
    throw new Error('no check was issued');
  }

  it('issues a check between the policy bounds, holds credit until it is answered, then commits it', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    const check = untilCheck(p);
    expect(check.issuedAt - T0).toBeGreaterThanOrEqual(5 * MIN);
    expect(check.issuedAt - T0).toBeLessThanOrEqual(15 * MIN + 20 * S);
    expect(check.code).toMatch(/^\d{4}$/);
    // A check at a moment the server chose is not marked as the end-of-lesson one (early warning tells them apart).
    expect(check.lessonEnd).toBeUndefined();
    expect(p.state.lessonCreditMs).toBe(0);
    expect(credited(p.play(20 * S))).toEqual({ ms: 20 * S, reason: null });
    // Everything since the start (the last verified point) is committed by the pass.
    const held = p.state.pendingCreditMs;
    expect(held).toBe(p.at - T0 - 1 * S);
    const answer = answerCheck(p.state, check.id, true, p.at + S, rules, p.e);
    expect(answer).toMatchObject({ accepted: true, result: 'passed', committedMs: held });
    if (answer.accepted) p.state = answer.state;
    expect(p.state).toMatchObject({ lessonCreditMs: held, pendingCreditMs: 0, pending: [] });
    expect(p.state.nextChallengeAt).toBeGreaterThanOrEqual(p.at + S + 5 * MIN);
  });

  it('drops the held time when the deadline passes and credits nothing until the learner answers', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    const check = untilCheck(p);
    const credit = p.state.lessonCreditMs;
    p.play(20 * S);
    p.play(20 * S);
    const late = p.play(30 * S);
    expect(late).toMatchObject({ accepted: true, expired: { id: check.id, failed: true } });
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'check_failed' });
    expect(p.state).toMatchObject({ lessonCreditMs: credit, pendingCreditMs: 0 });
    const answer = answerCheck(p.state, check.id, true, p.at + S, rules, p.e);
    expect(answer).toMatchObject({ accepted: true, result: 'late', committedMs: 0 });
    if (answer.accepted) p.state = answer.state;
    // The player was moved back to the end of the credited ground.
    p.position = resumePosition(p.state);
    p.beat(1 * S);
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 20 * S });
  });

  it('allows a limited number of wrong answers, then fails the check until a new one is passed', () => {
    const p = new Player(begin());
    p.beat(1 * S);
    const check = untilCheck(p);
    let state = p.state;
    for (const expected of ['wrong', 'wrong', 'failed'] as const) {
      const out = answerCheck(state, check.id, false, p.at + S, rules, p.e);
      expect(out).toMatchObject({ accepted: true, result: expected });
      if (out.accepted) state = out.state;
    }
    p.state = state;
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'check_failed' });
    p.state = reissueCheck(p.state, p.at, rules, p.e);
    expect(p.state.check).toMatchObject({ failed: false, attempts: 0 });
    expect(answerCheck(p.state, 'nope', true, p.at, rules, p.e)).toEqual({ accepted: false, reason: 'no_check' });
  });

  it('schedules face checks when a face engine is present, and completion needs the passes', () => {
    const faceRules: LearningRules = { ...rules, face: { ...rules.face, enabled: true } };
    const p = new Player(begin({ rules: faceRules, durationMs: 10 * MIN }), faceRules);
    p.beat(1 * S);
    let face = null;
    for (let i = 0; i < 40 && !face; i++) {
      const out = p.play(20 * S);
      if (out.accepted && out.issued?.kind === 'face') face = out.issued;
      else if (out.accepted && out.issued) {
        const a = answerCheck(p.state, out.issued.id, true, p.at, faceRules, p.e);
        if (a.accepted) p.state = a.state;
      }
    }
    expect(face).not.toBeNull();
    expect((face?.issuedAt ?? Number.POSITIVE_INFINITY) - T0).toBeLessThanOrEqual(6 * MIN + 20 * S);
    for (let i = 0; i < 60; i++) p.play(20 * S);
    expect(lessonComplete({ ...p.state, coverage: mergeSegments(p.state.coverage, p.state.pending) }, faceRules)).toBe(
      false,
    );
  });
});

describe('face checks: liveness, retakes and the consequences of misses', () => {
  const faceRules: LearningRules = {
    ...rules,
    challenge: { ...rules.challenge, minMinutes: 600, maxMinutes: 600 },
    face: { ...rules.face, enabled: true, liveness: true, maxMissesPerLesson: 2, maxMissesPerClass: 3 },
  };

  function untilFace(p: Player): Check {
    for (let i = 0; i < 200; i++) {
      const out = p.play(20 * S);
      if (out.accepted && out.issued?.kind === 'face') return out.issued;
    }
    throw new Error('no face check was issued');
  }

  /** Plays past the face check's deadline: the next report finds it missed. */
  function missIt(p: Player): HeartbeatOutcome {
    for (let i = 0; i < 10; i++) {
      const out = p.play(20 * S);
      if (!out.accepted || out.expired) return out;
    }
    throw new Error('the face check did not expire');
  }

  it('asks for a random head turn with every face check when liveness is on, and none without it', () => {
    const actions = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const p = new Player(begin({ rules: faceRules, seed }), faceRules, env(seed));
      p.beat(S);
      actions.add(String(untilFace(p).action));
    }
    expect([...actions].sort()).toEqual(['turn_left', 'turn_right']);
    const still: LearningRules = { ...faceRules, face: { ...faceRules.face, liveness: false } };
    const p = new Player(begin({ rules: still }), still);
    p.beat(S);
    expect(untilFace(p).action).toBeNull();
    // A region that asks for no face checks per lesson gets none.
    const off: LearningRules = { ...faceRules, face: { ...faceRules.face, enabled: false } };
    const q = new Player(begin({ rules: off }), off);
    for (let i = 0; i < 120; i++) expect(q.play(20 * S)).not.toMatchObject({ issued: { kind: 'face' } });
  });

  it('lets the learner retake an unjudgeable photo without using an attempt, as often as the policy allows', () => {
    for (const freeRetakes of [5, 1, 0]) {
      const r: LearningRules = { ...faceRules, face: { ...faceRules.face, freeRetakes } };
      const p = new Player(begin({ rules: r }), r);
      p.beat(S);
      const check = untilFace(p);
      let state = p.state;
      for (let i = 1; i <= freeRetakes; i++) {
        const out = answerCheck(state, check.id, 'retake', p.at + S, r, p.e);
        expect(out).toMatchObject({ accepted: true, result: 'retake', check: { attempts: 0, retakes: i } });
        if (out.accepted) state = out.state;
      }
      // One more unjudgeable photo than the policy allows uses an attempt.
      expect(answerCheck(state, check.id, 'retake', p.at + S, r, p.e)).toMatchObject({
        result: 'wrong',
        check: { attempts: 1 },
      });
    }
  });

  it('holds credit while a face check is open and gives none once it is missed, until a new one is passed', () => {
    const p = new Player(begin({ rules: faceRules }), faceRules);
    p.beat(S);
    const check = untilFace(p);
    expect(credited(p.play(20 * S))).toEqual({ ms: 20 * S, reason: null });
    const missed = missIt(p);
    expect(missed).toMatchObject({ accepted: true, expired: { id: check.id }, consequences: [] });
    expect(p.state).toMatchObject({ lessonFaceMisses: 1, classFaceMisses: 1, pendingCreditMs: 0 });
    expect(credited(p.play(20 * S))).toMatchObject({ ms: 0, reason: 'check_failed' });
    // Answering the expired check late does not count it twice.
    const late = answerCheck(p.state, check.id, true, p.at, faceRules, p.e);
    expect(late).toMatchObject({ result: 'late', consequences: [], state: { lessonFaceMisses: 1 } });
  });

  it("resets the lesson at the policy's limit of misses: credit revoked, session ended, to be learnt again", () => {
    // Five minutes confirmed in an earlier session: what a reset revokes.
    const p = new Player(begin({ rules: faceRules, coverage: [[0, 5 * MIN]], positionMs: 5 * MIN }), faceRules);
    p.beat(S);
    const first = untilFace(p);
    missIt(p);
    p.state = reissueCheck(p.state, p.at, faceRules, p.e);
    const second = p.state.check!;
    expect(second).toMatchObject({ kind: 'face', failed: false });
    expect(second.id).not.toBe(first.id);
    const watched = p.state.lessonCreditMs;
    expect(watched).toBe(5 * MIN);
    // The second check fails after every attempt (another face): the second miss of the lesson.
    let out: ReturnType<typeof answerCheck> | null = null;
    for (let i = 0; i <= faceRules.face.retries; i++) {
      out = answerCheck(p.state, second.id, false, p.at + S, faceRules, p.e);
      if (out.accepted) p.state = out.state;
    }
    expect(out).toMatchObject({
      result: 'failed',
      consequences: [{ kind: 'lesson_reset', misses: 2, limit: 2, revokedMs: watched }],
    });
    expect(p.state).toMatchObject({
      coverage: [],
      lessonCreditMs: 0,
      lessonFacePasses: 0,
      lessonFaceMisses: 0,
      classFaceMisses: 2,
      check: null,
    });
    expect(p.state.endedAt).not.toBeNull();
    expect(p.play(20 * S)).toEqual({ accepted: false, reason: 'session_ended' });
    expect(resumePosition(p.state)).toBe(0);
  });

  it('does not reset a lesson already complete, and suspends learning in the class at its limit', () => {
    const done: Segment[] = [[0, 30 * MIN]];
    const p = new Player(
      begin({ rules: faceRules, coverage: done, lessonFacePasses: 1, classFaceMisses: 2 }),
      faceRules,
    );
    p.beat(S);
    untilFace(p);
    const out = missIt(p);
    expect(out).toMatchObject({
      accepted: true,
      reason: 'check_failed',
      creditedMs: 0,
      consequences: [{ kind: 'class_suspended', misses: 3, limit: 3 }],
    });
    expect(p.state).toMatchObject({ coverage: done, lessonCreditMs: 30 * MIN, classFaceMisses: 3 });
    expect(p.state.endedAt).not.toBeNull();
  });
});

// ---- properties ---------------------------------------------------------------------------------------------

const revokedBy = (consequences: { kind: string; revokedMs?: number }[]) =>
  consequences.reduce((sum, c) => sum + (c.revokedMs ?? 0), 0);

type Step =
  | {
      kind: 'beat';
      afterMs: number;
      seqJump: number;
      clientSkewMs: number;
      lateMs: number;
      move: number;
      moveKind: 'claimed' | 'play' | 'jump' | 'back' | 'stay';
      playing: boolean;
      visible: boolean;
      rate: number;
    }
  | { kind: 'answer'; correct: boolean | 'retake'; delayMs: number }
  | { kind: 'retry' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('beat' as const),
      afterMs: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 10 * S, max: 25 * S }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 90 * S }) },
      ),
      seqJump: fc.oneof(
        { weight: 6, arbitrary: fc.constant(1) },
        { weight: 1, arbitrary: fc.integer({ min: -2, max: 3 }) },
      ),
      clientSkewMs: fc.integer({ min: -30 * S, max: 60 * S }),
      lateMs: fc.oneof(
        { weight: 4, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 * S }) },
      ),
      move: fc.integer({ min: 0, max: 120 * S }),
      // 'claimed': the position moves exactly as far as the client's clock says time passed (a fast clock is a lie).
      moveKind: fc.constantFrom(
        'claimed' as const,
        'claimed' as const,
        'play' as const,
        'jump' as const,
        'back' as const,
        'stay' as const,
      ),
      playing: fc.constantFrom(true, true, true, false),
      visible: fc.constantFrom(true, true, true, false),
      rate: fc.constantFrom(0.5, 1, 1, 1, 1.25, 2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      correct: fc.constantFrom(true, false, 'retake' as const),
      delayMs: fc.integer({ min: 0, max: 90 * S }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const) }) },
);

describe('properties: whatever the client sends', () => {
  // With face checks on (frequent, liveness, low miss limits) lessons are also reset and sessions ended on the way.
  const faceRules: LearningRules = {
    ...rules,
    face: {
      enabled: true,
      minPerLesson: 1,
      maxIntervalMinutes: 3,
      responseSeconds: 30,
      retries: 1,
      liveness: true,
      maxMissesPerLesson: 2,
      maxMissesPerClass: 4,
      freeRetakes: 5,
    },
  };

  it.each([
    ['code checks only', rules],
    ['face checks and their consequences', faceRules],
  ] as const)(
    'credit never exceeds the server-measured elapsed time, the lesson duration, or what real-time watching could reach (%s)',
    (_, rules) => {
      fc.assert(
        fc.property(
          fc.array(step, { maxLength: 120 }),
          fc.integer({ min: 10 * S, max: 40 * MIN }),
          fc.integer({ min: 0, max: 5 * MIN }),
          fc.integer({ min: 1, max: 1_000_000 }),
          (steps, durationMs, watchedMs, seed) => {
            const initial: Segment[] = watchedMs > 0 ? [[0, Math.min(watchedMs, durationMs)]] : [];
            const e = env(seed);
            let state = startSession(
              {
                sessionId: 's',
                userId: 'u',
                lessonId: 'l',
                durationMs,
                at: T0,
                positionMs: 0,
                clientTimeMs: T0,
                coverage: initial,
                lessonCreditMs: measure(initial),
                lessonFacePasses: 0,
                dayCreditMs: 0,
              },
              rules,
              e,
            );
            let serverNow = T0;
            let clientNow = T0;
            let seq = 0;
            let position = 0;
            let total = 0;
            let revoked = 0;
            let reach = frontierOf(initial);
            for (const s of steps) {
              if (s.kind === 'retry') {
                state = reissueCheck(state, serverNow, rules, e);
                continue;
              }
              if (s.kind === 'answer') {
                serverNow += s.delayMs;
                if (!state.check) continue;
                const out = answerCheck(state, state.check.id, s.correct, serverNow, rules, e);
                if (out.accepted) {
                  state = out.state;
                  total += out.committedMs;
                  revoked += revokedBy(out.consequences);
                }
                continue;
              }
              serverNow += s.afterMs;
              const claimed = Math.max(1, s.afterMs + s.clientSkewMs);
              clientNow += claimed;
              seq += s.seqJump;
              position =
                s.moveKind === 'claimed'
                  ? position + Math.round(claimed * s.rate)
                  : s.moveKind === 'play'
                    ? position + s.move
                    : s.moveKind === 'jump'
                      ? position + 10 * s.move
                      : s.moveKind === 'back'
                        ? Math.max(0, position - s.move)
                        : position;
              position = Math.min(position, durationMs);
              const out = applyHeartbeat(
                state,
                {
                  seq,
                  positionMs: position,
                  playing: s.playing,
                  rate: s.rate,
                  visible: s.visible,
                  focused: true,
                  clientTimeMs: clientNow,
                },
                serverNow + s.lateMs,
                rules,
                e,
              );
              if (!out.accepted) continue;
              state = out.state;
              total += out.creditedMs;
              revoked += revokedBy(out.consequences);
              if (out.consequences.length > 0) {
                reach = 0;
                expect(state.endedAt).not.toBeNull();
              }
              expect(out.creditedMs + out.heldMs).toBeLessThanOrEqual(
                Math.max(0, out.interval.toAt - out.interval.fromAt),
              );
              // Committed and held together never exceed the time the server has seen pass.
              expect(state.sessionCreditMs + state.pendingCreditMs).toBeLessThanOrEqual(serverNow + s.lateMs - T0);
              reach = Math.min(
                durationMs,
                reach +
                  rules.positionToleranceSeconds * S +
                  (out.interval.toAt - out.interval.fromAt) * rules.maxPlaybackRate,
              );
              expect(frontierOf(mergeSegments(state.coverage, state.pending))).toBeLessThanOrEqual(reach);
              serverNow += s.lateMs;
            }
            // The sum of everything committed (less what a reset revoked) is the growth of the watched ground, bounded by
            // time and by the lesson.
            expect(total - revoked).toBe(state.lessonCreditMs - measure(initial));
            expect(measure(state.coverage)).toBe(state.lessonCreditMs);
            expect(total).toBeLessThanOrEqual(serverNow - T0);
            expect(state.lessonCreditMs).toBeLessThanOrEqual(durationMs);
            expect(state.dayCreditMs).toBeLessThanOrEqual(rules.dailyCapSeconds * S);
          },
        ),
        { numRuns: 1000 },
      );
    },
  );

  it('an honest player at rate 1 earns all the time it plays, minus nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1 * S, max: 20 * S }), { minLength: 1, maxLength: 60 }), (gaps) => {
        const noChecks: LearningRules = {
          ...rules,
          challenge: { ...rules.challenge, minMinutes: 600, maxMinutes: 600 },
        };
        const p = new Player(begin({ rules: noChecks, durationMs: 60 * MIN }), noChecks);
        p.beat(1 * S);
        let played = 0;
        for (const gap of gaps) {
          p.play(gap);
          played += gap;
        }
        // All of it earned, none of it committed: no check has confirmed it yet.
        expect(earnedOf(p.state)).toBe(played);
        expect(p.state.lessonCreditMs).toBe(0);
      }),
    );
  });
});

// ---- ADR 0008: credit is provisional until presence is confirmed ----------------------------------------------

describe('provisional credit and checks that belong to the lesson (ADR 0008)', () => {
  const early: LearningRules = { ...rules, challenge: { ...rules.challenge, firstMaxMinutes: 3 } };

  /** Ends a session and starts the next one of the same lesson `afterMs` later, as the service does. */
  function restart(state: SessionState, at: number, r: LearningRules, e: Env) {
    const ended = endSession(state, at, r);
    const next = startSession(
      {
        sessionId: `${state.sessionId}+`,
        userId: state.userId,
        lessonId: state.lessonId,
        durationMs: state.durationMs,
        at,
        positionMs: resumePosition(ended.state),
        clientTimeMs: at + 5 * S,
        coverage: ended.state.coverage,
        lessonCreditMs: ended.state.lessonCreditMs,
        lessonFacePasses: ended.state.lessonFacePasses,
        dayCreditMs: ended.state.dayCreditMs,
        lessonFaceMisses: ended.state.lessonFaceMisses,
        classFaceMisses: ended.state.classFaceMisses,
        carried: carriedOf(ended.state),
      },
      r,
      e,
    );
    return { ended, next };
  }

  it('keeps held ground across an end and a new session, to be committed by the next passed check', () => {
    const p = new Player(begin({ rules: early }), early);
    p.beat(S);
    p.play(20 * S);
    const { ended, next } = restart(p.state, p.at + S, early, p.e);
    expect(ended).toMatchObject({ missed: null, consequences: [], state: { pendingCreditMs: 20 * S } });
    expect(next).toMatchObject({ pending: [[0, 20 * S]], pendingCreditMs: 20 * S, lessonCreditMs: 0, check: null });
    expect(resumePosition(next)).toBe(20 * S);
    const q = new Player(next, early);
    q.at = p.at + S;
    q.position = 20 * S;
    q.beat(S);
    let check: Check | null = null;
    for (let i = 0; i < 12 && !check; i++) {
      const out = q.play(20 * S);
      if (out.accepted) check = out.issued;
    }
    expect(check).not.toBeNull();
    const held = q.state.pendingCreditMs;
    expect(held).toBeGreaterThan(20 * S);
    const passed = answerCheck(q.state, check!.id, true, q.at + S, early, q.e);
    expect(passed).toMatchObject({ result: 'passed', committedMs: held, state: { lessonCreditMs: held } });
  });

  it('the restart-dodge: a check open at the end is a miss, its held ground dropped, and the next session starts with it failed', () => {
    const p = new Player(begin({ rules: early }), early);
    p.beat(S);
    let check: Check | null = null;
    for (let i = 0; i < 12 && !check; i++) {
      const out = p.play(20 * S);
      if (out.accepted) check = out.issued;
    }
    // The first check of a session comes within the policy's first minutes.
    expect(check!.issuedAt - T0).toBeLessThanOrEqual(3 * MIN + 20 * S);
    p.play(10 * S);
    const { ended, next } = restart(p.state, p.at + S, early, p.e);
    expect(ended.missed).toMatchObject({ id: check!.id, failed: true });
    expect(next).toMatchObject({ check: { id: check!.id, failed: true }, pending: [], lessonCreditMs: 0 });
    // Nothing is earned in the lesson until a new check is asked for and passed.
    const q = new Player(next, early);
    q.at = p.at + S;
    q.position = resumePosition(next);
    q.beat(S);
    expect(credited(q.play(20 * S))).toMatchObject({ ms: 0, reason: 'check_failed' });
  });

  it('a session superseded on another device hands over the open check with its deadline running', () => {
    const p = new Player(begin({ rules: early }), early);
    p.beat(S);
    let check: Check | null = null;
    for (let i = 0; i < 12 && !check; i++) {
      const out = p.play(20 * S);
      if (out.accepted) check = out.issued;
    }
    // A supersession carries the state as it is (no end): the new session has the same open check and deadline.
    const next = startSession(
      {
        sessionId: 's2',
        userId: 'u1',
        lessonId: 'l1',
        durationMs: p.state.durationMs,
        at: p.at + S,
        positionMs: 0,
        clientTimeMs: p.at,
        coverage: p.state.coverage,
        lessonCreditMs: 0,
        lessonFacePasses: 0,
        dayCreditMs: 0,
        carried: carriedOf(p.state),
      },
      early,
      p.e,
    );
    expect(next.check).toEqual(check);
    expect(next.pendingCreditMs).toBe(p.state.pendingCreditMs);
    const q = new Player(next, early);
    q.at = check!.deadline + S;
    q.position = 0;
    expect(q.beat(0)).toMatchObject({ accepted: true, expired: { id: check!.id, failed: true } });
    expect(q.state).toMatchObject({ pendingCreditMs: 0, lessonCreditMs: 0 });
  });

  it('a lesson however short gets a check within it and a final one at its end', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = new Player(begin({ rules: early, durationMs: 2 * MIN, seed }), early, env(seed));
      p.beat(S);
      const issued: number[] = [];
      for (let i = 0; i < 6; i++) {
        const out = p.play(20 * S);
        if (out.accepted && out.issued) {
          issued.push(p.position);
          const a = answerCheck(p.state, out.issued.id, true, p.at + S, early, p.e);
          if (a.accepted) p.state = a.state;
        }
      }
      // One within 60 % of the lesson (plus a report's interval), one at the end.
      expect(issued[0]).toBeLessThanOrEqual(2 * MIN * 0.6 + 20 * S);
      expect(issued.at(-1)).toBe(2 * MIN);
      expect(lessonComplete(p.state, early)).toBe(true);
    }
  });

  it.each([
    ['code checks', early],
    [
      'face checks',
      {
        ...early,
        face: { ...early.face, enabled: true, maxIntervalMinutes: 3, responseSeconds: 30, retries: 1, liveness: true },
      },
    ],
  ] as const)(
    'property: committed ground changes only when a check is passed, and a lesson completes only on it (%s)',
    (_, r) => {
      const withEnds = fc.oneof(
        { weight: 12, arbitrary: step },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), afterMs: fc.nat(600 * S) }) },
      );
      fc.assert(
        fc.property(
          fc.array(withEnds, { minLength: 1, maxLength: 100 }),
          fc.integer({ min: 1, max: 1000 }),
          (steps, seed) => {
            const e = env(seed);
            const durationMs = 4 * MIN;
            let state = begin({ rules: r, durationMs, seed });
            let now = T0;
            let client = T0;
            let seq = 0;
            let position = 0;
            // The committed ground as the last passed check left it (the start: nothing).
            let confirmed: Segment[] = [];
            for (const s of steps) {
              const before = state;
              if (s.kind === 'restart') {
                now += s.afterMs;
                const { ended, next } = restart(state, now, r, e);
                if (ended.consequences.length > 0) confirmed = ended.state.coverage;
                state = next;
                seq = 0;
                client = now + 5 * S;
                position = resumePosition(next);
              } else if (s.kind === 'retry') {
                state = reissueCheck(state, now, r, e);
              } else if (s.kind === 'answer') {
                now += s.delayMs;
                if (!state.check) continue;
                const out = answerCheck(state, state.check.id, s.correct, now, r, e);
                if (!out.accepted) continue;
                state = out.state;
                if (out.result === 'passed') {
                  expect(state.coverage).toEqual(mergeSegments(before.coverage, before.pending));
                  confirmed = state.coverage;
                } else if (out.consequences.length > 0) confirmed = state.coverage;
              } else {
                now += s.afterMs;
                client += Math.max(1, s.afterMs + s.clientSkewMs);
                seq += s.seqJump;
                position = Math.min(durationMs, Math.max(0, position + (s.moveKind === 'back' ? -s.move : s.move)));
                const out = applyHeartbeat(
                  state,
                  {
                    seq,
                    positionMs: position,
                    playing: s.playing,
                    rate: s.rate,
                    visible: s.visible,
                    focused: true,
                    clientTimeMs: client,
                  },
                  now,
                  r,
                  e,
                );
                if (!out.accepted) continue;
                expect(out.creditedMs).toBe(0);
                state = out.state;
                if (out.consequences.length > 0) confirmed = state.coverage;
              }
              // Nothing after the last passed check is committed (and completion is judged on committed ground alone).
              expect(state.coverage).toEqual(confirmed);
              expect(state.lessonCreditMs).toBe(measure(confirmed));
            }
          },
        ),
        { numRuns: 400 },
      );
    },
  );
});
