import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { LEARNER_DELAY_SECONDS, LEARNER_JOB } from '../alerts/index.js';
import { call, createTestPlatform, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { LearningService } from './learning.service.js';

// Issue 14, ADR 0008, through the HTTP API with the manual clock: credit is provisional until the next passed check,
// a check belongs to the learner and the lesson (ending, restarting or another device does not shake it off), and
// the tools that dodge or ignore checks are flagged by early warning as their events arrive.

const S = 1000;
const MIN = 60 * S;
const VENUE = { latitude: 30.2741, longitude: 120.1551 };

type View = {
  sessionId: string;
  resumeAtMs: number;
  heldMs: number;
  lesson: { creditedMs: number; watchedMs: number; complete: boolean };
  check: { id: string; kind: string; code: string | null; deadline: string; failed: boolean } | null;
  results?: { creditedMs: number; heldMs: number; reason: string | null }[];
};

describe('supervision that cannot be dodged (ADR 0008)', () => {
  let p: TestPlatform;
  let classId: string;
  let lessons: { lessonId: string; courseId: string; durationMs: number }[];
  const phones = ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005'];
  const ids: Record<string, string> = {};
  const learners: Record<string, Session> = {};
  /** The player of each learner: its report counter, clock and position. */
  const players = new Map<string, { sessionId: string; seq: number; client: number; position: number }>();

  const firstLessons = () => lessons.filter((l, i) => lessons.findIndex((x) => x.courseId === l.courseId) === i);

  async function start(phone: string, lessonId: string, deviceId = 'device-supervision-1') {
    const at = p.clock.now().getTime();
    const res = await call(p, learners[phone], 'POST', '/api/learning/sessions', {
      classId,
      lessonId,
      deviceId,
      clientTimeMs: at,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const view = res.body.session as View;
    players.set(phone, { sessionId: view.sessionId, seq: 0, client: at, position: view.resumeAtMs });
    return view;
  }

  /** One report `advanceMs` later; a tool keeps saying "playing, in view" and moves the position in real time. */
  async function beat(phone: string, advanceMs = 20 * S): Promise<View> {
    const pl = players.get(phone)!;
    p.clock.advance(advanceMs);
    pl.client += advanceMs;
    pl.position += advanceMs;
    const res = await call(p, learners[phone], 'POST', `/api/learning/sessions/${pl.sessionId}/heartbeats`, {
      beats: [
        {
          seq: ++pl.seq,
          positionMs: pl.position,
          playing: true,
          rate: 1,
          visible: true,
          focused: true,
          clientTimeMs: pl.client,
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as View;
  }

  /** Plays until the server issues a check (bounded: the first comes within the policy's first minutes). */
  async function untilCheck(phone: string): Promise<View> {
    for (let i = 0; i < 15; i++) {
      const view = await beat(phone);
      if (view.check && !view.check.failed) return view;
    }
    throw new Error('no check was issued');
  }

  const post = (phone: string, path: string, body: object = {}) =>
    call(p, learners[phone], 'POST', `/api/learning/sessions/${players.get(phone)!.sessionId}${path}`, body);

  const recordsOf = (userIdValue: string) =>
    p.database.db
      .selectFrom('learning_records')
      .selectAll()
      .where('user_id', '=', userIdValue)
      .orderBy('chain_seq')
      .execute();
  const progressOf = (userIdValue: string, lessonId: string) =>
    p.database.db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('user_id', '=', userIdValue)
      .where('lesson_id', '=', lessonId)
      .executeTakeFirst();
  const evasionAlerts = (userIdValue: string) =>
    p.database.db
      .selectFrom('alerts')
      .selectAll()
      .where('user_id', '=', userIdValue)
      .where('kind', '=', 'check_evasion')
      .execute();
  const runLearnerJobs = async () => {
    // The engine hands its records to early warning after each commit; the learner job runs after a short delay.
    await p.services.detection.idle();
    p.clock.advance((LEARNER_DELAY_SECONDS + 1) * S);
    return p.services.jobs.drain({ type: LEARNER_JOB });
  };

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    for (const phone of phones) ids[phone] = await userId(p, phone);
    const world = await prepareClassWorld(p);
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）防刷课测试班',
      startDate: day(1),
      endDate: day(30),
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, VENUE),
      learnerIds: Object.values(ids),
    });
    classId = klass.id;
    // Code checks only (face checks have their own file); every other dependency — the early-warning hook included —
    // is the platform's own.
    const built = p.services.learning as unknown as { deps: ConstructorParameters<typeof LearningService>[0] };
    // Check moments from a fixed draw: the first check of every session 2 minutes in (the middle of the national 1–3
    // minutes; 66 s in a two-minute lesson), so the reports around it are known.
    p.services.learning = new LearningService({ ...built.deps, face: null, random: () => 0.5 });
    p.clock.set(new Date(`${day(2)}T01:00:00.000Z`));
    for (const phone of phones) learners[phone] = await login(p, phone);
    lessons = (await call(p, learners[phones[0]], 'GET', `/api/learning/classes/${classId}/progress`)).body.items;
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('the restart-dodge: a check open when the lesson is ended is a miss that stays with the lesson, and the time before it is never committed', async () => {
    const phone = phones[0];
    const lesson = firstLessons()[0];
    const started = await start(phone, lesson.lessonId);
    const startedAt = p.clock.now().getTime();
    await beat(phone, S);
    const issued = await untilCheck(phone);
    // The first check of a session comes within the policy's first minutes (national: 3).
    expect(p.clock.now().getTime() - startedAt).toBeLessThanOrEqual(3 * MIN + 20 * S);
    // Everything played so far is held, nothing committed.
    expect(issued.heldMs).toBeGreaterThan(0);
    expect(issued.lesson.creditedMs).toBe(0);

    const ended = await post(phone, '/end');
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ ended: true, heldMs: 0, check: { id: issued.check!.id, failed: true } });
    const missed = (await recordsOf(ids[phone]))
      .filter((r) => r.kind === 'check_missed')
      .map((r) => JSON.parse(r.data));
    expect(missed).toEqual([expect.objectContaining({ checkId: issued.check!.id, reason: 'session_ended' })]);

    // Restarting the lesson does not shake the check off: the new session starts with it (failed), at the start.
    const again = await start(phone, lesson.lessonId);
    expect(again.sessionId).not.toBe(started.sessionId);
    expect(again).toMatchObject({
      check: { id: issued.check!.id, failed: true },
      lesson: { creditedMs: 0, watchedMs: 0 },
      heldMs: 0,
      resumeAtMs: 0,
    });
    await beat(phone, S);
    expect((await beat(phone)).results![0]).toMatchObject({ creditedMs: 0, heldMs: 0, reason: 'check_failed' });
    expect(await progressOf(ids[phone], lesson.lessonId)).toMatchObject({ credited_ms: 0, coverage: '[]' });
  });

  it('a restart without ending (another device) starts with the open check, whose deadline keeps running', async () => {
    const phone = phones[1];
    const lesson = firstLessons()[0];
    await start(phone, lesson.lessonId, 'device-phone-a');
    await beat(phone, S);
    const issued = await untilCheck(phone);
    const held = issued.heldMs;
    expect(held).toBeGreaterThan(0);
    const moved = await start(phone, lesson.lessonId, 'device-laptop-b');
    expect(moved).toMatchObject({
      check: { id: issued.check!.id, deadline: issued.check!.deadline, failed: false },
      heldMs: held,
      lesson: { creditedMs: 0 },
    });
    // Its deadline passes on the new device: a miss, and the held time is dropped.
    p.clock.set(new Date(Date.parse(issued.check!.deadline)));
    const late = await beat(phone, S);
    expect(late).toMatchObject({ check: { id: issued.check!.id, failed: true }, heldMs: 0, lesson: { creditedMs: 0 } });
    const kinds = (await recordsOf(ids[phone])).map((r) => r.kind);
    expect(kinds).toContain('check_missed');
  });

  it('held time is carried over an ordinary end and committed by the next passed check', async () => {
    const phone = phones[2];
    const lesson = firstLessons()[1];
    await start(phone, lesson.lessonId);
    await beat(phone, S);
    await beat(phone);
    const before = await beat(phone);
    expect(before.check).toBeNull();
    expect(before.heldMs).toBe(40 * S);
    expect((await post(phone, '/end')).body).toMatchObject({ ended: true, heldMs: 40 * S, check: null });
    const again = await start(phone, lesson.lessonId);
    // It resumes at the end of the held ground (the first report moved the position 1 s while loading).
    expect(again).toMatchObject({ heldMs: 40 * S, resumeAtMs: 41 * S, lesson: { creditedMs: 0 }, check: null });
    await beat(phone, S);
    const issued = await untilCheck(phone);
    const answered = await post(phone, `/checks/${issued.check!.id}`, { code: issued.check!.code });
    expect(answered.body).toMatchObject({ result: 'passed', heldMs: 0 });
    expect(answered.body.lesson.creditedMs).toBe(issued.heldMs);
    expect(answered.body.lesson.creditedMs).toBeGreaterThan(40 * S);
  });

  it('a learner leaving asks for a final check: passing it commits the held time, and there is none to ask for with nothing held', async () => {
    const phone = phones[2];
    const lesson = firstLessons()[1];
    await start(phone, lesson.lessonId);
    await beat(phone, S);
    const played = await beat(phone);
    expect(played).toMatchObject({ check: null });
    const held = played.heldMs;
    const final = await post(phone, '/checks/final');
    expect(final.status).toBe(200);
    expect(final.body.check).toMatchObject({ kind: 'code', failed: false });
    const passed = await post(phone, `/checks/${final.body.check.id}`, { code: final.body.check.code });
    expect(passed.body).toMatchObject({ result: 'passed', heldMs: 0 });
    expect(passed.body.lesson.creditedMs).toBe(played.lesson.creditedMs + held);
    // Nothing held now: no check is issued, and ending leaves nothing behind.
    expect((await post(phone, '/checks/final')).body).toMatchObject({ check: null, heldMs: 0 });
    expect((await post(phone, '/end')).body).toMatchObject({ ended: true, heldMs: 0, check: null });
  });

  it('flags a restart-dodging tool within 5 minutes: each check it ends the lesson on is a miss and a dodge', async () => {
    const phone = phones[3];
    const lesson = firstLessons()[0];
    await start(phone, lesson.lessonId);
    await beat(phone, S);
    const first = await untilCheck(phone);
    const firstDodgeAt = p.clock.now().getTime();
    await post(phone, '/end');
    // The tool starts again, asks for a new check in place of the failed one, and ends the lesson as it appears.
    await start(phone, lesson.lessonId);
    const retried = await post(phone, '/checks/retry');
    expect(retried.body.check).toMatchObject({ failed: false });
    expect(retried.body.check.id).not.toBe(first.check!.id);
    await beat(phone, S);
    await post(phone, '/end');
    await start(phone, lesson.lessonId);
    await runLearnerJobs();
    const alerts = await evasionAlerts(ids[phone]);
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0].facts)).toMatchObject({ dodges: 2, inWindow: 2, threshold: 2 });
    expect(p.clock.now().getTime() - firstDodgeAt).toBeLessThanOrEqual(5 * MIN);
    // It earned nothing for all its playing.
    expect(await progressOf(ids[phone], lesson.lessonId)).toMatchObject({ credited_ms: 0 });
  });

  it('a hang-up tool (hidden tab reported visible, no answers) keeps no credit and is flagged within 5 minutes of its first check', async () => {
    const phone = phones[4];
    const lesson = firstLessons()[1];
    await start(phone, lesson.lessonId);
    await beat(phone, S);
    const issued = await untilCheck(phone);
    const issuedAt = p.clock.now().getTime();
    let view = issued;
    for (let i = 0; i < 6 && !view.check?.failed; i++) view = await beat(phone);
    expect(view).toMatchObject({ check: { id: issued.check!.id, failed: true }, heldMs: 0, lesson: { creditedMs: 0 } });
    // It plays on regardless: nothing is earned while the check stays failed.
    expect((await beat(phone)).results![0]).toMatchObject({ creditedMs: 0, heldMs: 0, reason: 'check_failed' });
    await runLearnerJobs();
    const alerts = await evasionAlerts(ids[phone]);
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0].facts)).toMatchObject({ playedThrough: 1 });
    expect(p.clock.now().getTime() - issuedAt).toBeLessThanOrEqual(5 * MIN);
    expect(await progressOf(ids[phone], lesson.lessonId)).toMatchObject({ credited_ms: 0 });
  });

  it('a short lesson gets a check within it and completes only when the final check at its end is passed', async () => {
    const phone = phones[2];
    const lesson = firstLessons()[2];
    // A two-minute lesson: a video's probed duration, or a document's reading time, is what the engine plays against.
    const row = await p.database.db
      .selectFrom('lessons')
      .select('media_id')
      .where('id', '=', lesson.lessonId)
      .executeTakeFirstOrThrow();
    await p.database.db.updateTable('lessons').set({ document_minutes: 2 }).where('id', '=', lesson.lessonId).execute();
    await p.database.db
      .updateTable('media')
      .set({ duration_ms: 2 * MIN })
      .where('id', '=', row.media_id ?? '')
      .execute();
    await start(phone, lesson.lessonId);
    await beat(phone, S);
    const checks: { position: number; complete: boolean }[] = [];
    let view: View | null = null;
    for (let i = 0; i < 8 && players.get(phone)!.position < 2 * MIN; i++) {
      view = await beat(phone);
      if (view.check && !view.check.failed) {
        checks.push({ position: Math.min(players.get(phone)!.position, 2 * MIN), complete: view.lesson.complete });
        view = (await post(phone, `/checks/${view.check.id}`, { code: view.check.code })).body as View;
      }
    }
    expect(checks).toHaveLength(2);
    expect(checks[0].position).toBeLessThanOrEqual(2 * MIN * 0.6 + 21 * S);
    // The final check at the end: watched to the end but not yet confirmed, so not complete until it is passed.
    expect(checks[1]).toEqual({ position: 2 * MIN, complete: false });
    expect(view).toMatchObject({ heldMs: 0, lesson: { complete: true } });
    expect(view!.lesson.creditedMs).toBeGreaterThanOrEqual(2 * MIN * 0.95);
  });
});
