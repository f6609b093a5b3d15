import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { LearningTheoryProgress } from './learning-progress.js';
import { LearningService, type FaceVerifier, type LearningCheckRef } from './learning.service.js';
import { verifyAllChains, verifyChain } from './records.js';

// The learning engine through the API, on the configured database with a manual clock: the start gate, crediting
// over HTTP, refused reports, one lesson at a time, anti-hang-up checks, the evidence chain and lesson order.

const S = 1000;
const VENUE = { latitude: 30.2741, longitude: 120.1551 };

describe('learning engine', () => {
  let p: TestPlatform;
  let classId: string;
  let lessons: { lessonId: string; courseId: string; title: string; durationMs: number | null }[];
  let l1: string;
  let seq = 0;
  let clientTime = 0;
  const phones = { l1: '13800000001', l2: '13800000002', outsider: '13800000003' };
  const as = (phone: string) => login(p, phone);
  const at = (iso: string) => p.clock.set(new Date(iso));
  const beat = (positionMs: number, extra: Record<string, unknown> = {}) => {
    clientTime += 20 * S;
    return {
      seq: ++seq,
      positionMs,
      playing: true,
      rate: 1,
      visible: true,
      focused: true,
      clientTimeMs: clientTime,
      ...extra,
    };
  };
  const records = (sessionId: string) =>
    p.database.db
      .selectFrom('learning_records')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('chain_seq')
      .execute();

  async function startLesson(session: Session, lessonId: string, deviceId = 'device-aaaa-1') {
    seq = 0;
    clientTime = p.clock.now().getTime();
    return call(p, session, 'POST', '/api/learning/sessions', {
      classId,
      lessonId,
      deviceId,
      clientTimeMs: clientTime,
    });
  }

  beforeAll(async () => {
    p = await createTestPlatform();
    // Face checks through the real engine have their own file (learning-face.test.ts); this engine schedules none.
    p.services.learning = new LearningService({
      db: p.services.infra.db,
      clock: p.services.infra.clock,
      hot: p.services.infra.hot,
      policies: p.services.policies,
      classes: p.services.classes,
      face: null,
    });
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    l1 = await userId(p, phones.l1);
    const world = await prepareClassWorld(p);
    const sessions = topUpSession(world, [], `${day(20)}T00:00:00.000Z`, VENUE);
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）线上理论班',
      startDate: day(1),
      endDate: day(30),
      sessions,
      learnerIds: [l1, await userId(p, phones.l2)],
    });
    classId = klass.id;
    at(`${day(2)}T01:00:00.000Z`);
    const learner = await as(phones.l1);
    lessons = (await call(p, learner, 'GET', `/api/learning/classes/${classId}/progress`)).body.items;
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('lists the class lessons with no credit yet, to the enrolled learner only', async () => {
    expect(lessons.length).toBeGreaterThan(5);
    expect(lessons.every((l) => l.durationMs && l.durationMs > 0)).toBe(true);
    expect((await call(p, await as(phones.outsider), 'GET', `/api/learning/classes/${classId}/progress`)).status).toBe(
      404,
    );
  });

  it('refuses to start when not enrolled, outside the class period, out of order or for staff', async () => {
    const first = lessons[0];
    const outsider = await as(phones.outsider);
    expect((await startLesson(outsider, first.lessonId)).body.error.code).toBe('LEARNING_NOT_ENROLLED');
    const second = lessons.find((l) => l.courseId === first.courseId && l.lessonId !== first.lessonId);
    expect(second, 'the first course has a second lesson').toBeDefined();
    expect((await startLesson(await as(phones.l1), second!.lessonId)).body.error).toMatchObject({
      code: 'LEARNING_EARLIER_LESSON',
    });
    expect((await startLesson(await as(DEMO.adminA), first.lessonId)).status).toBe(403);
    const now = p.clock.now();
    at(new Date(now.getTime() - 2 * 86_400_000).toISOString());
    expect((await startLesson(await as(phones.l1), first.lessonId)).body.error.code).toBe('LEARNING_OUTSIDE_PERIOD');
    p.clock.set(now);
    expect(
      (
        await call(p, await as(phones.l1), 'POST', '/api/learning/sessions', {
          classId,
          lessonId: first.lessonId,
          deviceId: 'device-aaaa-1',
          clientTimeMs: 1,
          extra: 1,
        })
      ).body.error.code,
    ).toBe('UNKNOWN_FIELD');
  });

  it("holds played time from heartbeats until a check confirms it, refuses replays, and records everything on the learner's chain", async () => {
    const learner = await as(phones.l1);
    const started = await startLesson(learner, lessons[0].lessonId);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const session = started.body.session;
    expect(session).toMatchObject({ heartbeatSeconds: 20, resumeAtMs: 0, lesson: { creditedMs: 0 }, superseded: null });
    const url = `/api/learning/sessions/${session.sessionId}/heartbeats`;

    p.clock.advance(1 * S);
    expect((await call(p, learner, 'POST', url, { beats: [beat(0)] })).body.results[0]).toMatchObject({
      accepted: true,
      creditedMs: 0,
      reason: 'paused',
    });
    p.clock.advance(20 * S);
    const second = beat(20 * S);
    const credited = await call(p, learner, 'POST', url, { beats: [second] });
    // Provisional (ADR 0008): held until the next check is passed.
    expect(credited.body.results[0]).toMatchObject({ accepted: true, creditedMs: 0, heldMs: 20 * S, reason: null });
    expect(credited.body).toMatchObject({ lesson: { creditedMs: 0 }, heldMs: 20 * S });

    // The same report again (a replay) and an older one are refused, and the refusal is evidence too.
    const replay = await call(p, learner, 'POST', url, { beats: [second] });
    expect(replay.body.results[0]).toMatchObject({ accepted: false, reason: 'duplicate', creditedMs: 0 });
    // Dragging ahead earns nothing.
    p.clock.advance(20 * S);
    expect((await call(p, learner, 'POST', url, { beats: [beat(15 * 60 * S)] })).body.results[0]).toMatchObject({
      creditedMs: 0,
      reason: 'skipped_ahead',
    });

    const rows = await records(session.sessionId);
    expect(rows.map((r) => r.kind)).toEqual([
      'session_started',
      'heartbeat',
      'heartbeat',
      'heartbeat_refused',
      'heartbeat',
    ]);
    expect(rows.reduce((sum, r) => sum + r.credited_ms, 0)).toBe(0);
    expect(JSON.parse(rows[2].data)).toMatchObject({ heldMs: 20 * S });
    expect(await verifyChain(p.database.db, l1)).toMatchObject({ ok: true, records: expect.any(Number) });
    const progress = (await call(p, learner, 'GET', `/api/learning/classes/${classId}/progress`)).body.items[0];
    expect(progress).toMatchObject({ creditedMs: 0, complete: false });
  });

  it('allows one lesson at a time: a start in another tab ends the first, whose next report is refused with where it went', async () => {
    // Learners are signed in on one device at a time, so a second lesson comes from another tab of the same browser.
    const phone = await as(phones.l1);
    const otherCourse = lessons.find((l) => l.courseId !== lessons[0].courseId)!;
    const first = (await startLesson(phone, lessons[0].lessonId, 'device-phone-1')).body.session;
    const second = await startLesson(phone, otherCourse.lessonId, 'device-phone-1');
    expect(second.body.session.superseded).toEqual({ lessonId: lessons[0].lessonId, deviceId: 'device-phone-1' });
    const late = await call(p, phone, 'POST', `/api/learning/sessions/${first.sessionId}/heartbeats`, {
      beats: [beat(0)],
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: 'LEARNING_SESSION_ENDED',
      details: { reason: 'superseded', lessonId: otherCourse.lessonId },
    });
    expect((await records(first.sessionId)).map((r) => r.kind)).toContain('session_superseded');
  });

  it('issues click-to-continue checks at unpredictable moments, holds credit until answered, and takes wrong codes as attempts', async () => {
    const learner = await as(phones.l1);
    const session = (await startLesson(learner, lessons[0].lessonId)).body.session;
    const url = `/api/learning/sessions/${session.sessionId}/heartbeats`;
    let position = session.resumeAtMs;
    p.clock.advance(S);
    await call(p, learner, 'POST', url, { beats: [beat(position)] });
    let check = null;
    for (let i = 0; i < 50 && !check; i++) {
      p.clock.advance(20 * S);
      position += 20 * S;
      check = (await call(p, learner, 'POST', url, { beats: [beat(position)] })).body.check;
    }
    expect(check).toMatchObject({
      kind: 'code',
      code: expect.stringMatching(/^\d{4}$/),
      failed: false,
      attemptsLeft: 3,
    });
    p.clock.advance(20 * S);
    position += 20 * S;
    const held = await call(p, learner, 'POST', url, { beats: [beat(position)] });
    expect(held.body.results[0]).toMatchObject({ creditedMs: 0, heldMs: 20 * S });
    const before = held.body.lesson.creditedMs;
    // Everything since the last verified point is held, including what played before the check was issued.
    const heldMs = held.body.heldMs;
    expect(heldMs).toBeGreaterThan(20 * S);
    const wrong = await call(p, learner, 'POST', `/api/learning/sessions/${session.sessionId}/checks/${check.id}`, {
      code: '0000' === check.code ? '1111' : '0000',
    });
    expect(wrong.body).toMatchObject({ result: 'wrong', check: { attemptsLeft: 2 } });
    const right = await call(p, learner, 'POST', `/api/learning/sessions/${session.sessionId}/checks/${check.id}`, {
      code: check.code,
    });
    expect(right.body).toMatchObject({ result: 'passed', check: null, heldMs: 0 });
    expect(right.body.lesson.creditedMs).toBe(before + heldMs);
    const kinds = (await records(session.sessionId)).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'check_answered')).toHaveLength(2);
    expect(kinds).toContain('check_issued');
    expect(
      (
        await call(p, learner, 'POST', `/api/learning/sessions/${session.sessionId}/checks/${check.id}`, {
          code: check.code,
        })
      ).body.error.code,
    ).toBe('LEARNING_CHECK_NOT_OPEN');
  });

  it('completes a lesson at the policy share, never above its duration, and keeps the frontier when resuming after a crash', async () => {
    const learner = await as(phones.l1);
    // The shortest first lesson of a course (a 45-minute general module), watched to the end.
    const firsts = lessons.filter(
      (l, i) => lessons.findIndex((x) => x.courseId === l.courseId) === i && l.lessonId !== lessons[0].lessonId,
    );
    const lesson = firsts.sort((a, b) => a.durationMs! - b.durationMs!)[0];
    let session = (await startLesson(learner, lesson.lessonId)).body.session;
    // A crash: a new session resumes where the credited ground ends.
    session = (await startLesson(learner, lesson.lessonId)).body.session;
    expect(session.resumeAtMs).toBe(session.lesson.watchedMs);
    let position = session.resumeAtMs;
    const url = `/api/learning/sessions/${session.sessionId}/heartbeats`;
    p.clock.advance(S);
    let last = (await call(p, learner, 'POST', url, { beats: [beat(position)] })).body;
    // One report per 20 s of the lesson, and a few more: a lesson that never completes fails below, not by a timeout.
    const reports = Math.ceil(lesson.durationMs! / (20 * S)) + 10;
    for (let i = 0; i < reports && !last.lesson.complete; i++) {
      p.clock.advance(20 * S);
      position = Math.min(position + 20 * S, lesson.durationMs!);
      last = (await call(p, learner, 'POST', url, { beats: [beat(position)] })).body;
      expect(last.lesson, JSON.stringify(last)).toBeDefined();
      if (last.check)
        last = (
          await call(p, learner, 'POST', `/api/learning/sessions/${session.sessionId}/checks/${last.check.id}`, {
            code: last.check.code,
          })
        ).body;
    }
    expect(last.lesson.complete).toBe(true);
    expect(last.lesson.creditedMs).toBeGreaterThanOrEqual(lesson.durationMs! * 0.95);
    expect(last.lesson.creditedMs).toBeLessThanOrEqual(lesson.durationMs!);
    const progress = (await call(p, learner, 'GET', `/api/learning/classes/${classId}/progress`)).body.items;
    expect(progress.find((x: { lessonId: string }) => x.lessonId === lesson.lessonId)).toMatchObject({
      complete: true,
    });
    expect(await verifyChain(p.database.db, l1)).toMatchObject({ ok: true });
  });

  it("lets institution staff and regulators in scope trace a learner's sessions and records, and nobody else", async () => {
    const url = `/api/classes/${classId}/learners/${l1}/learning`;
    const admin = await call(p, await as(DEMO.adminA), 'GET', url);
    expect(admin.status).toBe(200);
    expect(admin.body.sessions.length).toBeGreaterThanOrEqual(4);
    expect(admin.body.sessions[0]).toMatchObject({
      ip: expect.any(String),
      deviceId: expect.any(String),
      heartbeats: expect.any(Number),
    });
    expect((await call(p, await as(DEMO.xihuRegulator), 'GET', url)).status).toBe(200);
    expect((await call(p, await as(DEMO.adminB), 'GET', url)).status).toBe(404);
    expect((await call(p, await as(DEMO.haishuRegulator), 'GET', url)).status).toBe(404);
    const sessionId = admin.body.sessions.at(-1).id;
    expect(
      (await call(p, await as(DEMO.adminA), 'GET', `/api/learning/sessions/${sessionId}/records`)).body.items[0],
    ).toMatchObject({ kind: 'session_started', chainSeq: expect.any(Number) });
    expect((await call(p, await as(phones.l2), 'GET', `/api/learning/sessions/${sessionId}/records`)).status).toBe(404);
  });

  it('opens offline practice only when every lesson of the class is complete', async () => {
    const theory = new LearningTheoryProgress({ db: p.database.db });
    expect(await theory.isTheoryComplete(l1, classId)).toBe(false);
    const all = await p.database.db
      .selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .select(['lessons.id', 'lessons.course_id'])
      .where('class_courses.class_id', '=', classId)
      .execute();
    const now = p.clock.now().toISOString();
    const l2 = await userId(p, phones.l2);
    await p.database.db
      .insertInto('lesson_progress')
      .values(
        all.map((l) => ({
          user_id: l2,
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
    expect(await theory.isTheoryComplete(l2, classId)).toBe(true);
  });

  it('schedules face checks when a face engine is present: credit waits for a passing photo, retries are limited', async () => {
    // A fake engine that passes frames starting with "ME" (learning-face.test.ts uses the real one on real photos).
    const seen: { user: string; frames: number; action: string | null; ref: LearningCheckRef }[] = [];
    const face: FaceVerifier = {
      isEnrolled: async () => true,
      verifyLearning: async (user, answer, ref) => {
        seen.push({ user, frames: answer.frames.length, action: answer.action, ref });
        const ok = answer.frames.every((f) => f.subarray(0, 2).toString() === 'ME');
        return {
          outcome: ok ? 'pass' : 'fail',
          reason: ok ? null : 'mismatch',
          faceCheckId: `fc-${seen.length}`,
          distance: ok ? 0.3 : 0.8,
          threshold: 0.52,
          liveness: null,
        };
      },
    };
    const engine = p.services.learning;
    const { db, clock, hot } = p.services.infra;
    p.services.learning = new LearningService({
      db,
      clock,
      hot,
      policies: p.services.policies,
      classes: p.services.classes,
      face,
    });
    try {
      const learner = await as(phones.l2);
      const lesson = lessons.filter(
        (l, i) => lessons.findIndex((x) => x.courseId === l.courseId) === i && l.lessonId !== lessons[0].lessonId,
      )[0];
      const session = (await startLesson(learner, lesson.lessonId)).body.session;
      const url = `/api/learning/sessions/${session.sessionId}/heartbeats`;
      let position = 0;
      p.clock.advance(S);
      let body = (await call(p, learner, 'POST', url, { beats: [beat(position)] })).body;
      // Bounded by the lesson: a face check that never comes fails the expectation below, not by a timeout.
      for (let i = 0; i < (45 * 60 * S) / (20 * S) && body.check?.kind !== 'face'; i++) {
        if (body.check)
          body = (
            await call(p, learner, 'POST', `/api/learning/sessions/${session.sessionId}/checks/${body.check.id}`, {
              code: body.check.code,
            })
          ).body;
        p.clock.advance(20 * S);
        position += 20 * S;
        body = (await call(p, learner, 'POST', url, { beats: [beat(position)] })).body;
      }
      const faceCheck = body.check;
      expect(faceCheck).toMatchObject({ kind: 'face' });
      // The first face check comes early enough for the lesson (45 min): within 60% of it.
      expect(position).toBeLessThanOrEqual(45 * 60 * S * 0.6 + 20 * S);
      p.clock.advance(20 * S);
      position += 20 * S;
      expect((await call(p, learner, 'POST', url, { beats: [beat(position)] })).body.results[0]).toMatchObject({
        creditedMs: 0,
        heldMs: 20 * S,
      });
      // The national policy asks for a head turn: three frames at least.
      expect(faceCheck.action).toMatch(/^turn_(left|right)$/);
      const frames = (text: string, n = 3) => Array.from({ length: n }, () => Buffer.from(text).toString('base64'));
      const answer = (text: string, n?: number) =>
        call(p, learner, 'POST', `/api/learning/sessions/${session.sessionId}/checks/${faceCheck.id}`, {
          frames: frames(text, n),
        });
      expect((await answer('ME', 2)).body.error).toMatchObject({
        code: 'LEARNING_FACE_FRAMES',
        details: { min: 3, max: 8 },
      });
      expect((await answer('SOMEONE ELSE')).body).toMatchObject({
        result: 'wrong',
        face: { outcome: 'fail', reason: 'mismatch' },
        check: { kind: 'face', attemptsLeft: 3 },
      });
      const passed = await answer('ME, LIVE');
      expect(passed.body).toMatchObject({ result: 'passed', check: null, heldMs: 0, face: { outcome: 'pass' } });
      expect(seen).toHaveLength(2);
      expect(seen[1]).toMatchObject({
        frames: 3,
        action: faceCheck.action,
        ref: { sessionId: session.sessionId, checkId: faceCheck.id },
      });
      const answered = (await records(session.sessionId))
        .filter((r) => r.kind === 'check_answered')
        .map((r) => JSON.parse(r.data));
      expect(answered.filter((a) => a.kind === 'face').map((a) => [a.result, a.face.faceCheckId])).toEqual([
        ['wrong', 'fc-1'],
        ['passed', 'fc-2'],
      ]);
    } finally {
      p.services.learning = engine;
    }
  });

  it('detects an edited and a deleted record in the chain', async () => {
    const db = p.database.db;
    const target = await db
      .selectFrom('learning_records')
      .selectAll()
      .where('user_id', '=', l1)
      .where('kind', '=', 'heartbeat')
      .orderBy('chain_seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('learning_records')
      .set({ credited_ms: target.credited_ms + 60_000 })
      .where('id', '=', target.id)
      .execute();
    expect(await verifyChain(db, l1)).toMatchObject({
      ok: false,
      brokenAt: { chainSeq: target.chain_seq, reason: 'hash' },
    });
    // What `npm run verify:learning` reports: the one broken learner among all chains.
    const all = await verifyAllChains(db);
    expect(all.broken.map((b) => b.userId)).toEqual([l1]);
    expect(all.learners).toBeGreaterThanOrEqual(1);
    await db
      .updateTable('learning_records')
      .set({ credited_ms: target.credited_ms })
      .where('id', '=', target.id)
      .execute();
    expect(await verifyChain(db, l1)).toMatchObject({ ok: true });
    await db.deleteFrom('learning_records').where('id', '=', target.id).execute();
    expect(await verifyChain(db, l1)).toMatchObject({
      ok: false,
      brokenAt: { chainSeq: target.chain_seq + 1, reason: 'gap' },
    });
  });
});
