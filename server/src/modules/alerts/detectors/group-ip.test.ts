import { describe, expect, it } from 'vitest';
import { detectGroupIp } from './group-ip.js';
import { session, T0, thresholds } from './testkit.js';

const MIN = 60_000;

describe('group learning', () => {
  const t = thresholds();

  it('flags accounts of several institutions learning behind one address within the hour, each with its own sessions', () => {
    const crowd = Array.from({ length: 8 }, (_, i) => session(`u${i}`, T0 + i * 5 * MIN, { institutionId: i % 2 ? 'inst-a' : 'inst-b', classId: i % 2 ? 'class-a' : 'class-b', ip: '36.112.0.1' }));
    const findings = detectGroupIp(crowd, () => t);
    expect(findings).toHaveLength(8);
    const one = findings.find((f) => f.userId === 'u3')!;
    expect(one).toMatchObject({ kind: 'group_ip', classId: 'class-a', severity: 'medium', facts: { ip: '36.112.0.1', accounts: 8, institutions: 2 } });
    expect(one.sessionIds).toEqual(['u3-' + (T0 + 15 * MIN)]);
    expect(one.evidence).toEqual([{ type: 'learning_session', id: 'u3-' + (T0 + 15 * MIN), at: T0 + 15 * MIN, note: '36.112.0.1' }]);
  });

  it('leaves a training room of one institution, a family, a crowd spread over the day and private addresses alone', () => {
    const room = Array.from({ length: 40 }, (_, i) => session(`r${i}`, T0 + (i % 3) * MIN, { classId: i < 20 ? 'class-a' : 'class-b', ip: '60.191.1.1' }));
    const family = [session('f1', T0, { ip: '218.108.1.1', institutionId: 'inst-a' }), session('f2', T0 + 10 * MIN, { ip: '218.108.1.1', institutionId: 'inst-b' })];
    const spread = Array.from({ length: 8 }, (_, i) => session(`d${i}`, T0 + i * 2 * 60 * MIN, { ip: '61.153.1.1', institutionId: `inst-${i}` }));
    const intranet = Array.from({ length: 8 }, (_, i) => session(`p${i}`, T0 + i * MIN, { ip: '192.168.1.10', institutionId: `inst-${i}` }));
    expect(detectGroupIp([...room, ...family, ...spread, ...intranet], () => t)).toEqual([]);
    // A regulator that wants every crowd flagged sets the institutions bound to one.
    expect(detectGroupIp(room, () => thresholds({ groupMinInstitutions: 1 }))).toHaveLength(40);
  });
});
