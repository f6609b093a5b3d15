import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';
import { LearningOnlineProgress, LearningService, verifyChain, verifyDerived } from '../learning/index.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { LEARNER_JOB, LEARNER_DELAY_SECONDS } from './detection.service.js';

// Early warning through the real engine: lessons started and reported over HTTP raise alerts in the learner job and the
// periodic scan; the workflow runs institution → regulator with reasons, scoped like everything else; a confirmation
// strikes out the doubted credit through the learner's chain and holds the subsidy.

const S = 1000;
const VENUE = { latitude: 30.2741, longitude: 120.1551 };
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';

describe('early warning', () => {
  let p: TestPlatform;
  let classId: string;
  let lessons: { lessonId: string; courseId: string; durationMs: number | null }[];
  const phones = ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005'];
  const ids: Record<string, string> = {};
  const learners: Record<string, Session> = {};
  const clients = new Map<string, { seq: number; client: number }>();

  async function post(s: Session, url: string, payload: object, headers: Record<string, string> = {}) {
    const res = await p.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
    });
    return { status: res.statusCode, body: res.json<any>() };
  }
  async function start(
    phone: string,
    lessonId: string,
    deviceId: string,
    extra: { webdriver?: boolean; ua?: string } = {},
  ) {
    const at = p.clock.now().getTime();
    const res = await post(
      learners[phone],
      '/api/learning/sessions',
      {
        classId,
        lessonId,
        deviceId,
        clientTimeMs: at,
        ...(extra.webdriver === undefined ? {} : { webdriver: extra.webdriver }),
      },
      extra.ua ? { 'user-agent': extra.ua } : {},
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    clients.set(res.body.session.sessionId, { seq: 0, client: at });
    return res.body.session as { sessionId: string; resumeAtMs: number; durationMs: number };
  }
  async function beat(phone: string, sessionId: string, positionMs: number) {
    const c = clients.get(sessionId)!;
    // A person's browser: the timer fires a few milliseconds early or late.
    c.client += 20 * S + ((c.seq * 37) % 11) - 5;
    const res = await post(learners[phone], `/api/learning/sessions/${sessionId}/heartbeats`, {
      beats: [
        { seq: ++c.seq, positionMs, playing: true, rate: 1, visible: true, focused: true, clientTimeMs: c.client },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  const alertsOf = (userIdValue: string) =>
    p.database.db.selectFrom('alerts').selectAll().where('user_id', '=', userIdValue).execute();
  const runLearnerJobs = async () => {
    // The engine hands its records over after each commit; the jobs they queue are stored asynchronously.
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
      name: '电工（五级）预警测试班',
      startDate: day(1),
      endDate: day(30),
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, VENUE),
      learnerIds: Object.values(ids),
    });
    classId = klass.id;
    // Face checks belong to the face tests: this engine runs without a face engine, keeping every other dependency
    // (the early-warning hook included) of the one the platform built.
    const built = p.services.learning as unknown as { deps: ConstructorParameters<typeof LearningService>[0] };
    p.services.learning = new LearningService({ ...built.deps, face: null });
    p.clock.set(new Date(`${day(2)}T01:00:00.000Z`));
    // One sign-in per learner for the whole file: a second one would end the first (one device per learner).
    for (const phone of phones) learners[phone] = await login(p, phone);
    lessons = (await call(p, learners[phones[0]], 'GET', `/api/learning/classes/${classId}/progress`)).body.items;
  });
  afterAll(async () => {
    await p?.drop();
  });

  let concurrentAlertId: string;
  let completedLesson: string;
  let firstSession: string;

  it('raises one concurrent-lessons alert when lessons keep replacing each other across devices, after the learner completed one', async () => {
    const l1 = phones[0];
    const firsts = lessons.filter((l, i) => lessons.findIndex((x) => x.courseId === l.courseId) === i);
    const [a, b] = firsts.sort((x, y) => x.durationMs! - y.durationMs!) as [(typeof lessons)[0], (typeof lessons)[0]];
    completedLesson = a.lessonId;
    // Lesson A watched to the end, answering the click-to-continue checks.
    const s1 = await start(l1, a.lessonId, 'device-aaaa-0001');
    firstSession = s1.sessionId;
    let position = 0;
    let answered = 0;
    p.clock.advance(S);
    let last = await beat(l1, s1.sessionId, position);
    while (!last.lesson.complete) {
      p.clock.advance(20 * S);
      position = Math.min(position + 20 * S, a.durationMs!);
      last = await beat(l1, s1.sessionId, position);
      if (last.check) {
        // A person needs a few seconds to read and type the code.
        p.clock.advance([4, 7, 3, 9, 5][answered++ % 5] * S);
        last = (
          await post(learners[l1], `/api/learning/sessions/${s1.sessionId}/checks/${last.check.id}`, {
            code: last.check.code,
          })
        ).body;
      }
    }
    expect(await runLearnerJobs()).toBeGreaterThanOrEqual(1);
    expect(await alertsOf(ids[l1])).toEqual([]);

    // Then B on another device while A still reports, A again, B again: three live replacements in minutes.
    p.clock.advance(10 * S);
    const s2 = await start(l1, b.lessonId, 'device-bbbb-0002');
    p.clock.advance(20 * S);
    await beat(l1, s2.sessionId, 0);
    p.clock.advance(20 * S);
    await beat(l1, s2.sessionId, 20 * S);
    p.clock.advance(10 * S);
    const s3 = await start(l1, a.lessonId, 'device-aaaa-0001');
    p.clock.advance(20 * S);
    await beat(l1, s3.sessionId, 0);
    p.clock.advance(10 * S);
    const s4 = await start(l1, b.lessonId, 'device-bbbb-0002');
    expect(await runLearnerJobs()).toBeGreaterThanOrEqual(1);

    const [alert, ...more] = await alertsOf(ids[l1]);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'concurrent_lessons',
      status: 'open',
      subject_type: 'learner',
      class_id: classId,
      detections: 1,
    });
    expect(JSON.parse(alert.facts)).toMatchObject({ replacements: 3, devices: 2 });
    expect(JSON.parse(alert.session_ids)).toEqual(expect.arrayContaining([s1.sessionId, s2.sessionId, s3.sessionId]));
    concurrentAlertId = alert.id;

    // Found again (another event, another run): the same alert is updated, not raised twice; a run that finds
    // nothing new changes nothing.
    await p.services.detection.scanLearner(ids[l1]);
    expect(await alertsOf(ids[l1])).toMatchObject([{ id: concurrentAlertId, detections: 1 }]);
    await beat(l1, s4.sessionId, 0);
    p.clock.advance(10 * S);
    await start(l1, a.lessonId, 'device-aaaa-0001');
    await runLearnerJobs();
    const again = await alertsOf(ids[l1]);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: concurrentAlertId, detections: 2 });
    expect(JSON.parse(again[0].facts)).toMatchObject({ replacements: 4 });
  });

  it('announces new alerts to the institution and keeps them from other institutions and regions', async () => {
    const adminA = await login(p, DEMO.adminA);
    const notes = await call(p, adminA, 'GET', '/api/notifications');
    expect(notes.body.unread).toBeGreaterThanOrEqual(1);
    expect(notes.body.items[0]).toMatchObject({
      kind: 'alert_raised',
      refId: concurrentAlertId,
      link: `/alerts/${concurrentAlertId}`,
      params: { alertKind: 'concurrent_lessons', severity: 'medium' },
    });
    expect((await call(p, adminA, 'POST', `/api/notifications/${notes.body.items[0].id}/read`)).body).toEqual({
      updated: 1,
    });
    expect(
      (await call(p, await login(p, DEMO.adminB), 'POST', `/api/notifications/${notes.body.items[0].id}/read`)).status,
    ).toBe(404);

    const list = await call(p, adminA, 'GET', '/api/alerts?status=open');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: any) => a.id)).toContain(concurrentAlertId);
    expect(list.body.items.find((a: any) => a.id === concurrentAlertId)).toMatchObject({
      learner: { name: expect.any(String) },
      class: { id: classId },
      severity: 'medium',
    });
    const detail = await call(p, adminA, 'GET', `/api/alerts/${concurrentAlertId}`);
    expect(detail.body.evidence.length).toBeGreaterThanOrEqual(3);
    expect(detail.body.evidence[0]).toMatchObject({
      type: 'learning_record',
      record: { kind: 'session_superseded', chainSeq: expect.any(Number), hash: expect.any(String) },
    });
    expect(detail.body.sessions.find((s: any) => s.id === firstSession).creditedMs).toBeGreaterThan(0);
    expect(detail.body.actions).toEqual({ review: true, propose: true, decide: false });
    expect(detail.body.events.map((e: any) => e.action)).toEqual(['raised']);

    for (const phone of [DEMO.provinceRegulator, DEMO.hangzhouRegulator, DEMO.xihuRegulator, DEMO.operator]) {
      expect((await call(p, await login(p, phone), 'GET', `/api/alerts/${concurrentAlertId}`)).status, phone).toBe(200);
    }
    for (const phone of [DEMO.adminB, DEMO.ningboRegulator, DEMO.haishuRegulator]) {
      expect((await call(p, await login(p, phone), 'GET', `/api/alerts/${concurrentAlertId}`)).status, phone).toBe(404);
      expect(
        (await call(p, await login(p, phone), 'GET', '/api/alerts')).body.items.map((a: any) => a.id),
      ).not.toContain(concurrentAlertId);
    }
    expect((await call(p, await login(p, DEMO.teacherA), 'GET', '/api/alerts')).status).toBe(403);
    expect((await call(p, learners[phones[1]], 'GET', '/api/alerts')).status).toBe(403);
    expect((await call(p, adminA, 'GET', '/api/alerts?kind=nonsense')).status).toBe(400);
  });

  it('runs the workflow with reasons: the institution reviews and proposes, only the regulator decides', async () => {
    const adminA = await login(p, DEMO.adminA);
    const url = `/api/alerts/${concurrentAlertId}`;
    expect((await call(p, adminA, 'POST', `${url}/review`, {})).status).toBe(400);
    expect((await call(p, adminA, 'POST', `${url}/review`, { reason: '  ' })).body.error.code).toBe(
      'ALERT_REASON_REQUIRED',
    );
    expect(
      (await call(p, adminA, 'POST', `${url}/review`, { reason: '核实学员是否多开', extra: 1 })).body.error.code,
    ).toBe('UNKNOWN_FIELD');
    const reviewed = await call(p, adminA, 'POST', `${url}/review`, { reason: '核实学员是否多开' });
    expect(reviewed.body.alert.status).toBe('under_review');
    expect((await call(p, adminA, 'POST', `${url}/review`, { reason: '再次' })).body.error).toMatchObject({
      code: 'ALERT_ILLEGAL_TRANSITION',
      details: { status: 'under_review' },
    });
    expect(
      (await call(p, adminA, 'POST', `${url}/decide`, { decision: 'confirm', reason: '机构自行确认' })).status,
    ).toBe(403);
    const proposed = await call(p, adminA, 'POST', `${url}/propose`, {
      decision: 'confirm',
      reason: '学员承认同时打开两台设备挂课',
    });
    expect(proposed.body.alert.proposal).toMatchObject({ decision: 'confirm', reason: '学员承认同时打开两台设备挂课' });
    const xihu = await login(p, DEMO.xihuRegulator);
    const regulatorNotes = (await call(p, xihu, 'GET', '/api/notifications?unread=true')).body.items;
    expect(regulatorNotes.find((n: any) => n.kind === 'alert_proposed' && n.refId === concurrentAlertId)).toMatchObject(
      { params: { decision: 'confirm' } },
    );
    expect((await call(p, xihu, 'POST', `${url}/propose`, { decision: 'confirm', reason: '监管' })).status).toBe(403);
    expect(
      (
        await call(p, await login(p, DEMO.ningboRegulator), 'POST', `${url}/decide`, {
          decision: 'confirm',
          reason: '越权',
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(p, await login(p, DEMO.operator), 'POST', `${url}/decide`, { decision: 'confirm', reason: '平台' }))
        .status,
    ).toBe(403);
  });

  it('a confirmation strikes out the doubted credit through the chain, reopens the lesson and holds the subsidy', async () => {
    const l1 = ids[phones[0]];
    const online = new LearningOnlineProgress({ db: p.database.db });
    const before = (await online.forLearner(classId, l1)).find((l) => l.lessonId === completedLesson)!;
    expect(before).toMatchObject({ completed: true });
    expect(before.creditedSeconds).toBeGreaterThan(0);
    const xihu = await login(p, DEMO.xihuRegulator);
    const decided = await call(p, xihu, 'POST', `/api/alerts/${concurrentAlertId}/decide`, {
      decision: 'confirm',
      reason: '多设备同时学习，证据确凿',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.alert).toMatchObject({ status: 'confirmed', decision: { reason: '多设备同时学习，证据确凿' } });
    expect(decided.body.alert.revokedMs).toBeGreaterThanOrEqual(before.creditedSeconds * 1000);
    expect(decided.body.events.map((e: any) => e.action)).toEqual([
      'raised',
      'review_started',
      'proposed',
      'confirmed',
    ]);

    // Class hours and the theory gate read the rebuilt progress; the evidence is all still there, plus the decision.
    const after = (await online.forLearner(classId, l1)).find((l) => l.lessonId === completedLesson)!;
    expect(after).toMatchObject({ completed: false, creditedSeconds: 0 });
    const decision = await p.database.db
      .selectFrom('learning_records')
      .selectAll()
      .where('user_id', '=', l1)
      .where('kind', '=', 'credit_revoked')
      .execute();
    expect(decision).toHaveLength(1);
    expect(JSON.parse(decision[0].data)).toMatchObject({
      decisionId: concurrentAlertId,
      classId,
      sessionIds: expect.arrayContaining([firstSession]),
    });
    expect(decision[0].credited_ms).toBe(-decided.body.alert.revokedMs);
    expect(
      await p.database.db
        .selectFrom('learning_records')
        .select('id')
        .where('session_id', '=', firstSession)
        .where('credited_ms', '>', 0)
        .execute(),
    ).not.toEqual([]);
    expect(await verifyChain(p.database.db, l1)).toMatchObject({ ok: true });
    // The rebuilt progress and day totals are what the chain says (the derived verifier replays the same records).
    expect(await verifyDerived(p.database.db, l1)).toEqual([]);
    const today = await p.database.db
      .selectFrom('learning_daily')
      .select('credited_ms')
      .where('user_id', '=', l1)
      .executeTakeFirstOrThrow();
    expect(today.credited_ms).toBeLessThan(before.creditedSeconds * 1000);

    // The learner's live lesson was ended, so nothing writes the old progress back; a new start resumes from zero.
    const resumed = await start(phones[0], completedLesson, 'device-aaaa-0001');
    expect(resumed.resumeAtMs).toBe(0);

    const adminA = await login(p, DEMO.adminA);
    const holds = await call(p, adminA, 'GET', `/api/subsidy-holds?userId=${l1}`);
    expect(holds.body.items).toMatchObject([{ userId: l1, classId, alertId: concurrentAlertId, status: 'held' }]);
    expect(await p.services.alerts.isSubsidyHeld(l1, classId)).toBe(true);
    expect((await call(p, adminA, 'GET', '/api/notifications')).body.items[0]).toMatchObject({
      kind: 'alert_decided',
      params: { decision: 'confirm' },
    });
    const audit = await call(p, xihu, 'GET', `/api/audit?targetId=${concurrentAlertId}`);
    expect(audit.body.items.map((e: any) => e.action).sort()).toEqual([
      'alert.confirmed',
      'alert.proposed',
      'alert.review_started',
    ]);
    expect(
      (await call(p, xihu, 'POST', `/api/alerts/${concurrentAlertId}/decide`, { decision: 'dismiss', reason: '改判' }))
        .body.error.code,
    ).toBe('ALERT_ILLEGAL_TRANSITION');

    // The regulator may release the hold, with a reason; the institution may not.
    const holdId = holds.body.items[0].id;
    expect((await call(p, adminA, 'POST', `/api/subsidy-holds/${holdId}/release`, { reason: '机构申请' })).status).toBe(
      403,
    );
    expect(
      (await call(p, xihu, 'POST', `/api/subsidy-holds/${holdId}/release`, { reason: '学员已重新学习并复核' })).body
        .hold,
    ).toMatchObject({ status: 'released' });
    expect(await p.services.alerts.isSubsidyHeld(l1, classId)).toBe(false);
  });

  it('flags a headless browser as a scripted player, and a dismissal changes nothing but the alert', async () => {
    const l2 = phones[1];
    const s = await start(l2, lessons[0].lessonId, 'device-cccc-0003', { webdriver: true, ua: HEADLESS });
    p.clock.advance(20 * S);
    await beat(l2, s.sessionId, 0);
    await runLearnerJobs();
    const [alert] = await alertsOf(ids[l2]);
    expect(alert).toMatchObject({ kind: 'scripted_player', status: 'open' });
    expect(JSON.parse(alert.facts).signals).toEqual(['automation']);
    const xihu = await login(p, DEMO.xihuRegulator);
    const dismissed = await call(p, xihu, 'POST', `/api/alerts/${alert.id}/decide`, {
      decision: 'dismiss',
      reason: '学员使用辅助阅读工具，经核实本人学习',
    });
    expect(dismissed.body.alert).toMatchObject({ status: 'dismissed', revokedMs: 0 });
    expect(dismissed.body.subsidyHold).toBeNull();
  });

  it('finds one device rotating accounts and a different face on one account in the periodic scan', async () => {
    const [, , l3, l4, l5] = phones as [string, string, string, string, string];
    const since = p.clock.now().getTime();
    for (let i = 0; i < 7; i++) {
      const who = i % 2 ? l4 : l3;
      const s = await start(who, lessons[0].lessonId, 'studio-pc-000001');
      p.clock.advance(20 * S);
      await beat(who, s.sessionId, 0);
      p.clock.advance(5 * 60 * S);
    }
    for (let i = 0; i < 4; i++) {
      await p.database.db
        .insertInto('face_checks')
        .values({
          id: newId(),
          user_id: ids[l5],
          enrolment_id: null,
          context_kind: 'learning',
          context_id: null,
          engine: 'test',
          distance: 0.62 + i / 100,
          threshold: 0.52,
          result: 'fail',
          reason: 'mismatch',
          photo_key: null,
          at: new Date(p.clock.now().getTime() + i * 60 * S).toISOString(),
        })
        .execute();
    }
    p.clock.advance(5 * 60 * S);
    await p.services.detection.scan(since, p.clock.now().getTime());
    for (const who of [l3, l4]) {
      const found = await alertsOf(ids[who]);
      expect(
        found.map((a) => a.kind),
        who,
      ).toContain('shared_device');
      expect(JSON.parse(found.find((a) => a.kind === 'shared_device')!.facts).signals).toEqual(['switches']);
    }
    const face = (await alertsOf(ids[l5])).find((a) => a.kind === 'face_mismatch');
    expect(face).toMatchObject({ severity: 'high', class_id: classId });
    const adminA = await login(p, DEMO.adminA);
    const detail = await call(p, adminA, 'GET', `/api/alerts/${face!.id}`);
    expect(detail.body.evidence.map((e: any) => e.type)).toEqual([
      'face_check',
      'face_check',
      'face_check',
      'face_check',
    ]);
    expect(detail.body.evidence[0].faceCheck).toMatchObject({ result: 'fail', reason: 'mismatch', threshold: 0.52 });
    // The scan again over the same window: the same alerts, updated.
    const count = (await p.database.db.selectFrom('alerts').select('id').execute()).length;
    await p.services.detection.scan(since, p.clock.now().getTime());
    expect((await p.database.db.selectFrom('alerts').select('id').execute()).length).toBe(count);
  });

  it('scores risk for learners, classes and institutions, explained by the alerts', async () => {
    const xihu = await login(p, DEMO.xihuRegulator);
    const learner = await call(p, xihu, 'GET', `/api/alerts/risk/learners/${ids[phones[0]]}`);
    expect(learner.body.risk).toMatchObject({
      level: expect.any(String),
      contributions: [{ alertId: concurrentAlertId, kind: 'concurrent_lessons', status: 'confirmed', points: 15 }],
    });
    const klass = await call(p, xihu, 'GET', `/api/alerts/risk/classes/${classId}`);
    expect(klass.body.risk.score).toBeGreaterThan(0);
    expect(klass.body.risk.members[0]).toMatchObject({
      id: expect.any(String),
      score: expect.any(Number),
      name: expect.any(String),
    });
    const top = await call(p, xihu, 'GET', '/api/alerts/risk/top-learners?limit=3');
    expect(top.body.items.length).toBeGreaterThanOrEqual(3);
    expect(top.body.items[0].score).toBeGreaterThanOrEqual(top.body.items[1].score);
    expect((await call(p, await login(p, DEMO.adminB), 'GET', `/api/alerts/risk/classes/${classId}`)).status).toBe(404);
  });
});
