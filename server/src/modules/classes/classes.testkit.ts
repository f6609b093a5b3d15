import { expect } from 'vitest';
import type { Platform } from '../../bootstrap.js';
import { newId } from '../../platform/ids.js';
import { call, DEMO, login, type Session } from '../../testing/platform.js';
import { makeDemoPdf } from '../media/index.js';

// Test helpers for an approved class set up the way users do it, through the API: published courses (the mandatory
// general modules and a trade course), a qualified teacher, the class with its offline sessions, its roster,
// submission and approval by the district regulator. The setup mirrors classes.test.ts.

export type SessionBody = {
  title: string;
  venueName: string;
  address: string;
  latitude: number;
  longitude: number;
  startsAt: string;
  endsAt: string;
};
export type ClassWorld = {
  /** Hours meeting the electrician level-5 standard exactly at the online cap. */
  plan: { online: number; offline: number; minHours: number };
  courseIds: string[];
  teacherId: string;
};

export const userId = async (p: Platform, phone: string): Promise<string> =>
  (
    await p.services.infra.db
      .selectFrom('users')
      .select('id')
      .where('phone_hash', '=', p.services.infra.cipher.lookupHash('phone', phone))
      .executeTakeFirstOrThrow()
  ).id;

async function uploadPdf(p: Platform, session: Session, name: string): Promise<string> {
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
export async function publishedCourse(
  p: Platform,
  session: Session,
  fields: { title: string } & Record<string, unknown>,
  minutes: number,
): Promise<string> {
  const course = (await call(p, session, 'POST', '/api/courses', { summary: '', ...fields })).body.course;
  const chapter = (await call(p, session, 'POST', `/api/courses/${course.id}/chapters`, { title: '第一章' })).body;
  const mediaId = await uploadPdf(p, session, `${fields.title}.pdf`);
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

/** Courses and a qualified teacher of institution A, enough for an electrician level-5 class to pass its pre-checks. */
export async function prepareClassWorld(p: Platform): Promise<ClassWorld> {
  const operator = await login(p, DEMO.operator);
  const adminA = await login(p, DEMO.adminA);
  const standard = (await call(p, null, 'GET', '/api/catalog/occupations/6-31-01-03')).body.occupation.standards.find(
    (x: any) => x.level === 5,
  );
  const cap = Math.min(0.5, standard.maxOnlinePercent / 100);
  const online = Math.floor(standard.minHours * cap);
  const plan = { online, offline: standard.minHours - online, minHours: standard.minHours };
  const courseIds: string[] = [];
  for (const code of [
    'GEN-LAW',
    'GEN-PRODUCTION-SAFETY',
    'GEN-FIRE-SAFETY',
    'GEN-DRUG-AIDS',
    'GEN-WOMEN-CHILDREN-RIGHTS',
  ]) {
    courseIds.push(await publishedCourse(p, operator, { title: `通用 ${code}`, generalModuleCode: code }, 45));
  }
  courseIds.push(
    await publishedCourse(
      p,
      adminA,
      { title: '电工基础理论', occupationCode: '6-31-01-03', level: 5 },
      (online - 5) * 45,
    ),
  );
  const teacherId = await userId(p, DEMO.teacherA);
  await p.services.infra.db
    .insertInto('teacher_qualifications')
    .values({
      id: newId(),
      user_id: teacherId,
      occupation_code: '6-31-01-03',
      level: 3,
      certificate_no: 'S000033010600001',
      valid_until: '2035-12-31',
      status: 'valid',
      created_at: p.services.infra.clock.now().toISOString(),
    })
    .execute();
  return { plan, courseIds, teacherId };
}

/** A session making up the offline hours the given sessions leave uncovered (45-minute class hours), or none. */
export function topUpSession(
  world: ClassWorld,
  sessions: SessionBody[],
  startsAt: string,
  venue: Pick<SessionBody, 'latitude' | 'longitude'>,
): SessionBody[] {
  const have = sessions.reduce((sum, s) => sum + (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000, 0);
  const missing = world.plan.offline * 45 - have;
  if (missing <= 0) return [];
  return [
    {
      title: '综合实训',
      venueName: '西湖实训基地',
      address: '杭州市西湖区文三路 1 号',
      ...venue,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + missing * 60_000).toISOString(),
    },
  ];
}

/** Creates, staffs, enrols, submits and approves a class of institution A; returns its detail as the admin sees it. */
export async function openApprovedClass(
  p: Platform,
  world: ClassWorld,
  input: { name: string; startDate: string; endDate: string; sessions: SessionBody[]; learnerIds: string[] },
) {
  const adminA = await login(p, DEMO.adminA);
  const xihu = await login(p, DEMO.xihuRegulator);
  const created = await call(p, adminA, 'POST', '/api/classes', {
    name: input.name,
    occupationCode: '6-31-01-03',
    level: 5,
    startDate: input.startDate,
    endDate: input.endDate,
    offlineHours: world.plan.offline,
    assessmentPlan: '理论考试 + 实操考核',
    selfEnrol: false,
    capacity: 50,
    courseIds: world.courseIds,
    teacherIds: [world.teacherId],
    sessions: input.sessions,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const classId: string = created.body.class.id;
  const now = p.services.infra.clock.now().toISOString();
  if (input.learnerIds.length) {
    await p.services.infra.db
      .insertInto('enrolments')
      .values(
        input.learnerIds.map((user_id) => ({
          id: newId(),
          class_id: classId,
          user_id,
          status: 'enrolled' as const,
          source: 'manual' as const,
          created_by: null,
          created_at: now,
        })),
      )
      .execute();
  }
  const submitted = await call(p, adminA, 'POST', `/api/classes/${classId}/submit`);
  expect(submitted.status, JSON.stringify(submitted.body.error?.details)).toBe(200);
  const approved = await call(p, xihu, 'POST', `/api/classes/${classId}/approve`, { comment: '同意开班' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body.class as { id: string; sessions: (SessionBody & { id: string })[] };
}
