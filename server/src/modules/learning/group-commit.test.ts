import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { cstDay } from './crediting.js';
import { verifyChain } from './records.js';

// Heartbeats of several learners arriving together share one group commit, whose progress and daily totals are
// written as one multi-row upsert per table: each learner must get exactly their own credit, first as new rows and
// then as updates of existing ones.

const S = 1000;

describe('group commit of many learners', () => {
  let p: TestPlatform;
  let classId: string;
  let lessonId: string;
  const phones = ['13800000004', '13800000005', '13800000006', '13800000007'];
  const learners: {
    phone: string;
    id: string;
    session: Session;
    sessionId: string;
    seq: number;
    clientTime: number;
    position: number;
  }[] = [];

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    const world = await prepareClassWorld(p);
    // About group commits: face checks (which need enrolled faces; learning-face.test.ts) are off in this region.
    const policy = await call(p, await login(p, DEMO.operator), 'POST', '/api/policies/330106', {
      document: { faceCheck: { minPerLesson: 0 } },
      note: '并发测试：不做人脸核验',
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const ids = await Promise.all(phones.map((phone) => userId(p, phone)));
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）并发班',
      startDate: day(1),
      endDate: day(30),
      learnerIds: ids,
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, { latitude: 30.2741, longitude: 120.1551 }),
    });
    classId = klass.id;
    p.clock.set(new Date(`${day(2)}T01:00:00.000Z`));
    for (const [i, phone] of phones.entries())
      learners.push({
        phone,
        id: ids[i],
        session: await login(p, phone),
        sessionId: '',
        seq: 0,
        clientTime: 0,
        position: 0,
      });
    lessonId = (await call(p, learners[0].session, 'GET', `/api/learning/classes/${classId}/progress`)).body.items[0]
      .lessonId;
    for (const [i, l] of learners.entries()) {
      l.clientTime = p.clock.now().getTime();
      const started = await call(p, l.session, 'POST', '/api/learning/sessions', {
        classId,
        lessonId,
        deviceId: `device-group-${i}`,
        clientTimeMs: l.clientTime,
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      l.sessionId = started.body.session.sessionId;
    }
  }, 120_000);
  afterAll(async () => {
    await p?.drop();
  });

  /** Every learner reports at once; learner i has played `played(i)` since the last report. */
  async function reportTogether(played: (i: number) => number) {
    const answers = await Promise.all(
      learners.map((l, i) => {
        l.clientTime += 20 * S;
        l.position += played(i);
        const beat = {
          seq: ++l.seq,
          positionMs: l.position,
          playing: true,
          rate: 1,
          visible: true,
          focused: true,
          clientTimeMs: l.clientTime,
        };
        return call(p, l.session, 'POST', `/api/learning/sessions/${l.sessionId}/heartbeats`, { beats: [beat] });
      }),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    return answers.map((a) => a.body);
  }

  const progressOf = (l: (typeof learners)[number]) =>
    p.database.db
      .selectFrom('lesson_progress')
      .select(['credited_ms', 'coverage', 'held', 'held_ms'])
      .where('user_id', '=', l.id)
      .where('class_id', '=', classId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
  const dayOf = (l: (typeof learners)[number]) =>
    p.database.db
      .selectFrom('learning_daily')
      .select('credited_ms')
      .where('user_id', '=', l.id)
      .where('day', '=', cstDay(p.clock.now().getTime()))
      .executeTakeFirst();

  it("stores each learner's own progress and day when their reports share a transaction", async () => {
    p.clock.advance(S);
    await reportTogether(() => 0); // the player starts: nothing credited yet
    expect(await progressOf(learners[0])).toBeUndefined();

    // Different amounts per learner, so rows mixed up between learners would show.
    p.clock.advance(20 * S);
    const first = await reportTogether((i) => (10 + 2 * i) * S);
    // Held until a check confirms it (ADR 0008): the progress rows carry the held ground, no day total yet.
    for (const [i, l] of learners.entries()) {
      expect(first[i].results[0]).toMatchObject({ accepted: true, creditedMs: 0, heldMs: (10 + 2 * i) * S });
      expect(await progressOf(l)).toMatchObject({
        credited_ms: 0,
        coverage: '[]',
        held_ms: (10 + 2 * i) * S,
        held: JSON.stringify([[0, (10 + 2 * i) * S]]),
      });
      expect(await dayOf(l)).toBeUndefined();
    }

    // The same rows again: now updates of existing progress and daily rows.
    p.clock.advance(20 * S);
    await reportTogether((i) => (20 - i) * S);
    for (const [i, l] of learners.entries()) {
      const total = (10 + 2 * i + 20 - i) * S;
      expect(await progressOf(l)).toMatchObject({ credited_ms: 0, held_ms: total });
      const progress = (await call(p, l.session, 'GET', `/api/learning/classes/${classId}/progress`)).body.items[0];
      expect(progress).toMatchObject({ lessonId, creditedMs: 0 });
      expect(await verifyChain(p.database.db, l.id)).toMatchObject({ ok: true, records: 4 });
    }
  });
});
