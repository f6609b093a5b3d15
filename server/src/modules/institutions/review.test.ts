import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestPlatform,
  DEMO,
  login,
  nextIp,
  type Session,
  type TestPlatform,
} from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, userId } from '../classes/classes.testkit.js';
import { makeDemoPdf } from '../media/index.js';
import { applicationBody, makeTestPng, type ApplicationBody } from './institutions.testkit.js';

// Review of institution applications by the region subtree, decisions with reasons, suspension and what it stops,
// on the configured dialect.

let p: TestPlatform;
const s = {} as Record<'operator' | 'province' | 'hangzhou' | 'ningbo' | 'xihu' | 'haishu' | 'adminA', Session>;

type Applicant = { id: string; session: Session; body: ApplicationBody };

async function upload(session: Session, institutionId: string, kind: string, name: string, payload: Buffer) {
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/institutions/${institutionId}/documents?kind=${kind}&name=${encodeURIComponent(name)}`,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** Registers, uploads the documents its kind needs and submits. */
async function submittedApplication(regionCode: string, kind: 'training' | 'enterprise'): Promise<Applicant> {
  const body = applicationBody(regionCode, {
    institution: {
      kind,
      name: kind === 'training' ? `${regionCode} 职业培训学校 ${Date.now() % 1000}` : `${regionCode} 电器有限公司`,
    },
  });
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/institution-applications',
    payload: body,
    remoteAddress: nextIp(),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().institution.id as string;
  const session = await login(p, body.admin.phone, body.admin.password);
  await upload(session, id, 'business_licence', '营业执照.pdf', await makeDemoPdf({ title: 'licence', pages: 1 }));
  if (kind === 'training') await upload(session, id, 'school_permit', '办学许可证.png', makeTestPng());
  expect((await call(p, session, 'POST', `/api/institutions/${id}/submit`)).status).toBe(200);
  return { id, session, body };
}

const queueIds = async (session: Session) =>
  (await call(p, session, 'GET', '/api/institutions/review-queue')).body.items.map((i: any) => i.id);

let xihuApp: Applicant;
let haishuApp: Applicant;

beforeAll(async () => {
  p = await createTestPlatform();
  s.operator = await login(p, DEMO.operator);
  s.province = await login(p, DEMO.provinceRegulator);
  s.hangzhou = await login(p, DEMO.hangzhouRegulator);
  s.ningbo = await login(p, DEMO.ningboRegulator);
  s.xihu = await login(p, DEMO.xihuRegulator);
  s.haishu = await login(p, DEMO.haishuRegulator);
  s.adminA = await login(p, DEMO.adminA);
  xihuApp = await submittedApplication('330106', 'training');
  p.clock.advance(3600_000);
  haishuApp = await submittedApplication('330203', 'enterprise');
});
afterAll(async () => {
  await p?.drop();
});

describe('the review queue and the review', () => {
  it('belong to the regulators of the region subtree; the operator sees all', async () => {
    expect(await queueIds(s.xihu)).toEqual([xihuApp.id]);
    expect(await queueIds(s.hangzhou)).toEqual([xihuApp.id]);
    expect(await queueIds(s.haishu)).toEqual([haishuApp.id]);
    expect(await queueIds(s.ningbo)).toEqual([haishuApp.id]);
    // Oldest deadline first.
    expect(await queueIds(s.province)).toEqual([xihuApp.id, haishuApp.id]);
    expect(await queueIds(s.operator)).toEqual([xihuApp.id, haishuApp.id]);
    expect((await call(p, s.adminA, 'GET', '/api/institutions/review-queue')).body.error.code).toBe('FORBIDDEN');

    expect((await call(p, s.xihu, 'GET', `/api/institutions/${xihuApp.id}/application`)).status).toBe(200);
    expect((await call(p, s.hangzhou, 'GET', `/api/institutions/${xihuApp.id}/application`)).status).toBe(200);
    for (const outsider of [s.ningbo, s.haishu]) {
      expect((await call(p, outsider, 'GET', `/api/institutions/${xihuApp.id}/application`)).status).toBe(404);
      expect(
        (await call(p, outsider, 'POST', `/api/institutions/${xihuApp.id}/approve`, { comment: '同意入驻' })).status,
      ).toBe(404);
      const doc = (await call(p, s.xihu, 'GET', `/api/institutions/${xihuApp.id}/application`)).body.application
        .documents[0];
      expect((await call(p, outsider, 'GET', doc.url)).status).toBe(404);
    }
    // Operators watch and suspend; deciding an application is the regulators'.
    expect(
      (await call(p, s.operator, 'POST', `/api/institutions/${xihuApp.id}/approve`, { comment: '同意入驻' })).body.error
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (await call(p, xihuApp.session, 'POST', `/api/institutions/${xihuApp.id}/approve`, { comment: '同意入驻' })).body
        .error.code,
    ).toBe('FORBIDDEN');
  });

  it('flags applications past their working-day deadline', async () => {
    const item = (await call(p, s.xihu, 'GET', '/api/institutions/review-queue')).body.items[0];
    expect(item.overdue).toBe(false);
    const late = Date.parse(item.reviewDueAt) + 60_000 - p.clock.now().getTime();
    p.clock.advance(late);
    try {
      // A fresh session: the others would lapse if used after the idle timeout the clock has just jumped.
      const regulator = await login(p, DEMO.xihuRegulator);
      expect((await call(p, regulator, 'GET', '/api/institutions/review-queue')).body.items[0]).toMatchObject({
        id: xihuApp.id,
        overdue: true,
      });
    } finally {
      p.clock.advance(-late);
    }
  });

  it('needs a comment for every decision, keeps the history and lets a returned application come back', async () => {
    for (const decision of ['approve', 'return', 'reject']) {
      const res = await call(p, s.xihu, 'POST', `/api/institutions/${xihuApp.id}/${decision}`, { comment: ' ' });
      expect(res.body.error).toMatchObject({ code: 'INSTITUTION_REASON_REQUIRED', field: 'comment' });
    }
    expect(
      (await call(p, s.xihu, 'POST', `/api/institutions/${xihuApp.id}/approve`, { comment: '同意', note: 'x' })).body
        .error,
    ).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'note' });

    const returned = await call(p, s.xihu, 'POST', `/api/institutions/${xihuApp.id}/return`, {
      comment: '办学许可证扫描件不清晰，请重新上传',
    });
    expect(returned.body.application).toMatchObject({
      status: 'returned',
      statusReason: '办学许可证扫描件不清晰，请重新上传',
    });
    expect(await queueIds(s.xihu)).toEqual([]);
    // The institution sees why, fixes it and submits again.
    const own = (await call(p, xihuApp.session, 'GET', `/api/institutions/${xihuApp.id}/application`)).body.application;
    expect(own).toMatchObject({ status: 'returned', actions: ['edit', 'submit'] });
    expect(own.reviews.at(-1)).toMatchObject({ action: 'returned', comment: '办学许可证扫描件不清晰，请重新上传' });
    const permit = own.documents.find((d: any) => d.kind === 'school_permit');
    expect(
      (await call(p, xihuApp.session, 'DELETE', `/api/institutions/${xihuApp.id}/documents/${permit.id}`)).status,
    ).toBe(204);
    await upload(xihuApp.session, xihuApp.id, 'school_permit', '办学许可证（清晰）.png', makeTestPng(320, 240));
    expect(
      (await call(p, xihuApp.session, 'POST', `/api/institutions/${xihuApp.id}/submit`)).body.application.status,
    ).toBe('submitted');

    // A city regulator decides for its districts.
    const approved = await call(p, s.hangzhou, 'POST', `/api/institutions/${xihuApp.id}/approve`, {
      comment: '材料齐全，同意入驻',
    });
    expect(approved.body.application).toMatchObject({
      status: 'active',
      statusReason: '材料齐全，同意入驻',
      actions: ['suspend'],
    });
    expect(approved.body.application.reviews.map((r: any) => r.action)).toEqual([
      'submitted',
      'returned',
      'submitted',
      'approved',
    ]);
    // Decided is decided.
    expect(
      (await call(p, s.xihu, 'POST', `/api/institutions/${xihuApp.id}/reject`, { comment: '重复审批' })).body.error
        .code,
    ).toBe('INSTITUTION_ILLEGAL_TRANSITION');
    // An active institution works.
    const course = await call(p, xihuApp.session, 'POST', '/api/courses', { title: '电工基础', summary: '' });
    expect(course.status, JSON.stringify(course.body)).toBe(201);

    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', xihuApp.id)
      .where('action', 'in', ['institution.submitted', 'institution.returned', 'institution.approved'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'institution.submitted', actor_id: xihuApp.session.userId },
      { action: 'institution.returned', actor_id: s.xihu.userId },
      { action: 'institution.submitted', actor_id: xihuApp.session.userId },
      { action: 'institution.approved', actor_id: s.hangzhou.userId },
    ]);
  });

  it('makes a rejection final', async () => {
    const rejected = await call(p, s.ningbo, 'POST', `/api/institutions/${haishuApp.id}/reject`, {
      comment: '经营范围不含职业技能培训',
    });
    expect(rejected.body.application).toMatchObject({ status: 'rejected', actions: [] });
    expect((await call(p, haishuApp.session, 'POST', `/api/institutions/${haishuApp.id}/submit`)).body.error.code).toBe(
      'INSTITUTION_ILLEGAL_TRANSITION',
    );
    expect(
      (await call(p, haishuApp.session, 'POST', '/api/courses', { title: '电工基础', summary: '' })).body.error,
    ).toMatchObject({ code: 'INSTITUTION_NOT_ACTIVE', details: { status: 'rejected' } });
    expect(
      (await call(p, haishuApp.session, 'GET', `/api/institutions/${haishuApp.id}/application`)).body.application
        .statusReason,
    ).toBe('经营范围不含职业技能培训');
  });
});

describe('the institutions list', () => {
  it("filters by status and keeps drafts out of the regulators' view", async () => {
    const draft = await p.app.inject({
      method: 'POST',
      url: '/api/institution-applications',
      payload: applicationBody('330106'),
      remoteAddress: nextIp(),
    });
    const draftId = draft.json().institution.id;
    const xihuList = (await call(p, s.xihu, 'GET', '/api/institutions')).body.items.map((i: any) => i.id);
    expect(xihuList).toContain(xihuApp.id);
    expect(xihuList).not.toContain(draftId);
    expect(xihuList).not.toContain(haishuApp.id);
    expect(
      (await call(p, s.operator, 'GET', '/api/institutions?status=draft')).body.items.map((i: any) => i.id),
    ).toContain(draftId);
    expect(
      (await call(p, s.ningbo, 'GET', '/api/institutions?status=rejected')).body.items.map((i: any) => i.id),
    ).toEqual([haishuApp.id]);
    expect((await call(p, s.xihu, 'GET', '/api/institutions?status=suspended')).body.items).toEqual([]);
    expect((await call(p, s.xihu, 'GET', '/api/institutions?status=closed')).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'status',
    });
  });
});

describe('suspension', () => {
  it('needs a reason, stays in the region subtree, stops institution work and learning until reinstated', async () => {
    // An approved class of the demo institution A with a learner, inside its period.
    const world = await prepareClassWorld(p);
    const learner = await userId(p, DEMO.learnerA);
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    const start = `${day(10)}T00:00:00.000Z`;
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）暂停测试班',
      startDate: day(7),
      endDate: day(60),
      learnerIds: [learner],
      sessions: [
        {
          title: '配电实训',
          venueName: '西湖实训基地',
          address: '杭州市西湖区文三路 1 号',
          latitude: 30.2741,
          longitude: 120.1551,
          startsAt: start,
          endsAt: new Date(Date.parse(start) + world.plan.offline * 45 * 60_000).toISOString(),
        },
      ],
    });
    const institutionA = (await call(p, s.adminA, 'GET', '/api/auth/me')).body.user.institutionId as string;
    const gate = () => p.services.classes.learningAllowed(learner, klass.id);
    p.clock.advance(8 * 86_400_000);
    try {
      // Fresh sessions inside the class period (the earlier ones have been idle for days of the test clock).
      for (const [key, phone] of [
        ['adminA', DEMO.adminA],
        ['xihu', DEMO.xihuRegulator],
        ['haishu', DEMO.haishuRegulator],
        ['operator', DEMO.operator],
      ] as const) {
        s[key] = await login(p, phone);
      }
      expect(await gate()).toEqual({ allowed: true, reason: 'ok' });

      expect(
        (await call(p, s.haishu, 'POST', `/api/institutions/${institutionA}/suspend`, { reason: '虚假宣传' })).status,
      ).toBe(404);
      expect(
        (await call(p, s.xihu, 'POST', `/api/institutions/${institutionA}/suspend`, { reason: '' })).body.error,
      ).toMatchObject({ code: 'INSTITUTION_REASON_REQUIRED', field: 'reason' });
      expect(
        (await call(p, s.adminA, 'POST', `/api/institutions/${institutionA}/suspend`, { reason: '自行暂停' })).body
          .error.code,
      ).toBe('FORBIDDEN');
      const suspended = await call(p, s.xihu, 'POST', `/api/institutions/${institutionA}/suspend`, {
        reason: '组织学员代学刷课，暂停招生待查',
      });
      expect(suspended.body.application).toMatchObject({
        status: 'suspended',
        statusReason: '组织学员代学刷课，暂停招生待查',
        actions: ['reinstate'],
      });
      expect(
        (await call(p, s.xihu, 'POST', `/api/institutions/${institutionA}/suspend`, { reason: '再次暂停' })).body.error
          .code,
      ).toBe('INSTITUTION_ILLEGAL_TRANSITION');

      expect(await gate()).toEqual({ allowed: false, reason: 'institution_suspended' });
      expect(
        (await call(p, s.adminA, 'POST', '/api/courses', { title: '暂停期间的新课程', summary: '' })).body.error,
      ).toMatchObject({ code: 'INSTITUTION_NOT_ACTIVE', details: { status: 'suspended' } });
      expect((await call(p, s.adminA, 'POST', `/api/classes/${klass.id}/close`)).body.error.code).toBe(
        'INSTITUTION_NOT_ACTIVE',
      );
      expect(
        (await call(p, s.adminA, 'DELETE', `/api/classes/${klass.id}/enrolments/${learner}`)).body.error.code,
      ).toBe('INSTITUTION_NOT_ACTIVE');
      expect(
        (await call(p, s.xihu, 'GET', '/api/institutions?status=suspended')).body.items.map((i: any) => i.id),
      ).toEqual([institutionA]);

      const reinstated = await call(p, s.operator, 'POST', `/api/institutions/${institutionA}/reinstate`, {
        reason: '整改完成，恢复',
      });
      expect(reinstated.body.application).toMatchObject({ status: 'active', statusReason: '整改完成，恢复' });
      expect(await gate()).toEqual({ allowed: true, reason: 'ok' });
      expect((await call(p, s.adminA, 'POST', '/api/courses', { title: '恢复后的新课程', summary: '' })).status).toBe(
        201,
      );

      const audit = await p.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'details'])
        .where('target_id', '=', institutionA)
        .where('action', 'like', 'institution.%')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
        ['institution.suspended', s.xihu.userId],
        ['institution.reinstated', s.operator.userId],
      ]);
      expect(JSON.parse(audit[0].details)).toMatchObject({
        from: 'active',
        to: 'suspended',
        reason: '组织学员代学刷课，暂停招生待查',
      });
    } finally {
      p.clock.advance(-8 * 86_400_000);
    }
  });
});
