import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { userId } from '../classes/classes.testkit.js';

// The teachers page's API: teachers listed in scope with their qualifications, the kind of certificate, and a
// withdrawal that keeps its reason, time and regulator; on the configured dialect.

let p: TestPlatform;
const s = {} as Record<
  'adminA' | 'adminB' | 'teacherA' | 'xihu' | 'hangzhou' | 'ningbo' | 'province' | 'operator',
  Session
>;
const ids = { teacherA: '', teacherB: '' };

beforeAll(async () => {
  p = await createTestPlatform();
  for (const [key, phone] of [
    ['adminA', DEMO.adminA],
    ['adminB', DEMO.adminB],
    ['teacherA', DEMO.teacherA],
    ['xihu', DEMO.xihuRegulator],
    ['hangzhou', DEMO.hangzhouRegulator],
    ['ningbo', DEMO.ningboRegulator],
    ['province', DEMO.provinceRegulator],
    ['operator', DEMO.operator],
  ] as const) {
    s[key] = await login(p, phone);
  }
  ids.teacherA = await userId(p, DEMO.teacherA);
  ids.teacherB = await userId(p, DEMO.teacherB);
});
afterAll(async () => {
  await p?.drop();
});

const listed = async (session: Session, query = '') => {
  const res = await call(p, session, 'GET', `/api/teachers${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: any[]; total: number };
};

describe('teachers and their qualifications', () => {
  it('lists the teachers in scope: own institution, region subtree, or all', async () => {
    expect((await listed(s.adminA)).items.map((t) => t.id)).toEqual([ids.teacherA]);
    expect((await listed(s.adminB)).items.map((t) => t.id)).toEqual([ids.teacherB]);
    expect((await listed(s.xihu)).items.map((t) => t.id)).toEqual([ids.teacherA]);
    expect((await listed(s.hangzhou)).items.map((t) => t.id)).toEqual([ids.teacherA]);
    expect((await listed(s.ningbo)).items.map((t) => t.id)).toEqual([ids.teacherB]);
    expect((await listed(s.province)).total).toBe(2);
    expect((await listed(s.operator)).total).toBe(2);
    const [a] = (await listed(s.adminA)).items;
    expect(a).toMatchObject({
      name: '韩立新',
      institutionName: '杭州西湖职业技能培训学校',
      status: 'active',
      qualifications: [],
    });
    expect(a.phoneMasked).toMatch(/^139\*{4}\d{4}$/);
    // Filters, and an institution outside a regulator's subtree gives nothing rather than an error.
    expect((await listed(s.province, '?q=立新')).items.map((t) => t.id)).toEqual([ids.teacherA]);
    expect((await listed(s.province, `?institutionId=${a.institutionId}`)).total).toBe(1);
    expect((await listed(s.ningbo, `?institutionId=${a.institutionId}`)).total).toBe(0);
    expect((await call(p, s.teacherA, 'GET', '/api/teachers')).status).toBe(403);
    expect((await call(p, await login(p, DEMO.learnerA), 'GET', '/api/teachers')).status).toBe(403);
  });

  it('records a qualification with its certificate kind and shows it to the regulators above', async () => {
    const added = await call(p, s.adminA, 'POST', `/api/teachers/${ids.teacherA}/qualifications`, {
      certificateKind: 'skill_level',
      occupationCode: '6-31-01-03',
      level: 3,
      certificateNo: 'Y330106000123',
      validUntil: '2030-12-31',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.items[0]).toMatchObject({
      certificateKind: 'skill_level',
      occupationName: '电工',
      level: 3,
      certificateNo: 'Y330106000123',
      validUntil: '2030-12-31',
      status: 'valid',
      expired: false,
      disqualifiedAt: null,
      disqualifiedReason: null,
      disqualifiedByName: null,
    });
    // Without a kind, a vocational qualification certificate; an expired one is flagged as such. Newest first.
    p.clock.advance(1000);
    const old = await call(p, s.adminA, 'POST', `/api/teachers/${ids.teacherA}/qualifications`, {
      occupationCode: '6-31-01-03',
      level: 4,
      certificateNo: 'OLD-0001',
      validUntil: '2001-01-31',
    });
    expect(old.body.items.find((q: any) => q.certificateNo === 'OLD-0001')).toMatchObject({
      certificateKind: 'vocational_qualification',
      expired: true,
      status: 'valid',
    });
    const unknownKind = await call(p, s.adminA, 'POST', `/api/teachers/${ids.teacherA}/qualifications`, {
      certificateKind: 'diploma',
      occupationCode: '6-31-01-03',
      level: 4,
      certificateNo: 'X-0001',
      validUntil: null,
    });
    expect(unknownKind.status).toBe(400);
    const [teacher] = (await listed(s.hangzhou)).items;
    expect(teacher.qualifications.map((q: any) => q.certificateNo)).toEqual(['OLD-0001', 'Y330106000123']);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('target_id', '=', ids.teacherA)
      .where('action', '=', 'teacher.qualification_added')
      .orderBy('seq')
      .execute();
    expect(JSON.parse(audit[0].details)).toMatchObject({
      certificateKind: 'skill_level',
      occupationCode: '6-31-01-03',
      level: 3,
    });
  });

  it('keeps the reason, time and regulator of a withdrawal, once', async () => {
    const [teacher] = (await listed(s.xihu)).items;
    const q = teacher.qualifications.find((x: any) => x.certificateNo === 'Y330106000123');
    expect(
      (await call(p, s.ningbo, 'POST', `/api/teacher-qualifications/${q.id}/disqualify`, { reason: '越权撤销' }))
        .status,
    ).toBe(404);
    expect(
      (await call(p, s.adminA, 'POST', `/api/teacher-qualifications/${q.id}/disqualify`, { reason: '自行撤销' }))
        .status,
    ).toBe(403);
    p.clock.advance(60_000);
    expect(
      (
        await call(p, s.xihu, 'POST', `/api/teacher-qualifications/${q.id}/disqualify`, {
          reason: '  组织学员刷课，撤销其教学资格  ',
        })
      ).status,
    ).toBe(200);
    const again = await call(p, s.province, 'POST', `/api/teacher-qualifications/${q.id}/disqualify`, {
      reason: '重复撤销',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TEACHER_ALREADY_DISQUALIFIED');
    const after = (await listed(s.adminA)).items[0].qualifications.find((x: any) => x.id === q.id);
    expect(after).toMatchObject({
      status: 'disqualified',
      disqualifiedReason: '组织学员刷课，撤销其教学资格',
      disqualifiedAt: p.clock.now().toISOString(),
      disqualifiedByName: '汪海燕',
    });
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', ids.teacherA)
      .where('action', '=', 'teacher.disqualified')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details).reason)).toEqual(['组织学员刷课，撤销其教学资格']);
  });
});
