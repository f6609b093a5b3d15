import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHotState } from '../../adapters/hotstate.js';
import { MemorySmsProvider } from '../../adapters/sms.js';
import { createPlatform, type Platform } from '../../bootstrap.js';
import { ManualClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { call, createScratchDatabase, login, testDialect } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { verifyChain } from './records.js';

// Two API instances on one PostgreSQL database and one Redis, as in a scaled-out deployment: the one-lesson rule and
// crediting must hold whichever node a request reaches. Only the PostgreSQL leg runs it (vitest.config.ts).
const redisUrl = process.env.TEST_REDIS_URL;
if (testDialect !== 'postgres' || !redisUrl)
  throw new Error('The two-instance learning test needs TEST_DB=postgres and TEST_REDIS_URL');

describe('learning across two API instances (PostgreSQL + Redis)', () => {
  const S = 1000;
  let nodes: [Platform, Platform];
  let drop: () => Promise<void>;
  let classId: string;
  let lessonIds: string[];
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    const varDir = mkdtempSync(path.join(tmpdir(), 'yx-cluster-'));
    const config = loadConfig({
      YX_VAR_DIR: varDir,
      YX_RUN_JOBS: 'false',
      YX_DEMO_CONTENT: 'false',
      NODE_ENV: 'test',
      DATABASE_URL: scratch.url,
      YX_SEED_DEMO: 'true',
      YX_PII_KEY: randomBytes(32).toString('base64'),
      YX_HASH_KEY: randomBytes(32).toString('base64'),
      YX_PUBLIC_URL: 'http://yunxue.test',
    });
    const prefix = `yx-cluster:${randomBytes(4).toString('hex')}:`;
    const sms = new MemorySmsProvider();
    const a = await createPlatform(config, { clock, sms, hot: openHotState(redisUrl, prefix) });
    const b = await createPlatform(config, { clock, sms, hot: openHotState(redisUrl, prefix) });
    nodes = [a, b];
    drop = async () => {
      await a.close();
      await b.close();
      await scratch.drop();
      rmSync(varDir, { recursive: true, force: true });
    };
    const day = (offset: number) => beijingDate(new Date(clock.now().getTime() + offset * 86_400_000));
    const world = await prepareClassWorld(a);
    // This test is about hot state shared by two nodes; face checks (with their own tests) are off in this region.
    const policy = await call(a, await login(a, '13900000001'), 'POST', '/api/policies/330106', {
      document: { faceCheck: { minPerLesson: 0 } },
      note: '双节点测试：不做人脸核验',
    });
    if (policy.status !== 201) throw new Error(`policy: ${JSON.stringify(policy.body)}`);
    const learner = await userId(a, '13800000001');
    classId = (
      await openApprovedClass(a, world, {
        name: '电工（五级）双节点班',
        startDate: day(1),
        endDate: day(30),
        sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, { latitude: 30.27, longitude: 120.15 }),
        learnerIds: [learner],
      })
    ).id;
    clock.set(new Date(`${day(2)}T01:00:00.000Z`));
    const items = (await call(b, await login(b, '13800000001'), 'GET', `/api/learning/classes/${classId}/progress`))
      .body.items as { lessonId: string; courseId: string }[];
    lessonIds = items.filter((l, i) => items.findIndex((x) => x.courseId === l.courseId) === i).map((l) => l.lessonId);
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it('credits a lesson whose heartbeats alternate between the nodes, and refuses a report sent to both at once', async () => {
    const [a, b] = nodes;
    const session = await login(a, '13800000001');
    let t = clock.now().getTime();
    const started = await call(a, session, 'POST', '/api/learning/sessions', {
      classId,
      lessonId: lessonIds[1],
      deviceId: 'device-cluster',
      clientTimeMs: t,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const url = `/api/learning/sessions/${started.body.session.sessionId}/heartbeats`;
    const beat = (seq: number, positionMs: number) => ({
      seq,
      positionMs,
      playing: true,
      rate: 1,
      visible: true,
      focused: true,
      clientTimeMs: t,
    });
    clock.advance(S);
    t += S;
    await call(b, session, 'POST', url, { beats: [beat(1, 0)] });
    let credited = 0;
    for (let i = 2; i <= 7; i++) {
      clock.advance(20 * S);
      t += 20 * S;
      const node = i % 2 ? a : b;
      const res = await call(node, session, 'POST', url, { beats: [beat(i, (i - 1) * 20 * S)] });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Held until the next passed check (ADR 0008): counted once whichever node judged it.
      credited += res.body.results[0].heldMs;
    }
    expect(credited).toBe(120 * S);
    // The same report reaching both nodes together: one is accepted, the other refused, credit counted once.
    clock.advance(20 * S);
    t += 20 * S;
    const both = await Promise.all(
      [a, b].map((node) => call(node, session, 'POST', url, { beats: [beat(8, 140 * S)] })),
    );
    const outcomes = both.map((r) => r.body.results[0]);
    expect(outcomes.filter((o) => o.accepted)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.accepted).map((o) => o.reason)).toEqual(['duplicate']);
    expect(both.map((r) => r.body.heldMs).sort()).toEqual([140 * S, 140 * S]);
    const learner = await userId(a, '13800000001');
    expect(await verifyChain(a.database.db, learner)).toMatchObject({ ok: true });
  });

  it('keeps one lesson per learner across nodes: a start on one node ends the lesson running on the other', async () => {
    const [a, b] = nodes;
    const session = await login(b, '13800000001');
    const t = clock.now().getTime();
    const first = (
      await call(a, session, 'POST', '/api/learning/sessions', {
        classId,
        lessonId: lessonIds[1],
        deviceId: 'device-cluster',
        clientTimeMs: t,
      })
    ).body.session;
    const second = await call(b, session, 'POST', '/api/learning/sessions', {
      classId,
      lessonId: lessonIds[2],
      deviceId: 'device-cluster',
      clientTimeMs: t,
    });
    expect(second.body.session.superseded).toMatchObject({ lessonId: lessonIds[1] });
    const refused = await call(a, session, 'POST', `/api/learning/sessions/${first.sessionId}/heartbeats`, {
      beats: [{ seq: 1, positionMs: 0, playing: true, rate: 1, visible: true, focused: true, clientTimeMs: t + 1000 }],
    });
    expect(refused.body.error).toMatchObject({ code: 'LEARNING_SESSION_ENDED', details: { reason: 'superseded' } });
    // Two starts racing on the two nodes: both are answered, exactly one lesson stays live.
    const race = await Promise.all([
      call(a, session, 'POST', '/api/learning/sessions', {
        classId,
        lessonId: lessonIds[1],
        deviceId: 'device-cluster',
        clientTimeMs: t + 2000,
      }),
      call(b, session, 'POST', '/api/learning/sessions', {
        classId,
        lessonId: lessonIds[2],
        deviceId: 'device-cluster',
        clientTimeMs: t + 2000,
      }),
    ]);
    expect(race.map((r) => r.status)).toEqual([201, 201]);
    const live = await Promise.all(
      race.map((r) =>
        call(a, session, 'POST', `/api/learning/sessions/${r.body.session.sessionId}/heartbeats`, {
          beats: [
            { seq: 1, positionMs: 0, playing: true, rate: 1, visible: true, focused: true, clientTimeMs: t + 3000 },
          ],
        }),
      ),
    );
    expect(live.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await verifyChain(a.database.db, await userId(a, '13800000001'))).toMatchObject({ ok: true });
  });

  it('takes a learning token issued by one node on the other, and a sign-in on one node stops the token on the other at once', async () => {
    const [a, b] = nodes;
    const device = await login(a, '13800000001');
    let t = clock.now().getTime();
    const started = (
      await call(a, device, 'POST', '/api/learning/sessions', {
        classId,
        lessonId: lessonIds[1],
        deviceId: 'device-cluster',
        clientTimeMs: t,
      })
    ).body.session;
    const beat = (seq: number) => ({
      seq,
      positionMs: 0,
      playing: false,
      rate: 1,
      visible: true,
      focused: true,
      clientTimeMs: t + seq,
    });
    // Cookie and token only, no CSRF header: accepted only as a token call (every node derives the same key).
    const send = (node: Platform, seq: number) =>
      node.app.inject({
        method: 'POST',
        url: `/api/learning/sessions/${started.sessionId}/heartbeats`,
        headers: { cookie: device.cookie, 'x-learning-token': started.learningToken },
        payload: { beats: [beat(seq)] },
      });
    clock.advance(S);
    t += S;
    expect((await send(b, 1)).statusCode).toBe(200);
    expect((await send(a, 2)).statusCode).toBe(200);
    await login(b, '13800000001');
    const refused = await send(a, 3);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('AUTH_SIGNED_IN_ELSEWHERE');
    expect(await verifyChain(a.database.db, await userId(a, '13800000001'))).toMatchObject({ ok: true });
  });
});
