import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openHotState } from '../../adapters/hotstate.js';
import { MemorySmsProvider } from '../../adapters/sms.js';
import { createPlatform, type Platform } from '../../bootstrap.js';
import { ManualClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { call, createScratchDatabase, createTestPlatform, DEMO, login, type Session } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { LearningService } from './learning.service.js';
import { verifyChain } from './records.js';

// A running lesson's heartbeats, answers and end carry the learning token `start` hands out instead of a session
// lookup in SQL; the live state in hot state decides whether the lesson is still on, and whatever ends the sign-in
// ends the lesson there at once. Run on the in-process hot state and, when TEST_REDIS_URL is set (CI sets it), on Redis.

const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI_REQUIRE_SERVICES && !redisUrl) throw new Error('CI must run the Redis leg: set TEST_REDIS_URL');

type World = { p: Platform; clock: ManualClock; sms: MemorySmsProvider; drop: () => Promise<void> };

async function inProcess(): Promise<World> {
  const p = await createTestPlatform();
  return { p, clock: p.clock, sms: p.sms, drop: p.drop };
}

async function onRedis(): Promise<World> {
  const scratch = await createScratchDatabase();
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-signin-'));
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
  const clock = new ManualClock(new Date());
  const sms = new MemorySmsProvider();
  const p = await createPlatform(config, {
    clock,
    sms,
    hot: openHotState(redisUrl, `yx-signin:${randomBytes(4).toString('hex')}:`),
  });
  return {
    p,
    clock,
    sms,
    drop: async () => {
      await p.close();
      await scratch.drop();
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}

const PHONES = [
  '13800000001',
  '13800000002',
  '13800000003',
  '13800000004',
  '13800000005',
  '13800000006',
  '13800000007',
];

function scenarios(name: string, make: () => Promise<World>) {
  describe(`learning token and sign-in (${name} hot state)`, () => {
    let w: World;
    let classId: string;
    let lessonId: string;

    beforeAll(async () => {
      w = await make();
      const { p, clock } = w;
      // Face checks have their own tests (learning-face.test.ts); this engine schedules none, so no enrolment is needed.
      const { db, hot } = p.services.infra;
      p.services.learning = new LearningService({
        db,
        clock,
        hot,
        policies: p.services.policies,
        classes: p.services.classes,
        face: null,
      });
      const day = (offset: number) => beijingDate(new Date(clock.now().getTime() + offset * 86_400_000));
      const world = await prepareClassWorld(p);
      const learnerIds = await Promise.all(PHONES.map((phone) => userId(p, phone)));
      classId = (
        await openApprovedClass(p, world, {
          name: '电工（五级）令牌班',
          startDate: day(1),
          endDate: day(30),
          learnerIds,
          sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, { latitude: 30.27, longitude: 120.15 }),
        })
      ).id;
      clock.set(new Date(`${day(2)}T01:00:00.000Z`));
      const items = (await call(p, await login(p, PHONES[0]), 'GET', `/api/learning/classes/${classId}/progress`)).body
        .items as { lessonId: string }[];
      lessonId = items[0].lessonId;
    }, 120_000);
    afterAll(async () => {
      await w?.drop();
    });

    let seq = 0;
    const beat = () => ({
      seq: ++seq,
      positionMs: 0,
      playing: false,
      rate: 1,
      visible: true,
      focused: true,
      clientTimeMs: w.clock.now().getTime() + seq,
    });
    async function start(session: Session) {
      const res = await call(w.p, session, 'POST', '/api/learning/sessions', {
        classId,
        lessonId,
        deviceId: 'device-token-1',
        clientTimeMs: w.clock.now().getTime(),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.session as { sessionId: string; learningToken: string };
    }
    /** A call as the player makes it on the token path: cookie and token, and (unless told) no CSRF header. */
    async function send(
      session: Session | null,
      token: string | null,
      url: string,
      payload: object = {},
      extra: Record<string, string> = {},
    ) {
      const headers: Record<string, string> = { ...extra };
      if (session) headers.cookie = session.cookie;
      if (token) headers['x-learning-token'] = token;
      const res = await w.p.app.inject({ method: 'POST', url, headers, payload });
      return { status: res.statusCode, body: res.json() };
    }
    const heartbeats = (id: string) => `/api/learning/sessions/${id}/heartbeats`;

    it("lets a lesson's calls through on its token, without a session lookup or CSRF header, for its own sign-in and session only", async () => {
      const { p, clock } = w;
      const learner = await login(p, PHONES[0]);
      const lesson = await start(learner);
      expect(lesson.learningToken).toMatch(/^lt1\./);
      const lookups = vi.spyOn(p.services.auth, 'authenticate');
      try {
        clock.advance(1000);
        const ok = await send(learner, lesson.learningToken, heartbeats(lesson.sessionId), { beats: [beat()] });
        expect(ok.status, JSON.stringify(ok.body)).toBe(200);
        expect(ok.body.results[0]).toMatchObject({ accepted: true });
        expect(ok.body.learningToken).toBeUndefined();
        expect(lookups).not.toHaveBeenCalled();

        // The token is nothing without the cookie it was issued to; with another cookie, or edited, or for another
        // session, the call is an ordinary cookie call, which needs the CSRF header.
        expect(
          (await send(null, lesson.learningToken, heartbeats(lesson.sessionId), { beats: [beat()] })).body.error.code,
        ).toBe('AUTH_REQUIRED');
        const other = await login(p, PHONES[1]);
        expect(
          (await send(other, lesson.learningToken, heartbeats(lesson.sessionId), { beats: [beat()] })).body.error.code,
        ).toBe('CSRF_INVALID');
        const edited = lesson.learningToken.replace(/\.(\d+)\./, (_, exp: string) => `.${Number(exp) + 3600}.`);
        expect((await send(learner, edited, heartbeats(lesson.sessionId), { beats: [beat()] })).body.error.code).toBe(
          'CSRF_INVALID',
        );
        expect(
          (
            await send(learner, lesson.learningToken, heartbeats('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'), {
              beats: [beat()],
            })
          ).body.error.code,
        ).toBe('CSRF_INVALID');
        expect(lookups).toHaveBeenCalledTimes(3);

        // Near its expiry the token takes the cookie path again (the sign-in is re-read) and a new one comes back.
        lookups.mockClear();
        clock.advance(6 * 60_000);
        const renewed = await send(
          learner,
          lesson.learningToken,
          heartbeats(lesson.sessionId),
          { beats: [beat()] },
          { 'x-csrf-token': learner.csrf },
        );
        expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
        expect(lookups).toHaveBeenCalledTimes(1);
        expect(renewed.body.learningToken).toMatch(/^lt1\./);
        expect(renewed.body.learningToken).not.toBe(lesson.learningToken);
        clock.advance(1000);
        expect(
          (await send(learner, renewed.body.learningToken, heartbeats(lesson.sessionId), { beats: [beat()] })).status,
        ).toBe(200);
        expect(lookups).toHaveBeenCalledTimes(1);
        const ended = await send(learner, renewed.body.learningToken, `/api/learning/sessions/${lesson.sessionId}/end`);
        expect(ended.body).toMatchObject({ ended: true });
        expect(lookups).toHaveBeenCalledTimes(1);
      } finally {
        lookups.mockRestore();
      }
    });

    it('ends the lesson at once when the learner signs in on another device, and tells the first device where', async () => {
      const { p } = w;
      const first = await login(p, PHONES[0]);
      const lesson = await start(first);
      const second = await login(p, PHONES[0]);
      const newer = await p.services.infra.db
        .selectFrom('sessions')
        .select(['ip', 'device'])
        .where('user_id', '=', second.userId)
        .where('ended_at', 'is', null)
        .executeTakeFirstOrThrow();
      const refused = await send(first, lesson.learningToken, heartbeats(lesson.sessionId), { beats: [beat()] });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({
        code: 'AUTH_SIGNED_IN_ELSEWHERE',
        details: { ip: newer.ip, device: newer.device },
      });
      expect(
        (await send(first, lesson.learningToken, `/api/learning/sessions/${lesson.sessionId}/end`)).body.error.code,
      ).toBe('AUTH_SIGNED_IN_ELSEWHERE');
      // The evidence says why the lesson ended, and the chain continues unbroken into the new device's lesson.
      const records = await p.services.infra.db
        .selectFrom('learning_records')
        .select(['kind', 'data'])
        .where('session_id', '=', lesson.sessionId)
        .orderBy('chain_seq')
        .execute();
      expect(records.at(-1)).toMatchObject({ kind: 'session_ended' });
      expect(JSON.parse(records.at(-1)!.data)).toMatchObject({ reason: 'signed_out' });
      const next = await call(p, second, 'POST', '/api/learning/sessions', {
        classId,
        lessonId,
        deviceId: 'device-token-2',
        clientTimeMs: w.clock.now().getTime(),
      });
      expect(next.body.session.superseded).toBeNull();
      expect(await verifyChain(p.services.infra.db, second.userId)).toMatchObject({ ok: true });
      // A lesson started on the new device does not turn the old device's answer into "another lesson started".
      expect(
        (await send(first, lesson.learningToken, heartbeats(lesson.sessionId), { beats: [beat()] })).body.error.code,
      ).toBe('AUTH_SIGNED_IN_ELSEWHERE');
    });

    it("ends the lesson at once on sign-out, password reset and disabling, but not on the learner's own password change", async () => {
      const { p, sms } = w;
      const refusal = async (session: Session, lesson: { sessionId: string; learningToken: string }) =>
        (await send(session, lesson.learningToken, heartbeats(lesson.sessionId), { beats: [beat()] })).body.error;

      const a = await login(p, PHONES[2]);
      const lessonA = await start(a);
      expect((await call(p, a, 'POST', '/api/auth/logout', {})).status).toBe(204);
      expect(await refusal(a, lessonA)).toMatchObject({ code: 'AUTH_SESSION_EXPIRED', details: { reason: 'logout' } });

      const b = await login(p, PHONES[3]);
      const lessonB = await start(b);
      await call(p, null, 'POST', '/api/auth/password-reset/request', { phone: PHONES[3] });
      const reset = await call(p, null, 'POST', '/api/auth/password-reset/confirm', {
        phone: PHONES[3],
        code: sms.lastCodeFor(PHONES[3]),
        newPassword: 'NewPass2026',
      });
      expect(reset.status).toBe(204);
      expect(await refusal(b, lessonB)).toMatchObject({
        code: 'AUTH_SESSION_EXPIRED',
        details: { reason: 'password_reset' },
      });

      const c = await login(p, PHONES[4]);
      const lessonC = await start(c);
      const operator = await login(p, DEMO.operator);
      expect(
        (await call(p, operator, 'PATCH', `/api/users/${c.userId}/status`, { status: 'disabled', reason: '核查账号' }))
          .status,
      ).toBe(200);
      expect(await refusal(c, lessonC)).toMatchObject({
        code: 'AUTH_SESSION_EXPIRED',
        details: { reason: 'disabled' },
      });

      const d = await login(p, PHONES[5]);
      const lessonD = await start(d);
      expect(
        (await call(p, d, 'POST', '/api/auth/password', { currentPassword: 'Yunxue@2026', newPassword: 'Changed2026' }))
          .status,
      ).toBe(204);
      const still = await send(d, lessonD.learningToken, heartbeats(lessonD.sessionId), { beats: [beat()] });
      expect(still.status, JSON.stringify(still.body)).toBe(200);

      for (const s of [a, b, c]) expect(await verifyChain(p.services.infra.db, s.userId)).toMatchObject({ ok: true });
    });

    it('does not leave a lesson running when its sign-in ended while the start was under way', async () => {
      const { p } = w;
      const learner = await login(p, PHONES[6]);
      const token = /yx_sid=([^;]+)/.exec(learner.cookie)![1];
      const { actor } = await p.services.auth.authenticate(token);
      // The sign-out commits and its clean-up runs before this start has put its lesson in hot state.
      await p.services.infra.db
        .updateTable('sessions')
        .set({ ended_at: w.clock.now().toISOString(), ended_reason: 'logout' })
        .where('id', '=', actor.sessionId)
        .execute();
      await p.services.auth.loginsEnded(learner.userId);
      const meta = { ip: '10.9.9.9', userAgent: 'test', requestId: 'race' };
      await expect(
        p.services.learning.start(
          actor,
          { classId, lessonId, deviceId: 'device-token-3', clientTimeMs: w.clock.now().getTime() },
          meta,
        ),
      ).rejects.toMatchObject({ code: 'AUTH_SESSION_EXPIRED' });
      const kinds = await p.services.infra.db
        .selectFrom('learning_records')
        .select(['kind', 'data'])
        .where('user_id', '=', learner.userId)
        .orderBy('chain_seq')
        .execute();
      expect(kinds.map((r) => r.kind)).toEqual(['session_started', 'session_ended']);
      expect(JSON.parse(kinds[1].data)).toMatchObject({ reason: 'signed_out' });
    });
  });
}

scenarios('in-process', inProcess);
if (redisUrl) scenarios('Redis', onRedis);
