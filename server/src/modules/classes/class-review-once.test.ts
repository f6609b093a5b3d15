import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { prepareClassWorld, topUpSession, userId, type ClassWorld } from './classes.testkit.js';

// Submitting a class and deciding on it answer with the class's detail. That answer is built from what the write
// computed (pre-checks, course hours, the policy), not computed again after the commit: each learner's ID number is
// decrypted once per request, each course's hours read once, the policy resolved once.

let p: TestPlatform;
let world: ClassWorld;
const learners: string[] = [];
beforeAll(async () => {
  p = await createTestPlatform();
  world = await prepareClassWorld(p);
  learners.push(await userId(p, '13800000001'), await userId(p, '13800000002'), await userId(p, '13800000003'));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await p?.drop();
});

describe('class submission and review', () => {
  it('computes the pre-checks, course hours and policy once per request and answers with them', async () => {
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    const adminA = await login(p, DEMO.adminA);
    const xihu = await login(p, DEMO.xihuRegulator);
    const created = await call(p, adminA, 'POST', '/api/classes', {
      name: '电工（五级）复核计数班',
      occupationCode: '6-31-01-03',
      level: 5,
      startDate: day(1),
      endDate: day(30),
      offlineHours: world.plan.offline,
      assessmentPlan: '理论考试 + 实操考核',
      selfEnrol: false,
      capacity: 50,
      courseIds: world.courseIds,
      teacherIds: [world.teacherId],
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, { latitude: 30.2741, longitude: 120.1551 }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const classId: string = created.body.class.id;
    await p.services.infra.db
      .insertInto('enrolments')
      .values(
        learners.map((user_id) => ({
          id: newId(),
          class_id: classId,
          user_id,
          status: 'enrolled' as const,
          source: 'manual' as const,
          created_by: null,
          created_at: p.clock.now().toISOString(),
        })),
      )
      .execute();

    const decrypt = vi.spyOn(p.services.infra.cipher, 'decrypt');
    const hours = vi.spyOn(p.services.courses, 'hoursUnder');
    const effective = vi.spyOn(p.services.policies, 'effective');
    const atVersions = vi.spyOn(p.services.policies, 'atVersions');
    const counts = () => ({
      decrypted: decrypt.mock.calls.length,
      courseHours: hours.mock.calls.length,
      policies: effective.mock.calls.length + atVersions.mock.calls.length,
    });
    const once = { decrypted: learners.length, courseHours: world.courseIds.length, policies: 1 };

    const submitted = await call(p, adminA, 'POST', `/api/classes/${classId}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body.error?.details)).toBe(200);
    expect(counts()).toEqual(once);
    expect(submitted.body.class).toMatchObject({ status: 'submitted', policyRefs: null, actions: [] });
    expect(submitted.body.class.prechecks.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(submitted.body.class.courses).toHaveLength(world.courseIds.length);

    vi.clearAllMocks();
    const approved = await call(p, xihu, 'POST', `/api/classes/${classId}/approve`, { comment: '同意开班' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(counts()).toEqual(once);
    // The answer equals the detail read afresh.
    const fresh = await call(p, xihu, 'GET', `/api/classes/${classId}`);
    expect(approved.body.class).toEqual(fresh.body.class);
    expect(approved.body.class.policyRefs).toMatchObject({ national: expect.any(Object) });
  });
});
