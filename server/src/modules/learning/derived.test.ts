import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { verifyAllDerived, verifyDerived } from './derived.js';
import { LearningService } from './learning.service.js';
import { verifyChain } from './records.js';

// Issue 14, item 5: the derived tables are caches of the chain. An hour added to lesson_progress directly leaves the
// chain intact, so the chain verifier alone says nothing; the derived verifier recomputes lesson progress, day totals
// and class hours from the chain and names the difference, and the regulator's class hours say the figure is not the
// chain's.

const S = 1000;
const VENUE = { latitude: 30.2741, longitude: 120.1551 };
const PHONE = '13800000001';

describe('derived figures verified against the chain', () => {
  let p: TestPlatform;
  let classId: string;
  let learner: Session;
  let learnerId: string;
  let lessonId: string;

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    learnerId = await userId(p, PHONE);
    const world = await prepareClassWorld(p);
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）学时核验测试班',
      startDate: day(1),
      endDate: day(30),
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, VENUE),
      learnerIds: [learnerId],
    });
    classId = klass.id;
    const built = p.services.learning as unknown as { deps: ConstructorParameters<typeof LearningService>[0] };
    p.services.learning = new LearningService({ ...built.deps, face: null });
    p.clock.set(new Date(`${day(2)}T01:00:00.000Z`));
    learner = await login(p, PHONE);
  });
  afterAll(async () => {
    await p?.drop();
  });

  async function post(url: string, payload: object) {
    const res = await p.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: learner.cookie, 'x-csrf-token': learner.csrf },
    });
    return { status: res.statusCode, body: res.json<any>() };
  }

  it('finds nothing to report after honest learning with checks answered', async () => {
    const lessons = (await call(p, learner, 'GET', `/api/learning/classes/${classId}/progress`)).body.items as {
      lessonId: string;
      durationMs: number;
    }[];
    const lesson = [...lessons].sort((a, b) => a.durationMs - b.durationMs)[0];
    lessonId = lesson.lessonId;
    let client = p.clock.now().getTime();
    const started = await post('/api/learning/sessions', {
      classId,
      lessonId,
      deviceId: 'device-verify-0001',
      clientTimeMs: client,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const sessionId = started.body.session.sessionId as string;
    let position = 0;
    let seq = 0;
    let last: any;
    p.clock.advance(S);
    client += S;
    await post(`/api/learning/sessions/${sessionId}/heartbeats`, {
      beats: [
        { seq: ++seq, positionMs: 0, playing: true, rate: 1, visible: true, focused: true, clientTimeMs: client },
      ],
    });
    // Half the lesson, answering the click-to-continue checks.
    for (let i = 0; position < lesson.durationMs / 2 && i < 400; i++) {
      p.clock.advance(20 * S);
      client += 20 * S + (i % 7) - 3;
      position = Math.min(position + 20 * S, lesson.durationMs);
      last = (
        await post(`/api/learning/sessions/${sessionId}/heartbeats`, {
          beats: [
            {
              seq: ++seq,
              positionMs: position,
              playing: true,
              rate: 1,
              visible: true,
              focused: true,
              clientTimeMs: client,
            },
          ],
        })
      ).body;
      if (last.check) {
        p.clock.advance(5 * S);
        await post(`/api/learning/sessions/${sessionId}/checks/${last.check.id}`, { code: last.check.code });
      }
    }
    expect((await post(`/api/learning/sessions/${sessionId}/end`, {})).status).toBe(200);
    const stored = await p.database.db
      .selectFrom('lesson_progress')
      .select('credited_ms')
      .where('user_id', '=', learnerId)
      .executeTakeFirstOrThrow();
    expect(stored.credited_ms).toBeGreaterThan(0);
    expect(await verifyDerived(p.database.db, learnerId)).toEqual([]);
    const xihu = await login(p, DEMO.xihuRegulator);
    const progress = (await call(p, xihu, 'GET', `/api/classes/${classId}/progress`)).body.progress;
    expect(progress.verification.mismatches).toBe(0);
    expect(progress.learners.find((l: any) => l.userId === learnerId).verification).toEqual({
      status: 'verified',
      chainOnlineSeconds: Math.floor(stored.credited_ms / 1000),
    });
  });

  it('reports an hour added to lesson_progress, and the regulator sees the figure flagged with the chain figure beside', async () => {
    const before = await p.database.db
      .selectFrom('lesson_progress')
      .select('credited_ms')
      .where('user_id', '=', learnerId)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirstOrThrow();
    await p.database.db
      .updateTable('lesson_progress')
      .set({ credited_ms: sql`credited_ms + 3600000` })
      .where('user_id', '=', learnerId)
      .where('lesson_id', '=', lessonId)
      .execute();
    // The chain itself is intact: the chain verifier alone sees nothing.
    expect((await verifyChain(p.database.db, learnerId)).ok).toBe(true);
    const report = await verifyAllDerived(p.database.db);
    expect(report.learners).toEqual([
      {
        userId: learnerId,
        differences: [
          {
            table: 'lesson_progress',
            classId,
            lessonId,
            field: 'credited_ms',
            stored: before.credited_ms + 3_600_000,
            chain: before.credited_ms,
          },
          {
            table: 'class_hours',
            classId,
            field: 'credited_ms',
            stored: before.credited_ms + 3_600_000,
            chain: before.credited_ms,
          },
        ],
      },
    ]);
    const xihu = await login(p, DEMO.xihuRegulator);
    const progress = (await call(p, xihu, 'GET', `/api/classes/${classId}/progress`)).body.progress;
    expect(progress.verification.mismatches).toBe(1);
    const row = progress.learners.find((l: any) => l.userId === learnerId);
    expect(row.verification).toEqual({ status: 'mismatch', chainOnlineSeconds: Math.floor(before.credited_ms / 1000) });
    const detail = (await call(p, xihu, 'GET', `/api/classes/${classId}/learners/${learnerId}/progress`)).body.progress;
    expect(detail.learner.verification.status).toBe('mismatch');
    expect(detail.lessons.find((l: any) => l.lessonId === lessonId).verification).toEqual({
      status: 'mismatch',
      chainOnlineSeconds: Math.floor(before.credited_ms / 1000),
    });
  });

  it('reports a day total edited the same way', async () => {
    await p.database.db
      .updateTable('learning_daily')
      .set({ credited_ms: sql`credited_ms + 600000` })
      .where('user_id', '=', learnerId)
      .execute();
    const differences = await verifyDerived(p.database.db, learnerId);
    expect(differences.filter((d) => d.table === 'learning_daily')).toEqual([
      expect.objectContaining({ table: 'learning_daily', field: 'credited_ms' }),
    ]);
    const daily = differences.find((d) => d.table === 'learning_daily')!;
    expect(daily.stored - daily.chain).toBe(600_000);
  });
});
