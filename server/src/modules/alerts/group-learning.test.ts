import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession } from '../classes/classes.testkit.js';
import { LearningService } from '../learning/index.js';
import { createTestPlatform, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { LEARNER_DELAY_SECONDS, LEARNER_JOB } from './detection.service.js';

// Issue 14, item 4: ten accounts of one institution learning at once from one public address that is not one of its
// declared training rooms raise a group-learning alert as their records arrive (the learner job, seconds after the
// start), not in an hourly scan; the same crowd on a mobile carrier's shared address, on varied phones, does not.

const S = 1000;
const VENUE = { latitude: 30.2741, longitude: 120.1551 };
const FIXED_LINE = '60.191.77.9'; // China Telecom, Hangzhou
const MOBILE = '223.104.1.1'; // China Mobile: carrier-grade NAT
const phoneUa = (i: number) =>
  `Mozilla/5.0 (Linux; Android 1${i % 5}; V23${i}9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/12${i}.0 Mobile Safari/537.36`;

describe('group learning within one institution', () => {
  let p: TestPlatform;
  let classId: string;
  let lessonId: string;
  const learners: Session[] = [];

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    for (let i = 1; i <= 10; i++) learners.push(await login(p, `138000000${String(i).padStart(2, '0')}`));
    const world = await prepareClassWorld(p);
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）集中学习测试班',
      startDate: day(1),
      endDate: day(30),
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, VENUE),
      learnerIds: learners.map((l) => l.userId),
    });
    classId = klass.id;
    const built = p.services.learning as unknown as { deps: ConstructorParameters<typeof LearningService>[0] };
    p.services.learning = new LearningService({ ...built.deps, face: null });
    p.clock.set(new Date(`${day(2)}T11:00:00.000Z`));
    learners.length = 0;
    for (let i = 1; i <= 10; i++) learners.push(await login(p, `138000000${String(i).padStart(2, '0')}`));
    const lesson = await p.database.db
      .selectFrom('class_courses')
      .innerJoin('chapters', 'chapters.course_id', 'class_courses.course_id')
      .innerJoin('lessons', 'lessons.chapter_id', 'chapters.id')
      .select('lessons.id')
      .where('class_courses.class_id', '=', classId)
      .executeTakeFirstOrThrow();
    lessonId = lesson.id;
  });
  afterAll(async () => {
    await p?.drop();
  });

  async function startAll(ip: string, device: string) {
    for (const [i, l] of learners.entries()) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/learning/sessions',
        remoteAddress: ip,
        headers: { cookie: l.cookie, 'x-csrf-token': l.csrf, 'user-agent': phoneUa(i) },
        payload: { classId, lessonId, deviceId: `${device}-${i}-000000`, clientTimeMs: p.clock.now().getTime() },
      });
      expect(res.statusCode, res.body).toBe(201);
      p.clock.advance(40 * S);
    }
  }
  const runLearnerJobs = async () => {
    await p.services.detection.idle();
    p.clock.advance((LEARNER_DELAY_SECONDS + 1) * S);
    return p.services.jobs.drain({ type: LEARNER_JOB });
  };
  const groupAlerts = (ip: string) =>
    p.database.db
      .selectFrom('alerts')
      .select(['user_id', 'severity', 'facts', 'first_seen_at'])
      .where('kind', '=', 'group_ip')
      .where('facts', 'like', `%${ip}%`)
      .execute();

  it('alerts on the crowd as records arrive, within minutes of its forming, and names the rule', async () => {
    const t0 = p.clock.now().getTime();
    await startAll(FIXED_LINE, 'pc');
    await runLearnerJobs();
    const found = await groupAlerts(FIXED_LINE);
    // The last learners' own jobs saw the whole crowd; the earlier ones are raised by the periodic scan.
    expect(found.map((a) => a.user_id)).toContain(learners[9].userId);
    const alert = found.find((a) => a.user_id === learners[9].userId)!;
    expect(JSON.parse(alert.facts)).toMatchObject({ rule: 'institution', institutionAccounts: 10, institutions: 1 });
    // Raised by the tenth learner's own job (fake clock): within a minute of the tenth start.
    expect(Date.parse(alert.first_seen_at) - (t0 + 9 * 40 * S)).toBeLessThan(5 * 60 * S);
    await p.services.detection.scan(t0, p.clock.now().getTime());
    expect((await groupAlerts(FIXED_LINE)).map((a) => a.user_id).sort()).toEqual(learners.map((l) => l.userId).sort());
  });

  it('leaves the same crowd alone on a mobile carrier address when their phones differ', async () => {
    p.clock.advance(3 * 3600 * S);
    const t0 = p.clock.now().getTime();
    await startAll(MOBILE, 'phone');
    await runLearnerJobs();
    await p.services.detection.scan(t0, p.clock.now().getTime());
    expect(await groupAlerts(MOBILE)).toEqual([]);
  });
});
