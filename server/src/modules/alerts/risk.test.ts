import { describe, expect, it } from 'vitest';
import { groupRisk, learnerRisk, levelOf, type RiskAlert } from './risk.js';

const NOW = Date.parse('2026-11-24T00:00:00Z');
const DAY = 86_400_000;
const alert = (id: string, severity: RiskAlert['severity'], status: RiskAlert['status'], ageDays = 0): RiskAlert => ({
  id,
  kind: 'group_ip',
  severity,
  status,
  lastSeenAt: NOW - ageDays * DAY,
  userId: 'u1',
  classId: 'c1',
});

describe('risk scores', () => {
  it('adds severity by status, fades with age and explains itself', () => {
    const r = learnerRisk(
      [
        alert('a', 'high', 'confirmed'),
        alert('b', 'medium', 'open'),
        alert('c', 'high', 'dismissed'),
        alert('d', 'high', 'confirmed', 30),
      ],
      NOW,
    );
    expect(r.contributions.map((c) => [c.alertId, c.points])).toEqual([
      ['a', 35],
      ['d', 17.5],
      ['b', 9],
    ]);
    expect(r).toMatchObject({ score: 62, level: 'high' });
    expect(learnerRisk([], NOW)).toEqual({ score: 0, level: 'none', contributions: [] });
    expect(
      learnerRisk(
        Array.from({ length: 9 }, (_, i) => alert(`x${i}`, 'high', 'confirmed')),
        NOW,
      ).score,
    ).toBe(100);
  });

  it('scores a class by its own alerts, its riskiest learner and the share flagged', () => {
    const one = groupRisk([], new Map([['u1', 62]]), 40, NOW);
    expect(one).toMatchObject({ score: 35, level: 'medium', flaggedShare: 0.025 });
    const many = groupRisk(
      [alert('k', 'medium', 'open')],
      new Map(Array.from({ length: 15 }, (_, i) => [`u${i}`, 40] as const)),
      40,
      NOW,
    );
    expect(many.score).toBe(Math.round(9 + 20 + 50));
    expect(many.own.map((c) => c.alertId)).toEqual(['k']);
    expect(levelOf(0)).toBe('none');
    expect(levelOf(29)).toBe('low');
  });
});

describe('institution risk', () => {
  it("counts the institution's own alerts and says whose they are", () => {
    const own: RiskAlert = {
      id: 'i1',
      kind: 'institution_flagged_learners',
      severity: 'high',
      status: 'open',
      lastSeenAt: NOW,
      userId: null,
      classId: null,
      subjectType: 'institution',
    };
    const r = groupRisk(
      [own],
      new Map([
        ['c1', 40],
        ['c2', 10],
      ]),
      4,
      NOW,
    );
    expect(r.own).toEqual([
      {
        alertId: 'i1',
        kind: 'institution_flagged_learners',
        severity: 'high',
        status: 'open',
        points: 21,
        subjectType: 'institution',
      },
    ]);
    expect(r.score).toBe(79); // 21 own + 20 (half the riskiest class) + 37.5 (a quarter of the classes flagged)
    expect(
      groupRisk(
        [],
        new Map([
          ['c1', 40],
          ['c2', 10],
        ]),
        4,
        NOW,
      ).score,
    ).toBeLessThan(r.score);
  });
});
