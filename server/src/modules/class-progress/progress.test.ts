import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import {
  openApprovedClass,
  prepareClassWorld,
  topUpSession,
  userId,
  type ClassWorld,
} from '../classes/classes.testkit.js';
import { LearningOnlineProgress } from '../learning/index.js';
import { type LessonCredit, type OnlineCredit, type OnlineProgressReader } from './online-progress.js';
import { hoursPlan, learnerStage, onlineClassHours, PROGRESS_HEADERS } from './progress.js';
import { ProgressService } from './progress.service.js';

// Hours and progress of a class: the rules as pure functions, then the figures, the scope, the learner's detail and
// the audited Excel export through the API on the configured dialect. The learning engine does not exist yet, so a
// fake reader credits online seconds; offline minutes are attendance rows as check-out leaves them.

describe('hours rules', () => {
  it('turns credited seconds into class hours of the policy’s length, never rounding up', () => {
    expect(onlineClassHours(5400, 45)).toBe(2);
    expect(onlineClassHours(5400, 30)).toBe(3);
    expect(onlineClassHours(5400, 60)).toBe(1.5);
    expect(onlineClassHours(2000, 45)).toBe(0.7);
    expect(onlineClassHours(2699, 45)).toBe(0.9);
    expect(onlineClassHours(0, 45)).toBe(0);
  });

  it('tells the learner’s stage', () => {
    const plan = hoursPlan({ classHourMinutes: 45, onlineHourFactor: 1, courseHours: [1, 20.5], offlineHours: 10 });
    expect(plan).toEqual({
      classHourMinutes: 45,
      onlineHourFactor: 1,
      onlineRequiredHours: 21.5,
      offlineRequiredHours: 10,
      requiredHours: 31.5,
    });
    const stage = (f: Partial<Parameters<typeof learnerStage>[0]>) =>
      learnerStage(
        { lessonsCompleted: 0, lessonsTotal: 8, onlineSeconds: 0, offlineMinutes: 0, offlineHours: 0, ...f },
        plan,
      );
    expect(stage({})).toBe('not_started');
    expect(stage({ onlineSeconds: 60 })).toBe('learning');
    expect(stage({ lessonsCompleted: 8, onlineSeconds: 9000 })).toBe('theory_complete');
    expect(stage({ lessonsCompleted: 8, onlineSeconds: 9000, offlineMinutes: 449, offlineHours: 9.9 })).toBe(
      'theory_complete',
    );
    expect(stage({ lessonsCompleted: 8, onlineSeconds: 9000, offlineMinutes: 450, offlineHours: 10 })).toBe(
      'completed',
    );
    // Counted online hours at a discount (some provinces count online at 50%).
    expect(
      hoursPlan({ classHourMinutes: 45, onlineHourFactor: 0.5, courseHours: [40], offlineHours: 40 }).requiredHours,
    ).toBe(60);
  });
});

describe('class progress through the API', () => {
  let p: TestPlatform;
  let world: ClassWorld;
  let classId: string;
  let sessions: { id: string; title: string; startsAt: string; endsAt: string }[];
  let lessons: string[];
  const ids = {} as Record<'l1' | 'l2' | 'l3' | 'l4' | 'l5' | 'outsider', string>;
  const s = {} as Record<'adminA' | 'teacherA' | 'adminB' | 'xihu', Session>;
  /** What the fake learning engine has credited: userId → lessonId → seconds (and whether completed). */
  const credited = new Map<string, Map<string, { seconds: number; completed: boolean }>>();

  const fakeEngine: OnlineProgressReader = {
    async forClass(id) {
      const out = new Map<string, OnlineCredit>();
      if (id !== classId) return out;
      for (const [user, byLesson] of credited) {
        const values = [...byLesson.values()];
        out.set(user, {
          creditedSeconds: values.reduce((sum, v) => sum + v.seconds, 0),
          lessonsCompleted: values.filter((v) => v.completed).length,
          lessonsTotal: lessons.length,
        });
      }
      return out;
    },
    async forLearner(id, user): Promise<LessonCredit[]> {
      return lessons.map((lessonId) => {
        const c = id === classId ? credited.get(user)?.get(lessonId) : undefined;
        return { lessonId, creditedSeconds: c?.seconds ?? 0, completed: c?.completed ?? false };
      });
    },
  };
  const attend = async (user: string, sessionId: string, minutes: number) => {
    const session = sessions.find((x) => x.id === sessionId)!;
    await p.database.db
      .insertInto('attendance')
      .values({
        id: newId(),
        class_id: classId,
        session_id: sessionId,
        user_id: user,
        check_in_at: session.startsAt,
        check_in_latitude: 30.2741,
        check_in_longitude: 120.1551,
        check_in_photo_key: 'attendance/test/check-in.jpg.enc',
        check_out_at: new Date(Date.parse(session.startsAt) + minutes * 60_000).toISOString(),
        check_out_latitude: 30.2741,
        check_out_longitude: 120.1551,
        check_out_photo_key: 'attendance/test/check-out.jpg.enc',
        minutes,
      })
      .execute();
  };
  const minutesOf = (x: { startsAt: string; endsAt: string }) =>
    (Date.parse(x.endsAt) - Date.parse(x.startsAt)) / 60_000;

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    for (const [k, phone] of Object.entries({
      l1: '13800000001',
      l2: '13800000002',
      l3: '13800000003',
      l4: '13800000004',
      l5: '13800000005',
      outsider: '13800000006',
    })) {
      ids[k as keyof typeof ids] = await userId(p, phone);
    }
    world = await prepareClassWorld(p);
    const venue = { latitude: 30.2741, longitude: 120.1551 };
    const planned = [
      {
        title: '配电实训（一）',
        venueName: '西湖实训基地',
        address: '杭州市西湖区文三路 1 号',
        ...venue,
        startsAt: `${day(10)}T01:00:00.000Z`,
        endsAt: `${day(10)}T05:00:00.000Z`,
      },
    ];
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）学时班',
      startDate: day(7),
      endDate: day(40),
      sessions: [...planned, ...topUpSession(world, planned, `${day(12)}T00:00:00.000Z`, venue)],
      learnerIds: [ids.l1, ids.l2, ids.l3, ids.l4, ids.l5],
    });
    classId = klass.id;
    sessions = klass.sessions.map((x) => ({ id: x.id, title: x.title, startsAt: x.startsAt, endsAt: x.endsAt }));
    await p.database.db
      .updateTable('enrolments')
      .set({ status: 'withdrawn' })
      .where('class_id', '=', classId)
      .where('user_id', '=', ids.l5)
      .execute();
    lessons = (await new LearningOnlineProgress({ db: p.database.db }).forLearner(classId, ids.l1)).map(
      (l) => l.lessonId,
    );

    // l1 finished everything; l2 has started both parts; l3 nothing; l4 finished the theory only.
    credited.set(ids.l1, new Map(lessons.map((id) => [id, { seconds: 5400 / lessons.length, completed: true }])));
    credited.set(ids.l2, new Map([[lessons[0], { seconds: 2000, completed: true }]]));
    credited.set(ids.l4, new Map(lessons.map((id) => [id, { seconds: 600, completed: true }])));
    for (const x of sessions) await attend(ids.l1, x.id, minutesOf(x));
    await attend(ids.l2, sessions[0].id, 210);

    const { db, clock } = p.services.infra;
    const { audit, courses, policies } = p.services;
    p.services.progress = new ProgressService({ db, clock, audit, courses, policies, online: fakeEngine });
    s.adminA = await login(p, DEMO.adminA);
    s.teacherA = await login(p, DEMO.teacherA);
    s.adminB = await login(p, DEMO.adminB);
    s.xihu = await login(p, DEMO.xihuRegulator);
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('reports each learner’s online and offline hours against what the class requires', async () => {
    const res = await call(p, s.adminA, 'GET', `/api/classes/${classId}/progress`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { plan, learners } = res.body.progress;
    expect(plan).toEqual({
      classHourMinutes: 45,
      onlineHourFactor: 1,
      onlineRequiredHours: world.plan.online,
      offlineRequiredHours: world.plan.offline,
      requiredHours: world.plan.minHours,
    });
    const offlineAll = sessions.reduce((sum, x) => sum + minutesOf(x), 0);
    const byUser = new Map<string, any>(learners.map((l: any) => [l.userId, l]));
    expect(byUser.get(ids.l1)).toMatchObject({
      enrolment: 'enrolled',
      onlineSeconds: 5400,
      onlineHours: 2,
      lessonsCompleted: lessons.length,
      lessonsTotal: lessons.length,
      offlineMinutes: offlineAll,
      offlineHours: Math.floor((offlineAll * 10) / 45) / 10,
      requiredHours: world.plan.minHours,
      stage: 'completed',
    });
    expect(byUser.get(ids.l1).totalHours).toBe(Math.floor((2 + byUser.get(ids.l1).offlineHours) * 10) / 10);
    expect(byUser.get(ids.l2)).toMatchObject({
      onlineSeconds: 2000,
      onlineHours: 0.7,
      lessonsCompleted: 1,
      offlineMinutes: 210,
      offlineHours: 4.6,
      totalHours: 5.3,
      stage: 'learning',
    });
    expect(byUser.get(ids.l3)).toMatchObject({
      onlineHours: 0,
      lessonsCompleted: 0,
      lessonsTotal: lessons.length,
      offlineHours: 0,
      totalHours: 0,
      stage: 'not_started',
    });
    expect(byUser.get(ids.l4)).toMatchObject({
      onlineSeconds: 600 * lessons.length,
      lessonsCompleted: lessons.length,
      offlineHours: 0,
      stage: 'theory_complete',
    });
    // Withdrawn learners stay on the report, after the enrolled ones; ID numbers are masked.
    expect(learners.at(-1)).toMatchObject({ userId: ids.l5, enrolment: 'withdrawn', stage: 'not_started' });
    expect(learners.map((l: any) => l.userId)).not.toContain(ids.outsider);
    for (const l of learners) expect(l.idNumberMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
  });

  it('shows one learner lesson by lesson and session by session', async () => {
    const res = await call(p, s.teacherA, 'GET', `/api/classes/${classId}/learners/${ids.l2}/progress`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const detail = res.body.progress;
    expect(detail.learner).toMatchObject({
      userId: ids.l2,
      onlineHours: 0.7,
      offlineHours: 4.6,
      totalHours: 5.3,
      stage: 'learning',
    });
    expect(detail.lessons).toHaveLength(lessons.length);
    expect(detail.lessons[0]).toMatchObject({
      lessonId: lessons[0],
      kind: 'document',
      creditedSeconds: 2000,
      creditedHours: 0.7,
      completed: true,
      courseTitle: expect.any(String),
      chapterTitle: '第一章',
    });
    expect(detail.lessons[0].durationSeconds).toBeGreaterThan(0);
    expect(detail.lessons.slice(1).every((l: any) => l.creditedSeconds === 0 && !l.completed)).toBe(true);
    expect(detail.sessions.map((x: any) => [x.sessionId, x.minutes, x.classHours])).toEqual(
      sessions.map((x, i) => [x.id, i === 0 ? 210 : 0, i === 0 ? 4.6 : 0]),
    );
    expect(detail.sessions[0]).toMatchObject({ checkInAt: sessions[0].startsAt, checkOutAt: expect.any(String) });
    expect(detail.sessions[1]).toMatchObject({ checkInAt: null, checkOutAt: null });

    const withdrawn = await call(p, s.xihu, 'GET', `/api/classes/${classId}/learners/${ids.l5}/progress`);
    expect(withdrawn.body.progress.learner).toMatchObject({ enrolment: 'withdrawn' });
    expect((await call(p, s.adminA, 'GET', `/api/classes/${classId}/learners/${ids.outsider}/progress`)).status).toBe(
      404,
    );
  });

  it('is read by the institution, the regulators of its region subtree and operators only', async () => {
    for (const phone of [
      DEMO.teacherA,
      DEMO.xihuRegulator,
      DEMO.hangzhouRegulator,
      DEMO.provinceRegulator,
      DEMO.operator,
    ]) {
      expect((await call(p, await login(p, phone), 'GET', `/api/classes/${classId}/progress`)).status, phone).toBe(200);
    }
    for (const phone of [DEMO.adminB, DEMO.teacherB, DEMO.haishuRegulator, DEMO.ningboRegulator]) {
      const session = await login(p, phone);
      expect((await call(p, session, 'GET', `/api/classes/${classId}/progress`)).status, phone).toBe(404);
      expect((await call(p, session, 'GET', `/api/classes/${classId}/learners/${ids.l1}/progress`)).status, phone).toBe(
        404,
      );
      expect(
        (
          await p.app.inject({
            method: 'GET',
            url: `/api/classes/${classId}/progress.xlsx`,
            headers: { cookie: session.cookie },
          })
        ).statusCode,
        phone,
      ).toBe(phone === DEMO.teacherB ? 403 : 404);
    }
    const learner = await login(p, '13800000001');
    expect((await call(p, learner, 'GET', `/api/classes/${classId}/progress`)).status).toBe(403);
    expect((await call(p, s.adminA, 'GET', `/api/classes/${newId()}/progress`)).status).toBe(404);
  });

  it('exports the hours as an Excel file with Chinese headers, and audits the export of personal data', async () => {
    const before = await p.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'pii.class_progress_exported')
      .execute();
    expect(before).toEqual([]);
    const teacher = await p.app.inject({
      method: 'GET',
      url: `/api/classes/${classId}/progress.xlsx`,
      headers: { cookie: s.teacherA.cookie },
    });
    expect(teacher.statusCode).toBe(403);

    const res = await p.app.inject({
      method: 'GET',
      url: `/api/classes/${classId}/progress.xlsx`,
      headers: { cookie: s.adminA.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('电工（五级）学时班-学时进度-')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('学时进度')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([...PROGRESS_HEADERS]);
    expect(sheet.rowCount).toBe(6);
    const l2 = (await call(p, s.adminA, 'GET', `/api/classes/${classId}/progress`)).body.progress.learners.find(
      (l: any) => l.userId === ids.l2,
    );
    const row = [2, 3, 4, 5, 6].map(values).find((v) => v[1] === l2.name)!;
    expect(row.slice(1)).toEqual([
      l2.name,
      l2.idNumberMasked,
      '在读',
      0.7,
      `1/${lessons.length}`,
      210,
      4.6,
      5.3,
      world.plan.minHours,
      '学习中',
    ]);
    expect(values(6).slice(3)).toEqual(['已退出', 0, `0/${lessons.length}`, 0, 0, 0, world.plan.minHours, '未开始']);
    // Nothing unmasked leaves: the full ID numbers are in no cell.
    const full = p.services.infra.cipher.decrypt(
      (
        await p.database.db
          .selectFrom('users')
          .select('id_number_enc')
          .where('id', '=', ids.l2)
          .executeTakeFirstOrThrow()
      ).id_number_enc,
    );
    expect(JSON.stringify([2, 3, 4, 5, 6].map(values))).not.toContain(full);

    const regulator = await p.app.inject({
      method: 'GET',
      url: `/api/classes/${classId}/progress.xlsx`,
      headers: { cookie: s.xihu.cookie },
    });
    expect(regulator.statusCode).toBe(200);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.class_progress_exported')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.actor_id, a.target_type, a.target_id])).toEqual([
      [s.adminA.userId, 'class', classId],
      [s.xihu.userId, 'class', classId],
    ]);
    expect(JSON.parse(audit[0].details)).toMatchObject({ format: 'xlsx', learners: 5 });
    expect(audit[0].region_code).toBe('330106');
  });

  it("reads online credit in production from the learning engine's verified progress", async () => {
    const production = new LearningOnlineProgress({ db: p.database.db });
    // l3 has completed one 45-minute lesson under supervision (the progress rows the engine writes).
    const now = p.clock.now().toISOString();
    const lesson = await p.database.db
      .selectFrom('lessons')
      .select(['id', 'course_id'])
      .where('id', '=', lessons[0])
      .executeTakeFirstOrThrow();
    await p.database.db
      .insertInto('lesson_progress')
      .values({
        user_id: ids.l3,
        class_id: classId,
        lesson_id: lesson.id,
        course_id: lesson.course_id,
        coverage: '[[0,2700000]]',
        credited_ms: 2_700_000,
        duration_ms: 2_700_000,
        face_passes: 0,
        completed_at: now,
        updated_at: now,
      })
      .execute();
    const perLearner = await production.forClass(classId);
    expect([...perLearner.keys()].sort()).toEqual([ids.l1, ids.l2, ids.l3, ids.l4, ids.l5].sort());
    // A progress row written here has no records behind it: the figure is read, and said not to be the chain's.
    expect(perLearner.get(ids.l3)).toEqual({
      creditedSeconds: 2700,
      lessonsCompleted: 1,
      lessonsTotal: lessons.length,
      chain: { creditedSeconds: 0, matches: false },
    });
    expect(perLearner.get(ids.l1)).toEqual({
      creditedSeconds: 0,
      lessonsCompleted: 0,
      lessonsTotal: lessons.length,
      chain: { creditedSeconds: 0, matches: true },
    });
    expect((await production.forLearner(classId, ids.l3)).find((l) => l.lessonId === lesson.id)).toEqual({
      lessonId: lesson.id,
      creditedSeconds: 2700,
      completed: true,
      chain: { creditedSeconds: 0, matches: false },
    });
    // Wired as the platform wires it: 45 credited minutes are one class hour under the class's policy.
    const { db, clock } = p.services.infra;
    const { audit, courses, policies } = p.services;
    p.services.progress = new ProgressService({ db, clock, audit, courses, policies, online: production });
    const learners = (await call(p, s.adminA, 'GET', `/api/classes/${classId}/progress`)).body.progress.learners;
    expect(learners.find((l: any) => l.userId === ids.l3)).toMatchObject({
      onlineHours: 1,
      lessonsCompleted: 1,
      verification: { status: 'mismatch', chainOnlineSeconds: 0 },
    });
    expect(learners.find((l: any) => l.userId === ids.l1)).toMatchObject({
      onlineHours: 0,
      lessonsCompleted: 0,
      stage: 'learning',
    });
    p.services.progress = new ProgressService({ db, clock, audit, courses, policies, online: fakeEngine });
  });
});
