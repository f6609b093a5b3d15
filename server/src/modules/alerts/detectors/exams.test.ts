import { describe, expect, it } from 'vitest';
import { detectExamFaceMismatch, detectIdenticalAnswers, detectSharedExamIp, type ExamAttemptFact } from './exams.js';
import { DEFAULT_THRESHOLDS } from './index.js';
import { MINUTE } from './types.js';

const t = { ...DEFAULT_THRESHOLDS, examIdenticalMinItems: 3, examIpMinLearners: 3, examIpWindowMinutes: 30 };

function attempt(
  userId: string,
  answers: Record<string, string>,
  extra: Partial<ExamAttemptFact> = {},
): ExamAttemptFact {
  return {
    attemptId: `a-${userId}-${extra.startedAt ?? 0}`,
    examId: 'e1',
    classId: 'c1',
    institutionId: 'i1',
    userId,
    startedAt: 0,
    ip: '10.0.0.1',
    answers: new Map(Object.entries(answers)),
    recordId: `r-${userId}`,
    ...extra,
  };
}

describe('identical answer sequences', () => {
  const same = { q1: '["A"]', q2: '["B","C"]', q3: '["x"]' };
  it('flags learners answering every shared question alike, matched by question not by place', () => {
    const findings = detectIdenticalAnswers(
      [attempt('u1', same), attempt('u2', { q3: '["x"]', q1: '["A"]', q2: '["B","C"]' })],
      t,
    );
    expect(findings.map((f) => [f.kind, f.userId, f.severity])).toEqual([
      ['exam_identical_answers', 'u1', 'medium'],
      ['exam_identical_answers', 'u2', 'medium'],
    ]);
    expect(findings[0].facts).toMatchObject({ sameAs: ['u2'], answered: 3 });
  });
  it('one different answer, too few shared questions, or another exam: nothing', () => {
    expect(detectIdenticalAnswers([attempt('u1', same), attempt('u2', { ...same, q3: '["y"]' })], t)).toEqual([]);
    expect(detectIdenticalAnswers([attempt('u1', same), attempt('u2', { q1: '["A"]', q2: '["B","C"]' })], t)).toEqual(
      [],
    );
    expect(detectIdenticalAnswers([attempt('u1', same), attempt('u2', same, { examId: 'e2' })], t)).toEqual([]);
  });
  it('a group of three is high', () => {
    const findings = detectIdenticalAnswers([attempt('u1', same), attempt('u2', same), attempt('u3', same)], t);
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });
  it('a learner\u2019s own two attempts are not a pair', () => {
    expect(detectIdenticalAnswers([attempt('u1', same), attempt('u1', same, { startedAt: 5 })], t)).toEqual([]);
  });
});

describe('many attempts from one address', () => {
  it('flags the learners starting one exam from one IP within the window', () => {
    const list = ['u1', 'u2', 'u3'].map((u, i) => attempt(u, {}, { startedAt: i * 10 * MINUTE }));
    const findings = detectSharedExamIp(list, t);
    expect(findings.map((f) => f.userId)).toEqual(['u1', 'u2', 'u3']);
    expect(findings[0].facts).toMatchObject({ ip: '10.0.0.1', learners: 3 });
  });
  it('spread beyond the window, or on different addresses: nothing', () => {
    expect(
      detectSharedExamIp(
        ['u1', 'u2', 'u3'].map((u, i) => attempt(u, {}, { startedAt: i * 20 * MINUTE })),
        t,
      ),
    ).toEqual([]);
    expect(
      detectSharedExamIp(
        ['u1', 'u2', 'u3'].map((u, i) => attempt(u, {}, { ip: `10.0.0.${i}` })),
        t,
      ),
    ).toEqual([]);
  });
});

describe('many attempts from one address in a declared training room', () => {
  const room = (institutionId: string, seats: number) => () => [
    { roomId: 'r1', institutionId, name: '一号机房', seats },
  ];
  const crowd = (n: number) => Array.from({ length: n }, (_, i) => attempt(`u${i}`, {}, { startedAt: i * MINUTE }));
  it('skips the institution’s own learners in its room up to the room’s seats', () => {
    expect(detectSharedExamIp(crowd(4), t, room('i1', 4))).toEqual([]);
  });
  it('flags them above the room’s seats, naming the room', () => {
    const findings = detectSharedExamIp(crowd(5), t, room('i1', 4));
    expect(findings).toHaveLength(5);
    expect(findings[0].facts).toMatchObject({ learners: 5, room: { name: '一号机房', seats: 4 } });
  });
  it('the policy caps the seats a room may declare', () => {
    expect(detectSharedExamIp(crowd(4), { ...t, trainingRoomMaxSeats: 3 }, room('i1', 40))).toHaveLength(4);
  });
  it('another institution’s room on the address does not cover this exam', () => {
    expect(detectSharedExamIp(crowd(4), t, room('i2', 40))).toHaveLength(4);
  });
});

describe('face mismatches during the exam', () => {
  it('flags an attempt at the policy count', () => {
    const m = { faceCheckId: 'f1', attemptId: 'a1', userId: 'u1', classId: 'c1', at: 5 };
    expect(detectExamFaceMismatch([m], { ...t, examFaceMismatchCount: 1 })).toMatchObject([
      { kind: 'exam_face_mismatch', userId: 'u1', severity: 'high', evidence: [{ type: 'face_check', id: 'f1' }] },
    ]);
    expect(detectExamFaceMismatch([m], { ...t, examFaceMismatchCount: 2 })).toEqual([]);
  });
});
