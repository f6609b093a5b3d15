import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '../media/index.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { addWorkingDays } from '../calendar/index.js';

// Class opening through the API on the configured dialect: pre-checks, submission, review by the region subtree,
// the deadline, illegal transitions, the policy kept at approval, and the learning gate.

let p: TestPlatform;
const s = {} as Record<
  'operator' | 'adminA' | 'adminB' | 'teacherA' | 'xihu' | 'hangzhou' | 'province' | 'haishu',
  Session
>;
const ids = { teacherA: '', learnerA: '', learnerA2: '', general: [] as string[], electric: '' };
let plan: { online: number; offline: number; minHours: number };

const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));

async function uploadPdf(session: Session, name: string): Promise<string> {
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/media?name=${encodeURIComponent(name)}`,
    payload: await makeDemoPdf({ title: name, pages: 2 }),
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().media.id;
}

/** A published course of document lessons adding up to `minutes`. */
async function publishedCourse(
  session: Session,
  fields: { title: string } & Record<string, unknown>,
  minutes: number,
): Promise<string> {
  const course = (await call(p, session, 'POST', '/api/courses', { summary: '', ...fields })).body.course;
  const chapter = (await call(p, session, 'POST', `/api/courses/${course.id}/chapters`, { title: '第一章' })).body;
  const mediaId = await uploadPdf(session, `${fields.title}.pdf`);
  for (let left = minutes; left > 0; left -= 600) {
    expect(
      (
        await call(p, session, 'POST', `/api/chapters/${chapter.id}/lessons`, {
          title: '讲义',
          kind: 'document',
          mediaId,
          documentMinutes: Math.min(600, left),
        })
      ).status,
    ).toBe(201);
  }
  expect((await call(p, session, 'POST', `/api/courses/${course.id}/publish`)).status).toBe(200);
  return course.id;
}

const userId = async (phone: string) =>
  (
    await p.database.db
      .selectFrom('users')
      .select('id')
      .where('phone_hash', '=', p.services.infra.cipher.lookupHash('phone', phone))
      .executeTakeFirstOrThrow()
  ).id;

async function enrol(classId: string, user: string) {
  await p.database.db
    .insertInto('enrolments')
    .values({
      id: newId(),
      class_id: classId,
      user_id: user,
      status: 'enrolled',
      source: 'manual',
      created_by: null,
      created_at: p.clock.now().toISOString(),
    })
    .execute();
}

function classBody(overrides: Record<string, unknown> = {}) {
  const start = day(7);
  return {
    name: '电工（五级）第1期',
    occupationCode: '6-31-01-03',
    level: 5,
    startDate: start,
    endDate: day(60),
    offlineHours: plan.offline,
    assessmentPlan: '理论考试 + 实操考核',
    selfEnrol: false,
    capacity: 50,
    courseIds: [...ids.general, ids.electric],
    teacherIds: [ids.teacherA],
    sessions: [
      {
        title: '配电实训',
        venueName: '西湖实训基地',
        address: '杭州市西湖区文三路 1 号',
        latitude: 30.2741,
        longitude: 120.1551,
        startsAt: `${day(10)}T00:00:00.000Z`,
        endsAt: new Date(Date.parse(`${day(10)}T00:00:00.000Z`) + plan.offline * 45 * 60_000).toISOString(),
      },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  p = await createTestPlatform();
  s.operator = await login(p, DEMO.operator);
  s.adminA = await login(p, DEMO.adminA);
  s.adminB = await login(p, DEMO.adminB);
  s.teacherA = await login(p, DEMO.teacherA);
  s.xihu = await login(p, DEMO.xihuRegulator);
  s.hangzhou = await login(p, DEMO.hangzhouRegulator);
  s.province = await login(p, DEMO.provinceRegulator);
  s.haishu = await login(p, DEMO.haishuRegulator);
  ids.teacherA = await userId(DEMO.teacherA);
  ids.learnerA = await userId(DEMO.learnerA);
  ids.learnerA2 = await userId('13800000002');

  // Hours that meet the electrician level-5 standard exactly at the online cap.
  const standard = (await call(p, null, 'GET', '/api/catalog/occupations/6-31-01-03')).body.occupation.standards.find(
    (x: any) => x.level === 5,
  );
  const cap = Math.min(0.5, standard.maxOnlinePercent / 100);
  const online = Math.floor(standard.minHours * cap);
  plan = { online, offline: standard.minHours - online, minHours: standard.minHours };
  // The five mandatory general modules as platform courses of one class hour each, and the trade course for the rest.
  for (const code of [
    'GEN-LAW',
    'GEN-PRODUCTION-SAFETY',
    'GEN-FIRE-SAFETY',
    'GEN-DRUG-AIDS',
    'GEN-WOMEN-CHILDREN-RIGHTS',
  ]) {
    ids.general.push(await publishedCourse(s.operator, { title: `通用 ${code}`, generalModuleCode: code }, 45));
  }
  ids.electric = await publishedCourse(
    s.adminA,
    { title: '电工基础理论', occupationCode: '6-31-01-03', level: 5 },
    (online - 5) * 45,
  );
  const added = await call(p, s.adminA, 'POST', `/api/teachers/${ids.teacherA}/qualifications`, {
    occupationCode: '6-31-01-03',
    level: 3,
    certificateNo: 'S000033010600001',
    validUntil: '2030-12-31',
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
});
afterAll(async () => {
  await p?.drop();
});

const failing = (prechecks: any[]) => prechecks.filter((i) => !i.passed).map((i) => `${i.key}:${i.reason}`);

describe('class application and pre-checks', () => {
  it('shows the pre-checks item by item and refuses to submit until they pass', async () => {
    const created = await call(p, s.adminA, 'POST', '/api/classes', classBody({ teacherIds: [] }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const klass = created.body.class;
    expect(klass.status).toBe('draft');
    expect(klass.actions).toEqual(['edit', 'submit']);
    expect(failing(klass.prechecks)).toEqual(['teachers:none', 'learners:none']);
    expect(klass.prechecks.find((i: any) => i.key === 'hours')).toMatchObject({
      passed: true,
      figures: { total: plan.minHours, required: plan.minHours },
    });

    const refused = await call(p, s.adminA, 'POST', `/api/classes/${klass.id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CLASS_PRECHECKS_FAILED');
    expect(failing(refused.body.error.details.prechecks)).toEqual(['teachers:none', 'learners:none']);

    // Too few offline hours, and a course of another institution, are caught.
    const short = await call(
      p,
      s.adminA,
      'PUT',
      `/api/classes/${klass.id}`,
      classBody({ offlineHours: plan.offline - 5 }),
    );
    expect(failing(short.body.class.prechecks)).toContain('hours:below_standard');
    const foreignCourse = await publishedCourse(s.adminB, { title: '宁波的课程' }, 45);
    const foreign = await call(
      p,
      s.adminA,
      'PUT',
      `/api/classes/${klass.id}`,
      classBody({ courseIds: [foreignCourse] }),
    );
    expect(foreign.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'courseIds' });
    const noGeneral = await call(
      p,
      s.adminA,
      'PUT',
      `/api/classes/${klass.id}`,
      classBody({ courseIds: [ids.electric] }),
    );
    expect(failing(noGeneral.body.class.prechecks)).toContain('general_modules:missing');
  });

  it('keeps applications inside their tenant', async () => {
    const klass = (await call(p, s.adminA, 'POST', '/api/classes', classBody())).body.class;
    expect((await call(p, s.adminB, 'GET', `/api/classes/${klass.id}`)).status).toBe(404);
    expect((await call(p, s.adminB, 'PUT', `/api/classes/${klass.id}`, classBody())).status).toBe(404);
    expect((await call(p, s.teacherA, 'POST', '/api/classes', classBody())).status).toBe(403);
    // Drafts are not the regulator's business yet.
    expect((await call(p, s.xihu, 'GET', `/api/classes/${klass.id}`)).status).toBe(404);
    const unknown = await call(p, s.adminA, 'POST', '/api/classes', { ...classBody(), subsidy: 100 });
    expect(unknown.body.error.code).toBe('UNKNOWN_FIELD');
  });
});

describe('review by the regulators of the region subtree', () => {
  let classId: string;
  beforeAll(async () => {
    classId = (await call(p, s.adminA, 'POST', '/api/classes', classBody({ name: '电工（五级）第2期' }))).body.class.id;
    await enrol(classId, ids.learnerA);
  });

  it('submits with a working-day deadline and shows it only to the regulators above the institution', async () => {
    const submitted = await call(p, s.adminA, 'POST', `/api/classes/${classId}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.class.status).toBe('submitted');
    expect(submitted.body.class.reviewDueAt).toBe(addWorkingDays(p.clock.now(), 3).toISOString());

    for (const regulator of [s.xihu, s.hangzhou, s.province]) {
      expect((await call(p, regulator, 'GET', '/api/classes/review-queue')).body.items.map((c: any) => c.id)).toContain(
        classId,
      );
    }
    expect(
      (await call(p, s.haishu, 'GET', '/api/classes/review-queue')).body.items.map((c: any) => c.id),
    ).not.toContain(classId);
    expect((await call(p, s.haishu, 'POST', `/api/classes/${classId}/approve`, { comment: '' })).status).toBe(404);
    expect((await call(p, s.adminA, 'POST', `/api/classes/${classId}/approve`, { comment: '' })).status).toBe(403);
    expect((await call(p, s.adminA, 'PUT', `/api/classes/${classId}`, classBody())).body.error.code).toBe(
      'CLASS_ILLEGAL_TRANSITION',
    );
  });

  it('returns with a reason, takes the corrected application again, approves and keeps the policy versions', async () => {
    const noReason = await call(p, s.xihu, 'POST', `/api/classes/${classId}/return`, { comment: ' ' });
    expect(noReason.body.error).toMatchObject({ code: 'CLASS_REASON_REQUIRED', field: 'comment' });
    const returned = await call(p, s.xihu, 'POST', `/api/classes/${classId}/return`, { comment: '请补充考核方案细则' });
    expect(returned.body.class.status).toBe('returned');
    const edited = await call(
      p,
      s.adminA,
      'PUT',
      `/api/classes/${classId}`,
      classBody({ name: '电工（五级）第2期', assessmentPlan: '理论考试60分及格；实操考核按国家标准' }),
    );
    expect(edited.status).toBe(200);
    expect((await call(p, s.adminA, 'POST', `/api/classes/${classId}/submit`)).body.class.status).toBe('submitted');

    const approved = await call(p, s.hangzhou, 'POST', `/api/classes/${classId}/approve`, { comment: '同意开班' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.class.status).toBe('approved');
    expect(approved.body.class.policyRefs.national.version).toBe(1);
    expect(approved.body.class.reviews.map((r: any) => r.action)).toEqual([
      'submitted',
      'returned',
      'submitted',
      'approved',
    ]);
    expect(approved.body.class.reviews[1]).toMatchObject({ comment: '请补充考核方案细则', actorName: '汪海燕' });

    // A later policy change does not rewrite the rules this class was approved under.
    await call(p, s.operator, 'POST', '/api/policies/330000', { document: { classHourMinutes: 60 }, note: '试行' });
    const after = (await call(p, s.adminA, 'GET', `/api/classes/${classId}`)).body.class;
    // Approved under Zhejiang's shipped version 1; the version just published is not the class's.
    expect(after.policyRefs.applied.map((a: any) => [a.scope, a.version])).toEqual([['330000', 1]]);
    expect(after.prechecks.find((i: any) => i.key === 'offline_sessions').figures.planned).toBe(plan.offline);
    const hoursOf = (k: any) => k.prechecks.find((i: any) => i.key === 'hours').figures;
    expect(hoursOf(after)).toEqual(hoursOf(approved.body.class));
    expect(after.courses.map((c: any) => c.classHours)).toEqual(
      approved.body.class.courses.map((c: any) => c.classHours),
    );
    // A class still in preparation follows the new rules: 60-minute class hours shrink its online hours.
    const draft = (await call(p, s.adminA, 'POST', '/api/classes', classBody({ name: '新规则下的草稿' }))).body.class;
    expect(hoursOf(draft).onlineHours).toBeLessThan(hoursOf(after).onlineHours);
    await call(p, s.operator, 'POST', '/api/policies/330000', {
      document: { classHourMinutes: 45 },
      note: '恢复45分钟',
    });

    // Decided is decided.
    expect(
      (await call(p, s.province, 'POST', `/api/classes/${classId}/reject`, { comment: '重复审批' })).body.error.code,
    ).toBe('CLASS_ILLEGAL_TRANSITION');
    expect((await call(p, s.adminA, 'POST', `/api/classes/${classId}/submit`)).body.error.code).toBe(
      'CLASS_ILLEGAL_TRANSITION',
    );

    const audit = await p.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', classId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'class.created',
      'class.submitted',
      'class.returned',
      'class.updated',
      'class.submitted',
      'class.approved',
    ]);
  });

  it('lets learning happen only for enrolled learners of an approved class inside its period', async () => {
    const gate = (user: string) => p.services.classes.learningAllowed(user, classId);
    expect(await gate(ids.learnerA)).toEqual({ allowed: false, reason: 'outside_period' });
    expect(await gate(ids.learnerA2)).toEqual({ allowed: false, reason: 'not_enrolled' });
    p.clock.advance(8 * 86_400_000);
    expect(await gate(ids.learnerA)).toEqual({ allowed: true, reason: 'ok' });
    p.clock.advance(60 * 86_400_000);
    expect(await gate(ids.learnerA)).toEqual({ allowed: false, reason: 'outside_period' });
    p.clock.advance(-68 * 86_400_000);
  });
});

describe('deadlines count the working-day calendar', () => {
  it('holidays the operator declares push a submitted class review deadline out', async () => {
    // Far ahead, so that its learner overlaps no other class of this file.
    const classId = (
      await call(
        p,
        s.adminA,
        'POST',
        '/api/classes',
        classBody({
          name: '电工（五级）第9期',
          startDate: day(200),
          endDate: day(260),
          sessions: [
            {
              ...classBody().sessions[0],
              startsAt: `${day(210)}T00:00:00.000Z`,
              endsAt: new Date(Date.parse(`${day(210)}T00:00:00.000Z`) + plan.offline * 45 * 60_000).toISOString(),
            },
          ],
        }),
      )
    ).body.class.id;
    await enrol(classId, ids.learnerA2);
    const operator = s.operator;
    const before = new Map<number, unknown[]>();
    // The next five days become holidays (a year at a time, keeping the days each year already has).
    const declared = [1, 2, 3, 4, 5].map(day);
    const all: { day: string; kind: 'holiday' | 'workday'; name: string }[] = [];
    for (const year of new Set(declared.map((d) => Number(d.slice(0, 4))))) {
      const kept = (await call(p, operator, 'GET', `/api/work-calendar/${year}`)).body.calendar.days.map((d: any) => ({
        day: d.day,
        kind: d.kind,
        name: d.name,
      }));
      before.set(year, kept);
      const current = kept
        .filter((d: any) => !declared.includes(d.day))
        .map((d: any) => ({ day: d.day, kind: d.kind, name: d.name }));
      const days = [
        ...current,
        ...declared
          .filter((d) => d.startsWith(`${year}-`))
          .map((d) => ({ day: d, kind: 'holiday' as const, name: '测试假日' })),
      ];
      const put = await call(p, operator, 'PUT', `/api/work-calendar/${year}`, { days });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      all.push(...days);
    }
    const submitted = await call(p, s.adminA, 'POST', `/api/classes/${classId}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const calendar = {
      holidays: new Set(all.filter((d) => d.kind === 'holiday').map((d) => d.day)),
      workdays: new Set(all.filter((d) => d.kind === 'workday').map((d) => d.day)),
    };
    expect(submitted.body.class.reviewDueAt).toBe(addWorkingDays(p.clock.now(), 3, calendar).toISOString());
    expect(Date.parse(submitted.body.class.reviewDueAt)).toBeGreaterThan(
      Date.parse(addWorkingDays(p.clock.now(), 3).toISOString()),
    );
    // The calendar as it was, for the tests after this one.
    for (const [year, days] of before)
      expect((await call(p, operator, 'PUT', `/api/work-calendar/${year}`, { days })).status).toBe(200);
  });
});

describe('changes after approval', () => {
  it('take effect only once a regulator of the region approves them', async () => {
    const approvedClass = (await call(p, s.adminA, 'GET', '/api/classes?status=approved')).body.items[0];
    const id = approvedClass.id;
    expect((await call(p, s.adminA, 'PUT', `/api/classes/${id}`, classBody())).body.error.code).toBe(
      'CLASS_ILLEGAL_TRANSITION',
    );
    const proposed = await call(p, s.adminA, 'POST', `/api/classes/${id}/changes`, {
      change: { kind: 'dates', startDate: day(14), endDate: day(70) },
      reason: '场地检修，顺延一周',
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.change).toMatchObject({ status: 'submitted', kind: 'dates' });
    expect(
      (
        await call(p, s.adminA, 'POST', `/api/classes/${id}/changes`, {
          change: { kind: 'roster', add: [ids.learnerA2], remove: [] },
          reason: '增加学员',
        })
      ).body.error.code,
    ).toBe('CLASS_CHANGE_PENDING');
    // Not yet in force.
    expect((await call(p, s.adminA, 'GET', `/api/classes/${id}`)).body.class.startDate).toBe(approvedClass.startDate);
    expect((await call(p, s.haishu, 'GET', '/api/class-changes/review-queue')).body.items).toEqual([]);
    expect((await call(p, s.xihu, 'GET', '/api/class-changes/review-queue')).body.items.map((c: any) => c.id)).toEqual([
      proposed.body.change.id,
    ]);
    expect(
      (await call(p, s.haishu, 'POST', `/api/class-changes/${proposed.body.change.id}/approve`, { comment: '' }))
        .status,
    ).toBe(404);
    const approved = await call(p, s.xihu, 'POST', `/api/class-changes/${proposed.body.change.id}/approve`, {
      comment: '同意',
    });
    expect(approved.body.change.status).toBe('approved');
    expect((await call(p, s.adminA, 'GET', `/api/classes/${id}`)).body.class).toMatchObject({
      startDate: day(14),
      endDate: day(70),
    });

    const roster = await call(p, s.adminA, 'POST', `/api/classes/${id}/changes`, {
      change: { kind: 'roster', add: [ids.learnerA2], remove: [] },
      reason: '增加学员',
    });
    expect(
      (await call(p, s.xihu, 'POST', `/api/class-changes/${roster.body.change.id}/reject`, { comment: '' })).body.error
        .code,
    ).toBe('CLASS_REASON_REQUIRED');
    expect(
      (
        await call(p, s.xihu, 'POST', `/api/class-changes/${roster.body.change.id}/reject`, {
          comment: '该学员已在其他班',
        })
      ).body.change.status,
    ).toBe('rejected');
    expect(
      (await call(p, s.xihu, 'POST', `/api/class-changes/${roster.body.change.id}/approve`, { comment: '' })).body.error
        .code,
    ).toBe('CLASS_ILLEGAL_TRANSITION');
    expect((await call(p, s.adminA, 'GET', `/api/classes/${id}`)).body.class.learnerCount).toBe(1);
    const reviews = (await call(p, s.adminA, 'GET', `/api/classes/${id}`)).body.class.reviews.map((r: any) => r.action);
    expect(reviews.slice(-4)).toEqual(['change_submitted', 'change_approved', 'change_submitted', 'change_rejected']);
  });
});

describe('overlap, rejection and the deadline', () => {
  it('refuses a learner already in an overlapping class of the same occupation and level', async () => {
    const first = (await call(p, s.adminA, 'POST', '/api/classes', classBody({ name: '电工（五级）第3期' }))).body.class
      .id;
    const second = (await call(p, s.adminA, 'POST', '/api/classes', classBody({ name: '电工（五级）第4期' }))).body
      .class.id;
    await enrol(first, ids.learnerA2);
    await enrol(second, ids.learnerA2);
    const detail = (await call(p, s.adminA, 'GET', `/api/classes/${second}`)).body.class;
    expect(detail.prechecks.find((i: any) => i.key === 'no_overlap')).toMatchObject({
      passed: false,
      figures: { learners: [{ name: '王芳', className: '电工（五级）第3期' }] },
    });
  });

  it('flags overdue applications and lets a rejection end the application for good', async () => {
    const klass = (
      await call(
        p,
        s.adminA,
        'POST',
        '/api/classes',
        classBody({
          name: '电工（五级）第5期',
          startDate: day(30),
          endDate: day(90),
          sessions: [
            {
              ...classBody().sessions[0],
              startsAt: `${day(40)}T00:00:00.000Z`,
              endsAt: new Date(Date.parse(`${day(40)}T00:00:00.000Z`) + plan.offline * 45 * 60_000).toISOString(),
            },
          ],
        }),
      )
    ).body.class;
    await enrol(klass.id, await userId('13800000003'));
    const submitted = await call(p, s.adminA, 'POST', `/api/classes/${klass.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body.error?.details)).toBe(200);
    const queued = async () =>
      (await call(p, s.xihu, 'GET', '/api/classes/review-queue')).body.items.find((c: any) => c.id === klass.id);
    expect((await queued()).overdue).toBe(false);
    p.clock.advance(6 * 86_400_000); // past three working days whatever the weekday
    s.xihu = await login(p, DEMO.xihuRegulator);
    s.adminA = await login(p, DEMO.adminA);
    expect((await queued()).overdue).toBe(true);
    const rejected = await call(p, s.xihu, 'POST', `/api/classes/${klass.id}/reject`, {
      comment: '实训场地不符合要求',
    });
    expect(rejected.body.class.status).toBe('rejected');
    expect(rejected.body.class.actions).toEqual([]);
    expect((await call(p, s.adminA, 'PUT', `/api/classes/${klass.id}`, classBody())).body.error.code).toBe(
      'CLASS_ILLEGAL_TRANSITION',
    );
  });
});

describe('teacher qualifications', () => {
  it('are recorded by the institution, withdrawn by a regulator of the region, and decide the teachers pre-check', async () => {
    // The clock moved on in the tests above: fresh sessions.
    for (const [key, phone] of [
      ['adminA', DEMO.adminA],
      ['adminB', DEMO.adminB],
      ['teacherA', DEMO.teacherA],
      ['xihu', DEMO.xihuRegulator],
      ['haishu', DEMO.haishuRegulator],
    ] as const) {
      s[key] = await login(p, phone);
    }
    expect(
      (
        await call(p, s.adminB, 'POST', `/api/teachers/${ids.teacherA}/qualifications`, {
          occupationCode: '6-31-01-03',
          level: 3,
          certificateNo: 'X0001',
          validUntil: null,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(p, s.teacherA, 'POST', `/api/teachers/${ids.teacherA}/qualifications`, {
          occupationCode: '6-31-01-03',
          level: 1,
          certificateNo: 'X0002',
          validUntil: null,
        })
      ).status,
    ).toBe(403);
    const [qualification] = (await call(p, s.xihu, 'GET', `/api/teachers/${ids.teacherA}/qualifications`)).body.items;
    expect(qualification).toMatchObject({
      occupationCode: '6-31-01-03',
      occupationName: '电工',
      level: 3,
      status: 'valid',
    });

    const klass = (await call(p, s.adminA, 'POST', '/api/classes', classBody({ name: '电工（五级）第6期' }))).body
      .class;
    expect(failing(klass.prechecks)).toEqual(['learners:none']);
    expect(
      (
        await call(p, s.haishu, 'POST', `/api/teacher-qualifications/${qualification.id}/disqualify`, {
          reason: '越权',
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(p, s.xihu, 'POST', `/api/teacher-qualifications/${qualification.id}/disqualify`, { reason: '' })).body
        .error.code,
    ).toBe('CLASS_REASON_REQUIRED');
    expect(
      (
        await call(p, s.xihu, 'POST', `/api/teacher-qualifications/${qualification.id}/disqualify`, {
          reason: '证书查验不实',
        })
      ).status,
    ).toBe(200);
    const after = (await call(p, s.adminA, 'GET', `/api/classes/${klass.id}`)).body.class;
    expect(failing(after.prechecks)).toEqual(['teachers:unqualified', 'learners:none']);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', ids.teacherA)
      .where('action', 'like', 'teacher.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['teacher.qualification_added', 'teacher.disqualified']);
    expect(JSON.parse(audit[1].details)).toMatchObject({ reason: '证书查验不实' });
  });
});
