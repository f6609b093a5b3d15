import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTENT_JOB } from '../../database/seed/demo-content.js';
import { seedDemoClasses } from '../../database/seed/demo-classes.js';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { enrolDirectly, insertClass, type ClassFixture } from './enrolment.testkit.js';

// The learner's side of classes through the API on the configured dialect: "my classes" for a class opened and
// approved the way users do it, the list of classes open to self-enrolment, enrolling and withdrawing with every
// refusal (each leaving the roster as it was), and concurrent enrolments that never exceed the capacity.

let p: TestPlatform;
const s = {} as Record<'learnerA' | 'learnerA2' | 'adminA' | 'teacherA', Session>;
const ids = { learnerA: '', learnerA2: '' };
const learnerPhone = (n: number) => `138000000${String(n).padStart(2, '0')}`;

const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));

/** An approved class open to self-enrolment (or as the fixture says), inserted as rows. */
async function openClass(fixture: ClassFixture & { selfEnrol?: boolean } = {}): Promise<string> {
  const id = await insertClass(p, { status: 'approved', startDate: day(30), endDate: day(60), ...fixture });
  await p.database.db
    .updateTable('classes')
    .set({ self_enrol: fixture.selfEnrol === false ? 0 : 1 })
    .where('id', '=', id)
    .execute();
  return id;
}

const enrolledCount = async (classId: string) =>
  Number(
    (
      await p.database.db
        .selectFrom('enrolments')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('class_id', '=', classId)
        .where('status', '=', 'enrolled')
        .executeTakeFirstOrThrow()
    ).n,
  );

async function expectRefused(session: Session, classId: string, status: number, code: string) {
  const before = await enrolledCount(classId);
  const res = await call(p, session, 'POST', `/api/open-classes/${classId}/enrol`);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(await enrolledCount(classId)).toBe(before);
  return res.body.error;
}

beforeAll(async () => {
  p = await createTestPlatform();
  s.learnerA = await login(p, DEMO.learnerA);
  s.learnerA2 = await login(p, learnerPhone(2));
  s.adminA = await login(p, DEMO.adminA);
  s.teacherA = await login(p, DEMO.teacherA);
  ids.learnerA = await userId(p, DEMO.learnerA);
  ids.learnerA2 = await userId(p, learnerPhone(2));
}, 60_000);
afterAll(async () => {
  await p?.drop();
});

describe('my classes', () => {
  it('shows a class opened by the institution and approved by the regulator, with courses, sessions and why learning waits', async () => {
    const world = await prepareClassWorld(p);
    const venue = { latitude: 30.2741, longitude: 120.1551 };
    const first = {
      title: '低压配电实操',
      venueName: '西湖实训基地',
      address: '杭州市西湖区文三路 1 号',
      ...venue,
      startsAt: `${day(10)}T01:00:00.000Z`,
      endsAt: `${day(10)}T05:00:00.000Z`,
    };
    const sessions = [first, ...topUpSession(world, [first], `${day(11)}T01:00:00.000Z`, venue)];
    const approved = await openApprovedClass(p, world, {
      name: '电工（五级）学员视角班',
      startDate: day(7),
      endDate: day(60),
      sessions,
      learnerIds: [ids.learnerA],
    });
    // A draft the learner is already on stays the institution's business.
    const draft = await insertClass(p, { name: '尚在准备的草稿班', occupationCode: '4-10-01-05', level: 5 });
    await enrolDirectly(p, draft, [ids.learnerA]);

    const list = await call(p, s.learnerA, 'GET', '/api/my/classes');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: any) => c.id)).toEqual([approved.id]);
    expect(list.body.items[0]).toMatchObject({
      name: '电工（五级）学员视角班',
      institutionName: '杭州西湖职业技能培训学校',
      occupationCode: '6-31-01-03',
      occupationName: '电工',
      level: 5,
      startDate: day(7),
      endDate: day(60),
      status: 'approved',
      phase: 'upcoming',
      source: 'manual',
      learning: { allowed: false, reason: 'outside_period' },
      courseCount: world.courseIds.length,
      attendance: { sessions: sessions.length, attended: 0, minutes: 0, classHours: 0 },
    });

    const detail = (await call(p, s.learnerA, 'GET', `/api/my/classes/${approved.id}`)).body.class;
    expect(detail.courses.map((c: any) => c.id)).toEqual(world.courseIds);
    expect(detail.courses.every((c: any) => c.lessons > 0 && c.classHours > 0)).toBe(true);
    expect(detail.sessions.map((x: any) => [x.title, x.venueName, x.address, x.attendance])).toEqual(
      sessions.map((x) => [x.title, x.venueName, x.address, null]),
    );
    expect(detail).toMatchObject({ classHourMinutes: 45, theoryComplete: false, withdrawable: false });

    // Attended minutes become offline class hours under the class's policy (90 min / 45 = 2).
    await p.database.db
      .insertInto('attendance')
      .values({
        id: newId(),
        class_id: approved.id,
        session_id: approved.sessions[0].id,
        user_id: ids.learnerA,
        check_in_at: first.startsAt,
        check_in_latitude: venue.latitude,
        check_in_longitude: venue.longitude,
        check_in_photo_key: 'attendance/x/check-in.jpg.enc',
        check_out_at: new Date(Date.parse(first.startsAt) + 90 * 60_000).toISOString(),
        check_out_latitude: venue.latitude,
        check_out_longitude: venue.longitude,
        check_out_photo_key: 'attendance/x/check-out.jpg.enc',
        minutes: 90,
      })
      .execute();
    const after = (await call(p, s.learnerA, 'GET', `/api/my/classes/${approved.id}`)).body.class;
    expect(after.attendance).toEqual({ sessions: sessions.length, attended: 1, minutes: 90, classHours: 2 });
    expect(after.sessions[0].attendance).toMatchObject({ checkInAt: first.startsAt, minutes: 90 });

    // Nobody else reads it: another learner gets 404, staff are not learners.
    expect((await call(p, s.learnerA2, 'GET', `/api/my/classes/${approved.id}`)).status).toBe(404);
    expect((await call(p, s.learnerA, 'GET', `/api/my/classes/${draft}`)).status).toBe(404);
    expect((await call(p, s.learnerA2, 'GET', '/api/my/classes')).body.items).toEqual([]);
    expect((await call(p, s.adminA, 'GET', '/api/my/classes')).body.error.code).toBe('FORBIDDEN');
    expect((await call(p, s.teacherA, 'GET', `/api/my/classes/${approved.id}`)).status).toBe(403);
  }, 60_000);

  it('says learning is allowed once the class period starts', async () => {
    const id = await openClass({
      name: '养老护理进行中班',
      occupationCode: '4-10-01-05',
      level: 4,
      startDate: day(-1),
      endDate: day(20),
      selfEnrol: false,
    });
    await enrolDirectly(p, id, [ids.learnerA2]);
    const item = (await call(p, s.learnerA2, 'GET', '/api/my/classes')).body.items.find((c: any) => c.id === id);
    expect(item).toMatchObject({ phase: 'running', learning: { allowed: true, reason: 'ok' } });
  });
});

describe('open classes', () => {
  it('lists approved classes open to self-enrolment that have not ended and have places, with filters', async () => {
    const tag = `筛选${newId().slice(-4)}`;
    const open = await openClass({ name: `${tag} 电工开放班`, capacity: 5, startDate: day(200), endDate: day(230) });
    await enrolDirectly(p, open, [await userId(p, learnerPhone(11))]);
    const ningbo = await openClass({
      name: `${tag} 宁波开放班`,
      adminPhone: DEMO.adminB,
      occupationCode: '4-10-01-05',
      level: 4,
      startDate: day(200),
      endDate: day(230),
    });
    const running = await openClass({ name: `${tag} 进行中`, startDate: day(-10), endDate: day(5) });
    await openClass({ name: `${tag} 不开放`, selfEnrol: false });
    await openClass({ name: `${tag} 已结束`, startDate: day(-30), endDate: day(-1) });
    await openClass({ name: `${tag} 待审核`, status: 'submitted' });
    const full = await openClass({ name: `${tag} 已满`, capacity: 1 });
    await enrolDirectly(p, full, [await userId(p, learnerPhone(12))]);

    const names = async (query: string) =>
      (await call(p, s.learnerA2, 'GET', `/api/open-classes?q=${encodeURIComponent(tag)}${query}`)).body.items.map(
        (c: any) => c.id,
      );
    expect(new Set(await names(''))).toEqual(new Set([open, ningbo, running]));
    const item = (await call(p, s.learnerA2, 'GET', `/api/open-classes?q=${encodeURIComponent(tag)}`)).body.items.find(
      (c: any) => c.id === open,
    );
    expect(item).toMatchObject({
      capacity: 5,
      enrolled: 1,
      placesLeft: 4,
      mine: false,
      phase: 'upcoming',
      institutionName: '杭州西湖职业技能培训学校',
    });
    expect(await names('&occupation=4-10-01-05')).toEqual([ningbo]);
    expect(new Set(await names('&region=330100'))).toEqual(new Set([open, running]));
    expect(await names('&region=330203')).toEqual([ningbo]);
    expect(await names('&region=330000')).toHaveLength(3);
    // The learner's own full class stays listed so that they can find it again.
    expect(
      (
        await call(p, await login(p, learnerPhone(12)), 'GET', `/api/open-classes?q=${encodeURIComponent(tag)}`)
      ).body.items.map((c: any) => c.id),
    ).toContain(full);

    // The search is text as typed: `%` and `_` match themselves, not any text.
    const percent = await openClass({ name: `${tag} 100%合格班`, startDate: day(200), endDate: day(230) });
    const search = async (q: string) =>
      (await call(p, s.learnerA2, 'GET', `/api/open-classes?q=${encodeURIComponent(q)}`)).body.items.map(
        (c: any) => c.id,
      );
    expect(await search(`${tag} 100%合格`)).toEqual([percent]);
    expect(await search(`${tag} 1%合格`)).toEqual([]);
    expect(await search(`${tag} 10_%`)).toEqual([]);
    expect(await search(`${tag} 10_`)).toEqual([]);

    expect((await call(p, s.learnerA2, 'GET', '/api/open-classes?region=33')).status).toBe(400);
    expect((await call(p, s.learnerA2, 'GET', '/api/open-classes?extra=1')).body.error.code).toBe('UNKNOWN_FIELD');
    expect((await call(p, s.adminA, 'GET', '/api/open-classes')).status).toBe(403);
  });
});

describe('self-enrolment', () => {
  it('enrols a real-name learner, audited, and the class joins "my classes"', async () => {
    const id = await openClass({ name: '自主报名电工班', startDate: day(300), endDate: day(330) });
    const learner = await login(p, learnerPhone(3));
    const res = await call(p, learner, 'POST', `/api/open-classes/${id}/enrol`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.class).toMatchObject({ id, source: 'self', withdrawable: true, status: 'approved' });
    expect((await call(p, learner, 'GET', '/api/my/classes')).body.items.map((c: any) => c.id)).toContain(id);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'institution_id'])
      .where('target_id', '=', id)
      .execute();
    expect(audit).toEqual([
      { action: 'enrolment.self_enrolled', actor_id: learner.userId, institution_id: expect.any(String) },
    ]);
    await expectRefused(learner, id, 409, 'ENROLMENT_ALREADY_ENROLLED');
  });

  it('refuses classes that are not open, ended, full or unknown, and staff', async () => {
    const learner = await login(p, learnerPhone(4));
    await expectRefused(
      learner,
      await openClass({ name: '机构组织班', selfEnrol: false, startDate: day(400), endDate: day(430) }),
      409,
      'ENROLMENT_NOT_OPEN',
    );
    const ended = await expectRefused(
      learner,
      await openClass({ name: '往期班', startDate: day(-60), endDate: day(-1) }),
      409,
      'ENROLMENT_CLASS_ENDED',
    );
    expect(ended.messages['zh-CN']).toContain(day(-1));
    await expectRefused(
      learner,
      await openClass({ name: '已结班', status: 'closed', startDate: day(-60), endDate: day(-1) }),
      409,
      'ENROLMENT_CLASS_ENDED',
    );
    const full = await openClass({ name: '满员班', capacity: 1, startDate: day(400), endDate: day(430) });
    await enrolDirectly(p, full, [await userId(p, learnerPhone(13))]);
    const refused = await expectRefused(learner, full, 409, 'ENROLMENT_CLASS_FULL');
    expect(refused.details).toEqual({ capacity: 1, enrolled: 1 });
    // Applications and drafts are invisible: 404, like a class that does not exist.
    await expectRefused(learner, await openClass({ name: '待审核班', status: 'submitted' }), 404, 'NOT_FOUND');
    expect((await call(p, learner, 'POST', `/api/open-classes/${newId()}/enrol`)).status).toBe(404);
    await expectRefused(
      s.adminA,
      await openClass({ name: '管理员不能报名', startDate: day(400), endDate: day(430) }),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses a class overlapping one of the same occupation and level the learner is in', async () => {
    const learner = await login(p, learnerPhone(5));
    const first = await openClass({
      name: '养老护理四级一期',
      occupationCode: '4-10-01-05',
      level: 4,
      startDate: day(500),
      endDate: day(540),
    });
    const second = await openClass({
      name: '养老护理四级二期',
      occupationCode: '4-10-01-05',
      level: 4,
      startDate: day(530),
      endDate: day(560),
    });
    const otherLevel = await openClass({
      name: '养老护理五级',
      occupationCode: '4-10-01-05',
      level: 5,
      startDate: day(530),
      endDate: day(560),
    });
    expect((await call(p, learner, 'POST', `/api/open-classes/${first}/enrol`)).status).toBe(201);
    const error = await expectRefused(learner, second, 409, 'ENROLMENT_OVERLAPPING_CLASS');
    expect(error.messages['zh-CN']).toContain('养老护理四级一期');
    expect(error.details.classId).toBe(first);
    expect((await call(p, learner, 'POST', `/api/open-classes/${otherLevel}/enrol`)).status).toBe(201);
  });

  it('refuses a learner whose real-name record is not valid', async () => {
    const learner = await login(p, learnerPhone(6));
    const user = await p.database.db
      .selectFrom('users')
      .select('id_number_enc')
      .where('id', '=', learner.userId)
      .executeTakeFirstOrThrow();
    // An account carried over with a resident ID number whose check character is wrong.
    const broken = p.services.infra.cipher.decrypt(user.id_number_enc).slice(0, 17) + 'Z';
    await p.database.db
      .updateTable('users')
      .set({ id_number_enc: p.services.infra.cipher.encrypt(broken) })
      .where('id', '=', learner.userId)
      .execute();
    try {
      await expectRefused(
        learner,
        await openClass({ name: '实名校验班', startDate: day(600), endDate: day(630) }),
        403,
        'ENROLMENT_REAL_NAME_REQUIRED',
      );
    } finally {
      await p.database.db
        .updateTable('users')
        .set({ id_number_enc: user.id_number_enc })
        .where('id', '=', learner.userId)
        .execute();
    }
  });

  it('never enrols more learners than the capacity, however many ask at once', async () => {
    const id = await openClass({
      name: '抢报名班',
      capacity: 3,
      occupationCode: '4-10-01-05',
      level: 3,
      startDate: day(700),
      endDate: day(730),
    });
    const learners = await Promise.all([7, 8, 9, 10, 14, 15, 16, 17, 18, 19].map((n) => login(p, learnerPhone(n))));
    const answers = await Promise.all(learners.map((l) => call(p, l, 'POST', `/api/open-classes/${id}/enrol`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code)).toEqual(
      Array(7).fill('ENROLMENT_CLASS_FULL'),
    );
    expect(await enrolledCount(id)).toBe(3);

    // One learner pressing the button several times gets one place.
    const again = await openClass({
      name: '连点报名班',
      capacity: 10,
      occupationCode: '4-10-01-05',
      level: 3,
      startDate: day(800),
      endDate: day(830),
    });
    const repeated = await Promise.all(
      [0, 1, 2].map(() => call(p, learners[0], 'POST', `/api/open-classes/${again}/enrol`)),
    );
    expect(repeated.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(await enrolledCount(again)).toBe(1);
  }, 60_000);
});

describe('withdrawal', () => {
  it('lets a self-enrolled learner leave before the start and come back', async () => {
    const learner = await login(p, learnerPhone(20));
    const id = await openClass({ name: '可退出班', startDate: day(900), endDate: day(930) });
    expect((await call(p, learner, 'POST', `/api/open-classes/${id}/enrol`)).status).toBe(201);
    expect((await call(p, learner, 'POST', `/api/open-classes/${id}/withdraw`)).status).toBe(204);
    expect(await enrolledCount(id)).toBe(0);
    expect((await call(p, learner, 'GET', `/api/my/classes/${id}`)).status).toBe(404);
    expect((await call(p, learner, 'POST', `/api/open-classes/${id}/withdraw`)).status).toBe(404);
    expect((await call(p, learner, 'POST', `/api/open-classes/${id}/enrol`)).status).toBe(201);
    const actions = await p.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'enrolment.self_enrolled',
      'enrolment.self_withdrawn',
      'enrolment.self_enrolled',
    ]);
  });

  it('refuses once the class has started, and for enrolments made by the institution', async () => {
    const learner = await login(p, learnerPhone(20));
    const running = await openClass({
      name: '已开课班',
      occupationCode: '4-10-01-05',
      level: 2,
      startDate: day(-2),
      endDate: day(20),
    });
    expect((await call(p, learner, 'POST', `/api/open-classes/${running}/enrol`)).status).toBe(201);
    const started = await call(p, learner, 'POST', `/api/open-classes/${running}/withdraw`);
    expect(started.body.error.code).toBe('ENROLMENT_WITHDRAW_STARTED');
    expect(await enrolledCount(running)).toBe(1);

    const imported = await openClass({
      name: '机构报名班',
      occupationCode: '4-10-01-05',
      level: 1,
      startDate: day(100),
      endDate: day(120),
    });
    await enrolDirectly(p, imported, [learner.userId]);
    expect((await call(p, learner, 'POST', `/api/open-classes/${imported}/withdraw`)).body.error.code).toBe(
      'ENROLMENT_WITHDRAW_BY_INSTITUTION',
    );
    expect(await enrolledCount(imported)).toBe(1);
  });
});

describe('demo classes', () => {
  let demo: TestPlatform;
  beforeAll(async () => {
    demo = await createTestPlatform({ demoContent: true });
    expect(await demo.services.jobs.drain({ type: DEMO_CONTENT_JOB })).toBe(1);
  }, 120_000);
  afterAll(async () => {
    await demo?.drop();
  });

  it('give the demo learner a running class and every learner an open class to try, once', async () => {
    const learner = await login(demo, DEMO.learnerA);
    const mine = (await call(demo, learner, 'GET', '/api/my/classes')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      name: '电工（五级）2026 年春季班',
      status: 'approved',
      phase: 'running',
      learning: { allowed: true, reason: 'ok' },
    });
    const detail = (await call(demo, learner, 'GET', `/api/my/classes/${mine[0].id}`)).body.class;
    expect(detail.courses.length).toBeGreaterThan(1);
    // Practice days carrying the hours the standard asks beyond the short demo courses (demo-classes.ts).
    expect(detail.sessions.length).toBeGreaterThanOrEqual(2);

    const other = await login(demo, learnerPhone(15));
    const open = (await call(demo, other, 'GET', '/api/open-classes')).body.items;
    expect(open.map((c: any) => c.name)).toEqual(['养老护理员（五级）免费培训班']);
    expect(open[0]).toMatchObject({ phase: 'upcoming', placesLeft: 30, mine: false });
    expect((await call(demo, other, 'POST', `/api/open-classes/${open[0].id}/enrol`)).status).toBe(201);
    expect((await call(demo, other, 'POST', `/api/open-classes/${open[0].id}/withdraw`)).status).toBe(204);

    // Running the seed again (a restart on the same database) adds nothing.
    const count = async () =>
      Number(
        (
          await demo.database.db
            .selectFrom('classes')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemoClasses(demo.services);
    expect(await count()).toBe(before);
  });
});
