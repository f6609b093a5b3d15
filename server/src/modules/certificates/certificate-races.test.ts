import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { parseCertificateNumber } from './certificate-number.js';
import { FakeAssessments, FakeOnlineCredit, useFakes } from './certificates.testkit.js';

// Two issuing runs for one class at once (meant for PostgreSQL, where they really run at once: a re-issue racing
// another, or the close's run racing a re-issue): exactly one certificate per eligible learner, and the serials taken
// are exactly the certificates issued — unique and without gaps, because the second run waits on the class row and
// then sees the first run's certificates.

let p: TestPlatform;
let classId = '';
const learners: string[] = [];

beforeAll(async () => {
  p = await createTestPlatform();
  const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
  for (let i = 1; i <= 6; i++) learners.push(await userId(p, `138000000${String(i).padStart(2, '0')}`));
  const world = await prepareClassWorld(p);
  const venue = { latitude: 30.2741, longitude: 120.1551 };
  const klass = await openApprovedClass(p, world, {
    name: '电工（五级）并发发证班',
    startDate: day(7),
    endDate: day(20),
    sessions: topUpSession(world, [], `${day(10)}T00:00:00.000Z`, venue),
    learnerIds: learners,
  });
  classId = klass.id;
  const lessons = await p.database.db
    .selectFrom('lessons')
    .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
    .select('lessons.id')
    .where('class_courses.class_id', '=', classId)
    .execute();
  const online = new FakeOnlineCredit(lessons.length);
  const assessments = new FakeAssessments();
  useFakes(p, { assessments, online });
  const session = klass.sessions[0];
  const minutes = world.plan.offline * 45;
  // Five learners complete everything; the sixth never took the practical assessment (refused).
  for (const [i, user] of learners.entries()) {
    online.seconds.set(user, world.plan.online * 45 * 60);
    await p.database.db
      .insertInto('attendance')
      .values({
        id: newId(),
        class_id: classId,
        session_id: session.id,
        user_id: user,
        check_in_at: session.startsAt,
        check_in_latitude: venue.latitude,
        check_in_longitude: venue.longitude,
        check_in_photo_key: 'attendance/test/in.jpg.enc',
        check_out_at: new Date(Date.parse(session.startsAt) + minutes * 60_000).toISOString(),
        check_out_latitude: venue.latitude,
        check_out_longitude: venue.longitude,
        check_out_photo_key: 'attendance/test/out.jpg.enc',
        minutes,
      })
      .execute();
    assessments.set(classId, user, i === 5 ? { practicalScore: null, practicalPassed: false } : {});
  }
  // Closed without its run (as when a late result makes the institution issue again): both runs below race for it.
  await p.database.db.updateTable('classes').set({ status: 'closed' }).where('id', '=', classId).execute();
});
afterAll(async () => {
  await p?.drop();
});

describe('two issuing runs for one class at once', () => {
  it('issue one certificate per eligible learner with unique serials and none wasted', async () => {
    const admins = [await login(p, DEMO.adminA), await login(p, DEMO.adminA)];
    const runs = await Promise.all(
      admins.map((admin) => call(p, admin, 'POST', `/api/classes/${classId}/certificates/issue`)),
    );
    expect(runs.map((r) => r.status)).toEqual([200, 200]);

    const rows = await p.database.db
      .selectFrom('certificates')
      .select(['user_id', 'number'])
      .where('class_id', '=', classId)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual(learners.slice(0, 5).sort());
    const serials = rows.map((r) => parseCertificateNumber(r.number)!.serial).sort((a, b) => a - b);
    expect(serials).toEqual([1, 2, 3, 4, 5]);
    const counters = await p.database.db
      .selectFrom('certificate_counters')
      .select(['key', 'last'])
      .where('key', 'like', 'serial:%')
      .execute();
    expect(counters.map((c) => Number(c.last))).toEqual([5]);
    const refusals = await p.database.db
      .selectFrom('certificate_refusals')
      .select('user_id')
      .where('class_id', '=', classId)
      .execute();
    expect(refusals.map((r) => r.user_id)).toEqual([learners[5]]);
  });
});
