import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { systemMeta } from '../../platform/context.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession } from '../classes/classes.testkit.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { SCAN_JOB } from './detection.service.js';
import type { Finding } from './detectors/types.js';

// Institution and teacher subjects raised by the periodic scan over real rows: many flagged learners make the
// institution the subject, one phone checking in several learners at an offline session makes the class's teachers
// the subject. The regulator of the region hears of them and decides; the institution may explain, never decide.
// Declared training rooms keep the institution's own learners out of group-learning alerts up to the room's seats.

const S = 1000;
const VENUE = { latitude: 30.2741, longitude: 120.1551 };
const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

describe('institution and teacher alerts', () => {
  let p: TestPlatform;
  let adminA: Session;
  let xihu: Session;
  let haishu: Session;
  let teacher: Session;
  let classId: string;
  let offlineSessionId: string;
  let instA: string;
  let teacherId: string;
  let instName: string;
  const learnerIds: string[] = [];
  let institutionAlertId: string;
  let teacherAlertIds: string[];

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    for (let i = 1; i <= 10; i++) {
      const u = await login(p, `138000000${String(i).padStart(2, '0')}`);
      learnerIds.push(u.userId);
    }
    const world = await prepareClassWorld(p);
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）机构预警测试班',
      startDate: day(1),
      endDate: day(30),
      sessions: topUpSession(world, [], `${day(2)}T01:00:00.000Z`, VENUE),
      learnerIds,
    });
    classId = klass.id;
    offlineSessionId = klass.sessions[klass.sessions.length - 1].id;
    teacherId = world.teacherId;
    [adminA, xihu, haishu] = await Promise.all([
      login(p, DEMO.adminA),
      login(p, DEMO.xihuRegulator),
      login(p, DEMO.haishuRegulator),
    ]);
    teacher = await login(p, DEMO.teacherA);
    const a = await p.database.db
      .selectFrom('users')
      .innerJoin('institutions', 'institutions.id', 'users.institution_id')
      .select(['institutions.id', 'institutions.name'])
      .where('users.id', '=', adminA.userId)
      .executeTakeFirstOrThrow();
    instA = a.id;
    instName = a.name;
    p.clock.set(new Date(`${day(2)}T03:00:00.000Z`));
  });
  afterAll(async () => {
    await p?.drop();
  });

  // The clock moves by hours between steps: sign in again rather than carry sessions across.
  const signIn = async () => {
    [adminA, xihu, haishu, teacher] = await Promise.all([
      login(p, DEMO.adminA),
      login(p, DEMO.xihuRegulator),
      login(p, DEMO.haishuRegulator),
      login(p, DEMO.teacherA),
    ]);
  };

  const runScan = async () => {
    await p.services.jobs.enqueue(p.database.db, SCAN_JOB, {});
    return p.services.jobs.drain({ type: SCAN_JOB, limit: 1 });
  };

  it('raises one institution alert when most of its learners are flagged, and one teacher alert per teacher for a phone checking in three learners', async () => {
    const now = p.clock.now().getTime();
    // Learner alerts as the detectors raise them (through the same store).
    const findings: Finding[] = learnerIds.map((userId, i) => ({
      kind: 'group_ip',
      subject: { type: 'learner', id: userId },
      userId,
      classId,
      severity: 'medium',
      windowKey: `day|36.112.0.${i}`,
      windowStart: now - 3600 * S,
      windowEnd: now - 60 * S,
      facts: { ip: `36.112.0.${i}` },
      evidence: [],
      sessionIds: [],
    }));
    await p.services.detection['deps'].store.upsertAll(findings);
    // Three learners checked in by one phone: same browser, address and position to the last digit; a fourth on their own.
    const session = await p.database.db
      .selectFrom('class_sessions')
      .selectAll()
      .where('id', '=', offlineSessionId)
      .executeTakeFirstOrThrow();
    const at = new Date(Date.parse(session.starts_at) + 60 * S).toISOString();
    for (const [i, userId] of learnerIds.slice(0, 4).entries()) {
      const id = newId();
      const lat = i < 3 ? VENUE.latitude + 0.0001 : VENUE.latitude + 0.000237;
      await p.database.db
        .insertInto('attendance')
        .values({
          id,
          class_id: classId,
          session_id: offlineSessionId,
          user_id: userId,
          check_in_at: at,
          check_in_latitude: lat,
          check_in_longitude: VENUE.longitude,
          check_in_photo_key: `attendance/${id}/check-in.jpg.enc`,
          check_out_at: null,
          check_out_latitude: null,
          check_out_longitude: null,
          check_out_photo_key: null,
          minutes: null,
        })
        .execute();
      await p.services.audit.record(p.database.db, {
        actor: { userId, role: 'learner', institutionId: null, regionCode: null } as any,
        action: 'attendance.checked_in',
        targetType: 'attendance',
        targetId: id,
        institutionId: instA,
        regionCode: '330106',
        meta: { ...systemMeta, ip: '36.112.9.9', userAgent: i < 3 ? PHONE_UA : 'Mozilla/5.0 (iPhone)' },
        details: {},
      });
    }
    p.clock.set(new Date(Date.parse(session.starts_at) + 2 * 3600 * S));
    expect(await runScan()).toBe(1);

    const inst = await p.database.db
      .selectFrom('alerts')
      .selectAll()
      .where('subject_type', '=', 'institution')
      .execute();
    expect(inst).toMatchObject([
      {
        kind: 'institution_flagged_learners',
        subject_id: instA,
        institution_id: instA,
        region_code: '330106',
        class_id: null,
        user_id: null,
        status: 'open',
      },
    ]);
    expect(JSON.parse(inst[0].facts)).toMatchObject({ learners: 10, activeLearners: 10, share: 1 });
    institutionAlertId = inst[0].id;
    const teachers = await p.database.db
      .selectFrom('alerts')
      .selectAll()
      .where('subject_type', '=', 'teacher')
      .execute();
    expect(teachers.map((t) => [t.kind, t.subject_id, t.class_id])).toEqual([
      ['attendance_anomaly', teacherId, classId],
    ]);
    expect(JSON.parse(teachers[0].facts)).toMatchObject({
      sameDeviceLearners: 3,
      signals: ['same_device'],
      sessionId: offlineSessionId,
    });
    teacherAlertIds = teachers.map((t) => t.id);
    const evidence = await p.database.db
      .selectFrom('alert_evidence')
      .select(['ref_type', 'user_id'])
      .where('alert_id', '=', teacherAlertIds[0])
      .execute();
    expect(evidence.map((e) => e.ref_type)).toEqual(['attendance', 'attendance', 'attendance']);

    // Again an hour later over the same data: nothing changes.
    const before = await p.database.db
      .selectFrom('alerts')
      .select(['id', 'detections', 'updated_at'])
      .orderBy('id')
      .execute();
    p.clock.advance(3601 * S);
    expect(await runScan()).toBe(1);
    await p.services.detection.scanWide(0, p.clock.now().getTime());
    expect(
      await p.database.db.selectFrom('alerts').select(['id', 'detections', 'updated_at']).orderBy('id').execute(),
    ).toEqual(before);
  });

  it('tells the regulator of the region, not the institution, of the alert about the institution', async () => {
    await signIn();
    const regulatorNotes = (await call(p, xihu, 'GET', '/api/notifications')).body.items;
    expect(regulatorNotes.find((n: any) => n.refId === institutionAlertId)).toMatchObject({
      kind: 'alert_raised',
      params: { alertKind: 'institution_flagged_learners', subjectType: 'institution', subjectName: instName },
    });
    expect(regulatorNotes.find((n: any) => n.refId === teacherAlertIds[0])).toBeDefined();
    const adminNotes = (await call(p, adminA, 'GET', '/api/notifications')).body.items;
    expect(adminNotes.find((n: any) => n.refId === institutionAlertId)).toBeUndefined();
    expect(adminNotes.find((n: any) => n.refId === teacherAlertIds[0])).toMatchObject({
      params: { subjectType: 'teacher', subjectName: expect.any(String) },
    });
  });

  it('shows the subjects by name; the institution may explain but never decide about itself; the subtree regulator decides', async () => {
    await signIn();
    const list = await call(p, xihu, 'GET', '/api/alerts?subjectType=institution');
    expect(list.body.items).toMatchObject([
      {
        id: institutionAlertId,
        subject: { type: 'institution', id: instA, name: instName },
        institution: { id: instA },
      },
    ]);
    const teacherList = await call(p, adminA, 'GET', '/api/alerts?subjectType=teacher');
    const teacherName = (
      await p.database.db.selectFrom('users').select('name').where('id', '=', teacherId).executeTakeFirstOrThrow()
    ).name;
    expect(teacherList.body.items).toMatchObject([
      { subject: { type: 'teacher', id: teacherId, name: teacherName }, class: { id: classId } },
    ]);
    expect((await call(p, teacher, 'GET', '/api/alerts')).status).toBe(403);
    expect((await call(p, haishu, 'GET', `/api/alerts/${institutionAlertId}`)).status).toBe(404);

    const asInstitution = await call(p, adminA, 'GET', `/api/alerts/${institutionAlertId}`);
    expect(asInstitution.body.actions).toEqual({ review: true, propose: true, decide: false });
    const refused = await call(p, adminA, 'POST', `/api/alerts/${institutionAlertId}/decide`, {
      decision: 'dismiss',
      reason: '我们认为这是误报',
    });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const proposed = await call(p, adminA, 'POST', `/api/alerts/${institutionAlertId}/propose`, {
      decision: 'dismiss',
      reason: '学员在本机构实训室集中学习，已登记培训室',
    });
    expect(proposed.body.alert).toMatchObject({ status: 'under_review', proposal: { decision: 'dismiss' } });
    expect(
      (
        await call(p, haishu, 'POST', `/api/alerts/${institutionAlertId}/decide`, {
          decision: 'dismiss',
          reason: '不属本辖区',
        })
      ).status,
    ).toBe(404);
    const decided = await call(p, xihu, 'POST', `/api/alerts/${institutionAlertId}/decide`, {
      decision: 'confirm',
      reason: '核实：机构组织代学',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.alert).toMatchObject({ status: 'confirmed', decision: { reason: '核实：机构组织代学' } });
    // No learner's subsidy is held by an alert about the institution.
    expect(decided.body.subsidyHold).toBeNull();
  });

  it("counts the institution's own alerts in its risk and says they are the institution's", async () => {
    await signIn();
    const risk = await call(p, xihu, 'GET', `/api/alerts/risk/institutions/${instA}`);
    expect(risk.body.risk.own).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          alertId: institutionAlertId,
          kind: 'institution_flagged_learners',
          subjectType: 'institution',
          points: 35,
        }),
      ]),
    );
    expect(risk.body.risk.score).toBeGreaterThanOrEqual(35);
  });

  it("leaves the institution's learners in its declared training room alone, and flags them when the room is over its seats", async () => {
    await signIn();
    const created = await call(p, adminA, 'POST', `/api/institutions/${instA}/training-rooms`, {
      name: '一号实训室',
      cidr: '60.191.10.0/28',
      seats: 20,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const lesson = await p.database.db
      .selectFrom('class_courses')
      .innerJoin('chapters', 'chapters.course_id', 'class_courses.course_id')
      .innerJoin('lessons', 'lessons.chapter_id', 'chapters.id')
      .select(['lessons.id', 'class_courses.course_id'])
      .where('class_courses.class_id', '=', classId)
      .executeTakeFirstOrThrow();
    const t0 = p.clock.now().getTime();
    await p.database.db
      .insertInto('learning_sessions')
      .values(
        learnerIds.map((user_id, i) => ({
          id: newId(),
          user_id,
          class_id: classId,
          course_id: lesson.course_id,
          lesson_id: lesson.id,
          login_session_id: null,
          started_at: new Date(t0 + i * 60 * S).toISOString(),
          ip: '60.191.10.3',
          user_agent: 'Mozilla/5.0',
          device_id: `room-pc-${i}`,
          start_position_ms: 0,
        })),
      )
      .execute();
    p.clock.advance(11 * 60 * S);
    const scan = async () => p.services.detection.scan(t0 - 60 * S, p.clock.now().getTime());
    const groupAlerts = () =>
      p.database.db
        .selectFrom('alerts')
        .select('user_id')
        .where('kind', '=', 'group_ip')
        .where('facts', 'like', '%60.191.10.3%')
        .execute();
    // Within its seats: a class in its room. (One institution's crowd is not flagged anyway by default; over the
    // seats it is, whatever the institution criterion says.)
    await scan();
    expect(await groupAlerts()).toEqual([]);
    expect(
      (
        await call(p, adminA, 'PATCH', `/api/institutions/${instA}/training-rooms/${created.body.room.id}`, {
          seats: 6,
        })
      ).status,
    ).toBe(200);
    await scan();
    expect((await groupAlerts()).map((a) => a.user_id).sort()).toEqual([...learnerIds].sort());
  });
});
