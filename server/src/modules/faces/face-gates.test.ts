import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFaceEngine } from '../../adapters/face-engine/face-api-engine.js';
import { facePhotos, photoVariants, type FacePhotoSet } from '../../testing/face-photos.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { LearningService } from '../learning/index.js';

// What a face enrolment opens, with the real engine on real photos: a lesson with face checks does not start without
// an enrolled face (server side, whatever the web app does), and offline attendance verifies the check-in and
// check-out photos against the enrolled face, refusing another person with the reason.

const VENUE = { latitude: 30.2741, longitude: 120.1551 };
const NEAR = { latitude: 30.275, longitude: 120.1551, accuracy: 15 };

let p: TestPlatform;
let photos: FacePhotoSet;
let classId: string;
let sessionId: string;
let day10: string;
const phones = { franck: '13800000001', cage: '13800000002', none: '13800000003' } as const;
const ids = { franck: '', cage: '', none: '' };
const b64 = (bytes: Buffer) => bytes.toString('base64');
const at = (iso: string) => p.clock.set(new Date(iso));

beforeAll(async () => {
  photos = await facePhotos();
  p = await createTestPlatform();
  const warm = sharedFaceEngine().warmUp();
  const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
  day10 = day(10);
  for (const k of Object.keys(phones) as (keyof typeof phones)[]) ids[k] = await userId(p, phones[k]);
  const world = await prepareClassWorld(p);
  const sessions = [
    {
      title: '配电实训',
      venueName: '西湖实训基地',
      address: '杭州市西湖区文三路 1 号',
      ...VENUE,
      startsAt: `${day10}T01:00:00.000Z`,
      endsAt: `${day10}T05:00:00.000Z`,
    },
  ];
  const klass = await openApprovedClass(p, world, {
    name: '电工（五级）人脸核验班',
    startDate: day(7),
    endDate: day(40),
    sessions: [...sessions, ...topUpSession(world, sessions, `${day(12)}T00:00:00.000Z`, VENUE)],
    learnerIds: [ids.franck, ids.cage, ids.none],
  });
  classId = klass.id;
  sessionId = klass.sessions.find((s) => s.title === '配电实训')!.id;
  // The online theory is done (the rows the learning engine writes when every lesson is complete), so that
  // attendance is open and only the face decides.
  const lessons = await p.database.db
    .selectFrom('lessons')
    .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
    .select(['lessons.id', 'lessons.course_id'])
    .where('class_courses.class_id', '=', classId)
    .execute();
  const now = p.clock.now().toISOString();
  for (const user of [ids.franck, ids.cage, ids.none]) {
    await p.database.db
      .insertInto('lesson_progress')
      .values(
        lessons.map((l) => ({
          user_id: user,
          class_id: classId,
          lesson_id: l.id,
          course_id: l.course_id,
          coverage: '[]',
          credited_ms: 0,
          duration_ms: 1,
          face_passes: 0,
          completed_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  await warm;
  for (const [phone, photo] of [
    [phones.franck, 'franck_01829.jpg'],
    [phones.cage, 'cage.jpg'],
  ] as const) {
    const res = await call(p, await login(p, phone), 'POST', '/api/faces/enrolment', {
      photo: b64(photos.read(photo)),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}, 600_000);

afterAll(async () => {
  await p?.drop();
});

describe('learning needs an enrolled face when lessons have face checks', { timeout: 120_000 }, () => {
  const start = async (session: Session) => {
    const lessonId = (await call(p, session, 'GET', `/api/learning/classes/${classId}/progress`)).body.items[0]
      .lessonId;
    return call(p, session, 'POST', '/api/learning/sessions', {
      classId,
      lessonId,
      deviceId: 'device-face-1',
      clientTimeMs: p.clock.now().getTime(),
    });
  };

  it('refuses to start a lesson for a learner without a face, and starts it once the face is enrolled', async () => {
    at(`${day10}T00:10:00.000Z`);
    const engine = p.services.learning;
    const { db, clock, hot } = p.services.infra;
    // The engine with the real face verifier behind its port (as services.ts wires it once face checks are on).
    p.services.learning = new LearningService({
      db,
      clock,
      hot,
      policies: p.services.policies,
      classes: p.services.classes,
      face: p.services.faceVerifier,
    });
    try {
      const none = await login(p, phones.none);
      const refused = await start(none);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'LEARNING_FACE_NOT_ENROLLED' });
      expect(refused.body.error.messages['zh-CN']).toContain('请先完成人脸采集');
      expect(
        await p.database.db.selectFrom('learning_sessions').select('id').where('user_id', '=', ids.none).execute(),
      ).toEqual([]);
      expect(await p.services.faces.hasActiveEnrolment(ids.none)).toBe(false);

      const franck = await login(p, phones.franck);
      expect(await p.services.faces.hasActiveEnrolment(ids.franck)).toBe(true);
      const started = await start(franck);
      expect(started.status, JSON.stringify(started.body)).toBe(201);
    } finally {
      p.services.learning = engine;
    }
  });
});

describe('offline attendance verifies the live photo against the enrolled face', { timeout: 120_000 }, () => {
  const scan = async (phone: string, action: 'check-in' | 'check-out', photo: Buffer) => {
    const teacher = await login(p, DEMO.teacherA);
    const token = (await call(p, teacher, 'GET', `/api/classes/${classId}/sessions/${sessionId}/qr`)).body
      .token as string;
    return {
      token,
      res: await call(p, await login(p, phone), 'POST', `/api/attendance/${action}`, {
        token,
        ...NEAR,
        photo: b64(photo),
      }),
    };
  };
  const attendanceOf = (user: string) =>
    p.database.db.selectFrom('attendance').selectAll().where('user_id', '=', user).execute();
  const checksOf = (user: string) =>
    p.database.db
      .selectFrom('face_checks')
      .selectAll()
      .where('user_id', '=', user)
      .where('context_kind', '=', 'attendance')
      .orderBy('at')
      .execute();

  it('checks in the enrolled learner, storing the face check against the attendance record', async () => {
    at(`${day10}T00:40:00.000Z`);
    const { res } = await scan(phones.franck, 'check-in', photos.read('franck_04035.jpg'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [row] = await attendanceOf(ids.franck);
    const [check] = await checksOf(ids.franck);
    expect(check).toMatchObject({ result: 'pass', context_id: row.id, enrolment_id: expect.any(String) });
    expect(check.distance).toBeLessThanOrEqual(check.threshold);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'attendance.checked_in')
      .where('target_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details).face).toEqual({ checkId: check.id, distance: expect.any(Number) });
  });

  it('refuses another person’s face with the reason, records nothing but the failed check, and leaves the code usable', async () => {
    at(`${day10}T00:45:00.000Z`);
    const { token, res } = await scan(phones.cage, 'check-in', photos.read('franck_02045.jpg'));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'ATTENDANCE_FACE_MISMATCH',
      details: { reason: 'mismatch', faceCheckId: expect.any(String) },
    });
    expect(res.body.error.details.distance).toBeGreaterThan(res.body.error.details.threshold);
    expect(res.body.error.messages['zh-CN']).toContain('与您采集的人脸不一致');
    expect(await attendanceOf(ids.cage)).toEqual([]);
    const [failed] = await checksOf(ids.cage);
    expect(failed).toMatchObject({ id: res.body.error.details.faceCheckId, result: 'fail', reason: 'mismatch' });
    // The learner in person, with the same code.
    const own = await call(p, await login(p, phones.cage), 'POST', '/api/attendance/check-in', {
      token,
      ...NEAR,
      photo: b64(photos.read('cage2_crop.jpg')),
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await checksOf(ids.cage)).map((c) => [c.result, c.context_id])).toEqual([
      ['fail', failed.context_id],
      ['pass', own.body.attendance.id],
    ]);
  });

  it('refuses a learner without an enrolled face, and a photo the engine cannot use, with their reasons', async () => {
    at(`${day10}T00:50:00.000Z`);
    const none = (await scan(phones.none, 'check-in', photos.read('obama4_crop.jpg'))).res;
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('ATTENDANCE_FACE_NOT_ENROLLED');
    expect(await attendanceOf(ids.none)).toEqual([]);
    const dark = (await scan(phones.franck, 'check-out', await photoVariants.darkened(photos.read('franck_04117.jpg'))))
      .res;
    expect(dark.status).toBe(422);
    expect(dark.body.error).toMatchObject({ code: 'FACE_TOO_DARK', field: 'photo', details: { reason: 'too_dark' } });
    expect((await attendanceOf(ids.franck))[0].check_out_at).toBeNull();
  });

  it('checks out with the learner’s own face', async () => {
    at(`${day10}T04:30:00.000Z`);
    const { res } = await scan(phones.franck, 'check-out', photos.read('franck_04117.jpg'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.attendance.minutes).toBe(210);
    const checks = await checksOf(ids.franck);
    expect(checks.map((c) => c.result)).toEqual(['pass', 'rejected', 'pass']);
    expect(new Set(checks.map((c) => c.context_id))).toEqual(new Set([res.body.attendance.id]));
  });
});
