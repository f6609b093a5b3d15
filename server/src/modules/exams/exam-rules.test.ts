import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countedAttempt,
  deadlineOf,
  dueCheck,
  expireChecks,
  focusDecision,
  markOutOf100,
  planDuring,
  saveVerdict,
  type AttemptScore,
} from './exam-rules.js';

const MIN = 60_000;

describe('deadlineOf', () => {
  it('is the start plus the time limit, cut short by the end of the window', () => {
    expect(deadlineOf(0, 60, 120 * MIN)).toBe(60 * MIN);
    expect(deadlineOf(100 * MIN, 60, 120 * MIN)).toBe(120 * MIN);
    expect(deadlineOf(5, null, 120 * MIN)).toBe(120 * MIN);
  });
  it('property: never after the window end nor after start + limit', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.integer({ min: 1, max: 600 }), fc.nat(1e9), (start, limit, extra) => {
        const end = start + extra;
        const deadline = deadlineOf(start, limit, end);
        expect(deadline).toBeLessThanOrEqual(end);
        expect(deadline).toBeLessThanOrEqual(start + limit * MIN);
      }),
    );
  });
});

describe('saveVerdict', () => {
  it('accepts up to and including the deadline, refuses after it', () => {
    expect(saveVerdict('open', 1000, 1000)).toBe('ok');
    expect(saveVerdict('open', 1000, 1001)).toBe('past_deadline');
    expect(saveVerdict('awaiting_face', null, 0)).toBe('not_started');
    expect(saveVerdict('submitted', 1000, 10)).toBe('submitted');
    expect(saveVerdict('graded', 1000, 10)).toBe('submitted');
  });
});

describe('countedAttempt', () => {
  const a = (attemptNo: number, status: AttemptScore['status'], score: number | null, pendingManual = 0) => ({
    attemptNo,
    status,
    score,
    pendingManual,
  });
  it('best: the highest graded score', () => {
    expect(countedAttempt([a(1, 'graded', 50), a(2, 'graded', 40)], 'best')?.attemptNo).toBe(1);
  });
  it('last: the last submitted one, even when worse or waiting for grading', () => {
    expect(countedAttempt([a(1, 'graded', 50), a(2, 'graded', 40)], 'last')?.attemptNo).toBe(2);
    expect(countedAttempt([a(1, 'graded', 50), a(2, 'submitted', 10, 1)], 'last')?.attemptNo).toBe(2);
  });
  it('running or unstarted attempts never count', () => {
    expect(countedAttempt([a(1, 'open', null), a(2, 'awaiting_face', null)], 'best')).toBeNull();
    expect(countedAttempt([a(1, 'graded', 10), a(2, 'open', null)], 'last')?.attemptNo).toBe(1);
  });
  it('best ignores attempts still waiting for a teacher', () => {
    expect(countedAttempt([a(1, 'graded', 10), a(2, 'submitted', 90, 1)], 'best')?.attemptNo).toBe(1);
  });
});

describe('markOutOf100', () => {
  it('scales to 100 with one decimal', () => {
    expect(markOutOf100(60, 100)).toBe(60);
    expect(markOutOf100(2, 3)).toBe(66.7);
    expect(markOutOf100(5, 0)).toBe(0);
  });
});

describe('focusDecision', () => {
  it('counts, warns from the warning count, submits at the limit', () => {
    const rules = { warnings: 2, limit: 4 };
    expect([1, 2, 3, 4, 5].map((n) => focusDecision(n, rules))).toEqual([
      'counted',
      'warn',
      'warn',
      'submit',
      'submit',
    ]);
  });
  it('limit 0 never submits', () => {
    expect(focusDecision(1000, { warnings: 1, limit: 0 })).toBe('warn');
  });
});

describe('face checks during the attempt', () => {
  let n = 0;
  const id = () => `c${++n}`;
  it('property: the planned moments lie in the middle of the attempt, in order', () => {
    fc.assert(
      fc.property(
        fc.nat(1e9),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (start, span, count, r) => {
          const plan = planDuring(start, start + span, count, () => r, id, true);
          expect(plan).toHaveLength(count);
          for (const c of plan) {
            expect(c.dueAt).toBeGreaterThanOrEqual(Math.floor(start + span * 0.1));
            expect(c.dueAt).toBeLessThanOrEqual(Math.ceil(start + span * 0.8));
          }
          expect(plan.map((c) => c.dueAt)).toEqual([...plan.map((c) => c.dueAt)].sort((x, y) => x - y));
        },
      ),
    );
  });
  it('a check is due from its moment for the response time, then it is a miss', () => {
    const plan = { start: null, responseMs: 1000, during: planDuring(0, 100_000, 1, () => 0.5, id, false) };
    const due = plan.during[0].dueAt;
    expect(dueCheck(plan, due - 1)).toBeNull();
    expect(dueCheck(plan, due)?.id).toBe(plan.during[0].id);
    expect(dueCheck(plan, due + 1000)?.id).toBe(plan.during[0].id);
    expect(expireChecks(plan, due + 1000).missed).toEqual([]);
    const expired = expireChecks(plan, due + 1001);
    expect(expired.missed.map((m) => m.id)).toEqual([plan.during[0].id]);
    expect(dueCheck(expired.plan, due + 1001)).toBeNull();
  });
});
