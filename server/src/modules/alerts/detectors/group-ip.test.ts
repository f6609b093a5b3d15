import { describe, expect, it } from 'vitest';
import { detectGroupIp } from './group-ip.js';
import { session, T0, thresholds } from './testkit.js';

const MIN = 60_000;

describe('group learning', () => {
  const t = thresholds();

  it('flags accounts of several institutions learning behind one address within the hour, each with its own sessions', () => {
    const crowd = Array.from({ length: 8 }, (_, i) =>
      session(`u${i}`, T0 + i * 5 * MIN, {
        institutionId: i % 2 ? 'inst-a' : 'inst-b',
        classId: i % 2 ? 'class-a' : 'class-b',
        ip: '36.112.0.1',
      }),
    );
    const findings = detectGroupIp(crowd, () => t);
    expect(findings).toHaveLength(8);
    const one = findings.find((f) => f.userId === 'u3')!;
    expect(one).toMatchObject({
      kind: 'group_ip',
      classId: 'class-a',
      severity: 'medium',
      facts: { ip: '36.112.0.1', accounts: 8, institutions: 2 },
    });
    expect(one.sessionIds).toEqual(['u3-' + (T0 + 15 * MIN)]);
    expect(one.evidence).toEqual([
      { type: 'learning_session', id: 'u3-' + (T0 + 15 * MIN), at: T0 + 15 * MIN, note: '36.112.0.1' },
    ]);
  });

  it('leaves a training room of one institution, a family, a crowd spread over the day and private addresses alone', () => {
    const room = Array.from({ length: 40 }, (_, i) =>
      session(`r${i}`, T0 + (i % 3) * MIN, { classId: i < 20 ? 'class-a' : 'class-b', ip: '60.191.1.1' }),
    );
    const family = [
      session('f1', T0, { ip: '218.108.1.1', institutionId: 'inst-a' }),
      session('f2', T0 + 10 * MIN, { ip: '218.108.1.1', institutionId: 'inst-b' }),
    ];
    const spread = Array.from({ length: 8 }, (_, i) =>
      session(`d${i}`, T0 + i * 2 * 60 * MIN, { ip: '61.153.1.1', institutionId: `inst-${i}` }),
    );
    const intranet = Array.from({ length: 8 }, (_, i) =>
      session(`p${i}`, T0 + i * MIN, { ip: '192.168.1.10', institutionId: `inst-${i}` }),
    );
    expect(detectGroupIp([...room, ...family, ...spread, ...intranet], () => t)).toEqual([]);
    // A regulator that wants every crowd flagged sets the institutions bound to one.
    expect(detectGroupIp(room, () => thresholds({ groupMinInstitutions: 1 }))).toHaveLength(40);
  });
});

describe('group learning and declared training rooms', () => {
  const t = thresholds();
  const room = { roomId: 'room-1', institutionId: 'inst-a', name: '一号实训室', seats: 30 };
  const roomsAt = (ip: string) => (ip === '36.112.0.1' ? [room] : []);

  it("leaves the declaring institution's learners in their room alone, even when another institution's accounts join them", () => {
    const own = Array.from({ length: 20 }, (_, i) =>
      session(`a${i}`, T0 + i * MIN, { institutionId: 'inst-a', classId: 'class-a', ip: '36.112.0.1' }),
    );
    const outsiders = Array.from({ length: 2 }, (_, i) =>
      session(`b${i}`, T0 + (20 + i) * MIN, { institutionId: 'inst-b', classId: 'class-b', ip: '36.112.0.1' }),
    );
    // Without the declaration the whole crowd is flagged (two institutions behind one address).
    expect(detectGroupIp([...own, ...outsiders], () => t)).toHaveLength(22);
    const findings = detectGroupIp([...own, ...outsiders], () => t, roomsAt);
    expect(findings.map((f) => f.userId).sort()).toEqual(['b0', 'b1']);
    expect(findings[0]).toMatchObject({ classId: 'class-b', facts: { accounts: 22, institutions: 2 } });
    // A regulator flagging any crowd still does not flag a declared room within its seats.
    expect(detectGroupIp(own, () => thresholds({ groupMinInstitutions: 1 }), roomsAt)).toEqual([]);
  });

  it("flags the institution's own learners when more of them learn at once than the room seats, or than the policy believes", () => {
    const crowd = Array.from({ length: 35 }, (_, i) =>
      session(`a${i}`, T0 + (i % 30) * MIN, { institutionId: 'inst-a', classId: 'class-a', ip: '36.112.0.1' }),
    );
    const findings = detectGroupIp(crowd, () => thresholds({ groupMinInstitutions: 1 }), roomsAt);
    expect(findings).toHaveLength(35);
    expect(findings[0]).toMatchObject({
      severity: 'medium',
      facts: { room: '一号实训室', seats: 30, roomLearners: 35 },
    });
    // The room declares 30 seats; the policy caps any room at 20.
    const twenty = crowd.slice(0, 25);
    expect(detectGroupIp(twenty, () => thresholds({ groupMinInstitutions: 1 }), roomsAt)).toEqual([]);
    expect(
      detectGroupIp(twenty, () => thresholds({ groupMinInstitutions: 1, trainingRoomMaxSeats: 20 }), roomsAt),
    ).toHaveLength(25);
    // Another address of the same institution is not the room.
    const elsewhere = crowd.map((s) => ({ ...s, ip: '36.112.9.9' }));
    expect(detectGroupIp(elsewhere, () => thresholds({ groupMinInstitutions: 1 }), roomsAt)).toHaveLength(35);
  });
});
