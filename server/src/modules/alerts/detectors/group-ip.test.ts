import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionFact } from './types.js';
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

  it('leaves a family, a small office, a crowd spread over the day and private addresses alone', () => {
    const family = [
      session('f1', T0, { ip: '218.108.1.1', institutionId: 'inst-a' }),
      session('f2', T0 + 10 * MIN, { ip: '218.108.1.1', institutionId: 'inst-b' }),
    ];
    // Seven colleagues of one institution (below `groupInstitutionMinAccounts`).
    const office = Array.from({ length: 7 }, (_, i) => session(`o${i}`, T0 + i * MIN, { ip: '60.191.2.2' }));
    const spread = Array.from({ length: 8 }, (_, i) =>
      session(`d${i}`, T0 + i * 2 * 60 * MIN, { ip: '61.153.1.1', institutionId: `inst-${i}` }),
    );
    const intranet = Array.from({ length: 8 }, (_, i) =>
      session(`p${i}`, T0 + i * MIN, { ip: '192.168.1.10', institutionId: `inst-${i}` }),
    );
    expect(detectGroupIp([...family, ...office, ...spread, ...intranet], () => t)).toEqual([]);
    // A regulator that wants every crowd flagged sets the institutions bound to one.
    expect(detectGroupIp(office, () => thresholds({ groupMinInstitutions: 1, groupMinAccounts: 6 }))).toHaveLength(7);
  });
});

describe('group learning within one institution (issue 14)', () => {
  const t = thresholds();
  const mobileIp = '223.104.1.1';
  const carrier = { sharedCarrierAt: (ip: string) => ip === mobileIp };
  const crowd = (n: number, o: Partial<SessionFact> = {}) =>
    Array.from({ length: n }, (_, i) =>
      session(`a${i}`, T0 + i * 3 * MIN, { classId: i % 2 ? 'class-a' : 'class-b', ip: '60.191.1.1', ...o }),
    );

  it("flags an institution's accounts learning together behind one undeclared address, whatever classes they are in", () => {
    const findings = detectGroupIp(crowd(10), () => t, carrier);
    expect(findings).toHaveLength(10);
    expect(findings.find((f) => f.userId === 'a9')).toMatchObject({
      kind: 'group_ip',
      classId: 'class-a',
      severity: 'medium',
      facts: {
        ip: '60.191.1.1',
        rule: 'institution',
        accounts: 10,
        institutions: 1,
        institutionAccounts: 10,
        threshold: 8,
      },
    });
    // Twice the threshold makes it high; one account fewer than the threshold is nothing.
    expect(detectGroupIp(crowd(16), () => t)[0].severity).toBe('high');
    expect(detectGroupIp(crowd(7), () => t)).toEqual([]);
    // The crowd counts at once: the eighth account's start makes the first seven members too.
    expect(detectGroupIp(crowd(8), () => t).map((f) => f.userId)).toHaveLength(8);
  });

  it('counts accounts of each institution on its own: four and four of two institutions are no institution crowd', () => {
    const mixed = crowd(8).map((s, i) => ({ ...s, institutionId: i % 2 ? 'inst-a' : 'inst-b' }));
    // Eight accounts of two institutions make the several-institution crowd instead.
    expect(detectGroupIp(mixed, () => t).map((f) => f.facts.rule)).toEqual(Array(8).fill('institutions'));
    expect(detectGroupIp(mixed, () => thresholds({ groupMinAccounts: 20 }))).toEqual([]);
  });

  it('asks more of a mobile carrier address, unless the crowd runs one browser or sits at computers', () => {
    // Phones of one institution's learners behind a carrier-grade NAT address: varied browsers.
    const phones = crowd(12, { ip: mobileIp }).map((s, i) => ({
      ...s,
      userAgent: `Mozilla/5.0 (Linux; Android 14; Phone ${i % 5}) Chrome/12${i % 5}.0.0.0 Mobile Safari/537.36`,
    }));
    expect(detectGroupIp(phones, () => t, carrier)).toEqual([]);
    // The same crowd on a fixed line is flagged; on the mobile address it takes `groupMobileMinAccounts`.
    expect(detectGroupIp(phones, () => t)).toHaveLength(12);
    expect(detectGroupIp(phones, () => thresholds({ groupMobileMinAccounts: 12 }), carrier)).toHaveLength(12);
    // Ten scripted browsers of one build on a mobile router: corroborated by the shared user agent.
    const rack = crowd(10, { ip: mobileIp, userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0.0.0' });
    const found = detectGroupIp(rack, () => t, carrier);
    expect(found).toHaveLength(10);
    expect(found[0].facts).toMatchObject({ rule: 'institution', network: 'shared_carrier', sameUserAgent: 10 });
    // An office on a mobile router: eight of the institution's accounts on computers, three browser builds.
    const builds = ['Windows NT 10.0) Chrome/131', 'Windows NT 10.0) Edg/129', 'Macintosh; Intel Mac OS X) Safari/605'];
    const office = crowd(8, { ip: mobileIp }).map((s, i) => ({ ...s, userAgent: `Mozilla/5.0 (${builds[i % 3]}` }));
    const atDesks = detectGroupIp(office, () => t, carrier);
    expect(atDesks).toHaveLength(8);
    expect(atDesks[0].facts).toMatchObject({ rule: 'institution', network: 'shared_carrier', onComputers: 8 });
    // Seven at computers and the rest on phones is not yet a crowd there.
    const mixed = [...office.slice(0, 7), ...phones.slice(7).map((s, i) => ({ ...s, userId: `p${i}` }))];
    expect(detectGroupIp(mixed, () => t, carrier)).toEqual([]);
    // Computers of several institutions (households behind the carrier's address) are judged by the general rule.
    const households = office.map((s, i) => ({ ...s, institutionId: `inst-${i}` }));
    expect(detectGroupIp(households, () => t, carrier)).toEqual([]);
  });

  it("leaves the institution's declared room alone and judges its other addresses", () => {
    const room = { roomId: 'room-1', institutionId: 'inst-a', name: '一号实训室', seats: 30 };
    const roomsAt = (ip: string) => (ip === '60.191.1.1' ? [room] : []);
    expect(detectGroupIp(crowd(20), () => t, { roomsAt })).toEqual([]);
    expect(detectGroupIp(crowd(20, { ip: '60.191.1.2' }), () => t, { roomsAt })).toHaveLength(20);
  });

  it('never flags fewer accounts of one institution than the threshold, wherever they are (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            user: fc.integer({ min: 0, max: 6 }),
            minute: fc.integer({ min: 0, max: 600 }),
            ip: fc.constantFrom('60.191.1.1', mobileIp, '10.0.0.1'),
          }),
          { maxLength: 60 },
        ),
        (rows) => {
          const sessions = rows.map((r) => session(`u${r.user}`, T0 + r.minute * MIN, { ip: r.ip }));
          expect(detectGroupIp(sessions, () => t, carrier)).toEqual([]);
        },
      ),
    );
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
