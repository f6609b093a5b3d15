import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from './classes.testkit.js';

// What a reviewer reads of a change after approval: the class as it was when the change was proposed ("before",
// kept with the change even once it is in force) next to the proposal, with the people behind the ids.

let p: TestPlatform;
let classId: string;
let original: { startDate: string; endDate: string; sessions: { title: string; startsAt: string }[] };
const s = {} as Record<'adminA' | 'xihu' | 'haishu', Session>;
const ids = { teacherA: '', l1: '', l2: '', l3: '' };
const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));

beforeAll(async () => {
  p = await createTestPlatform();
  const world = await prepareClassWorld(p);
  ids.teacherA = world.teacherId;
  ids.l1 = await userId(p, '13800000001');
  ids.l2 = await userId(p, '13800000002');
  ids.l3 = await userId(p, '13800000003');
  const venue = { latitude: 30.2741, longitude: 120.1551 };
  const planned = [
    {
      title: '配电实训',
      venueName: '西湖实训基地',
      address: '杭州市西湖区文三路 1 号',
      ...venue,
      startsAt: `${day(10)}T01:00:00.000Z`,
      endsAt: `${day(10)}T05:00:00.000Z`,
    },
  ];
  const klass = await openApprovedClass(p, world, {
    name: '电工（五级）变更班',
    startDate: day(7),
    endDate: day(40),
    sessions: [...planned, ...topUpSession(world, planned, `${day(12)}T00:00:00.000Z`, venue)],
    learnerIds: [ids.l1, ids.l2],
  });
  classId = klass.id;
  original = {
    startDate: day(7),
    endDate: day(40),
    sessions: klass.sessions.map((x) => ({ title: x.title, startsAt: x.startsAt })),
  };
  s.adminA = await login(p, DEMO.adminA);
  s.xihu = await login(p, DEMO.xihuRegulator);
  s.haishu = await login(p, DEMO.haishuRegulator);
});
afterAll(async () => {
  await p?.drop();
});

const propose = async (change: Record<string, unknown>, reason: string) => {
  const res = await call(p, s.adminA, 'POST', `/api/classes/${classId}/changes`, { change, reason });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.change;
};

describe('changes after approval, before and after', () => {
  it('keeps the dates the class had when the change was proposed, also once it is in force', async () => {
    const change = await propose({ kind: 'dates', startDate: day(14), endDate: day(47) }, '场地检修，顺延一周');
    expect(change).toMatchObject({
      kind: 'dates',
      before: { kind: 'dates', startDate: original.startDate, endDate: original.endDate },
      change: { startDate: day(14), endDate: day(47) },
      people: {},
    });
    const [queued] = (await call(p, s.xihu, 'GET', '/api/class-changes/review-queue')).body.items;
    expect(queued).toMatchObject({
      id: change.id,
      className: '电工（五级）变更班',
      before: { startDate: original.startDate, endDate: original.endDate },
    });
    expect((await call(p, s.haishu, 'GET', '/api/class-changes/review-queue')).body.items).toEqual([]);
    expect((await call(p, s.haishu, 'GET', `/api/classes/${classId}/changes`)).status).toBe(404);
    const approved = await call(p, s.xihu, 'POST', `/api/class-changes/${change.id}/approve`, { comment: '同意' });
    expect(approved.body.change).toMatchObject({
      status: 'approved',
      before: { startDate: original.startDate },
      change: { startDate: day(14) },
    });
    expect((await call(p, s.adminA, 'GET', `/api/classes/${classId}`)).body.class).toMatchObject({
      startDate: day(14),
      endDate: day(47),
    });
  });

  it('names the teachers and learners of a change, with masked ID numbers', async () => {
    const teachers = await propose({ kind: 'teachers', teacherIds: [ids.teacherA] }, '确认授课教师');
    expect(teachers.before).toEqual({ kind: 'teachers', teacherIds: [ids.teacherA] });
    expect(teachers.people[ids.teacherA]).toMatchObject({ name: '韩立新' });
    await call(p, s.xihu, 'POST', `/api/class-changes/${teachers.id}/return`, { comment: '无实质变更' });

    const roster = await propose({ kind: 'roster', add: [ids.l3], remove: [ids.l2] }, '学员调整');
    expect(roster.before).toEqual({ kind: 'roster', learnerCount: 2 });
    expect(Object.keys(roster.people).sort()).toEqual([ids.l2, ids.l3].sort());
    expect(roster.people[ids.l3].name).toEqual(expect.any(String));
    expect(roster.people[ids.l3].idNumberMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    const listed = (await call(p, s.xihu, 'GET', `/api/classes/${classId}/changes`)).body.items;
    expect(listed.map((c: any) => [c.kind, c.status])).toEqual([
      ['roster', 'submitted'],
      ['teachers', 'returned'],
      ['dates', 'approved'],
    ]);
    expect(listed[0].people).toEqual(roster.people);
    // Decided changes carry the regulator's words; a pending one has none yet.
    expect(listed[1].decision).toMatchObject({ comment: '无实质变更', actorName: '汪海燕' });
    expect(listed[0].decision).toBeNull();
    await call(p, s.xihu, 'POST', `/api/class-changes/${roster.id}/approve`, { comment: '' });
    expect((await call(p, s.adminA, 'GET', `/api/classes/${classId}`)).body.class.learnerCount).toBe(2);
  });

  it('keeps the schedule the sessions change replaces', async () => {
    const next = {
      title: '综合实训',
      venueName: '西湖实训基地',
      address: '杭州市西湖区文三路 1 号',
      latitude: 30.2741,
      longitude: 120.1551,
      startsAt: `${day(20)}T01:00:00.000Z`,
      endsAt: `${day(20)}T09:00:00.000Z`,
    };
    const change = await propose({ kind: 'sessions', sessions: [next] }, '合并实训');
    expect(change.before.sessions.map((x: any) => ({ title: x.title, startsAt: x.startsAt }))).toEqual(
      original.sessions,
    );
    expect(change.change.sessions).toEqual([next]);
  });
});
