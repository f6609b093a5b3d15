import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { sealBytes } from '../../platform/crypto.js';
import { beijingDate } from '../../platform/time.js';
import { LEARNER_HEADERS } from './inspection.js';
import { createStatsWorld, writeSession, type StatsWorld } from './stats.testkit.js';

// A learner's traceability timeline and the institution's self-inspection report through the API: who may trace
// whom, what the timeline shows, the audited face photo, the report's figures and findings, and the audited export.

const beats = (n: number) => Array.from({ length: n }, () => 20_000);
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 0xff, 0xd9]);

describe('traceability and self-inspection', () => {
  let p: TestPlatform;
  let w: StatsWorld;
  let today: string;
  let firstSession: string;
  const checks = {} as Record<'pass' | 'fail' | 'noPhoto', string>;
  const at = (h: number, m = 0) =>
    new Date(`${today}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000+08:00`);
  const get = async (phone: string, url: string) => call(p, await login(p, phone), 'GET', url);

  beforeAll(async () => {
    p = await createTestPlatform();
    today = beijingDate(Date.now());
    p.clock.set(new Date(`${today}T04:00:00.000Z`));
    w = await createStatsWorld(p);
    const { db, cipher, blobs } = p.services.infra;
    const { classes: c, learners: l, course, lessons } = w;
    firstSession = await writeSession(p, {
      userId: l.a1,
      classId: c.A,
      course,
      lesson: lessons[0],
      startAt: at(8),
      beats: beats(30),
      refused: 1,
      check: 'passed',
      supersededBy: { deviceId: 'phone-2', ip: '10.9.9.9' },
    });
    await writeSession(p, {
      userId: l.a1,
      classId: c.A,
      course,
      lesson: lessons[1],
      startAt: at(8, 30),
      beats: beats(5),
      deviceId: 'device-1',
    });
    await writeSession(p, {
      userId: l.a2,
      classId: c.A,
      course,
      lesson: lessons[0],
      startAt: at(9),
      beats: beats(12),
      refused: 2,
      check: 'failed',
    });
    await writeSession(p, { userId: l.b1, classId: c.B, course, lesson: lessons[0], startAt: at(7), beats: beats(10) });
    const face = async (result: 'pass' | 'fail', minute: number, photo: boolean) => {
      const id = newId();
      const key = photo ? `faces/${l.a1}/checks/${id}.jpg.enc` : null;
      if (key) await blobs.put(key, sealBytes(cipher, PHOTO));
      await db
        .insertInto('face_checks')
        .values({
          id,
          user_id: l.a1,
          enrolment_id: null,
          context_kind: 'learning',
          context_id: minute < 30 ? firstSession : null,
          engine: 'test',
          distance: result === 'pass' ? 0.31 : 0.72,
          threshold: 0.5,
          result,
          reason: result === 'pass' ? null : 'mismatch',
          photo_key: key,
          at: at(8, minute).toISOString(),
        })
        .execute();
      return id;
    };
    checks.pass = await face('pass', 5, true);
    checks.fail = await face('fail', 9, true);
    checks.noPhoto = await face('fail', 31, false);
    // An offline practice session attended for 90 minutes.
    const sessionId = newId();
    await db
      .insertInto('class_sessions')
      .values({
        id: sessionId,
        class_id: c.A,
        title: '实操',
        venue_name: '实训基地',
        address: '文三路',
        latitude: 30.27,
        longitude: 120.15,
        starts_at: at(13).toISOString(),
        ends_at: at(15).toISOString(),
      })
      .execute();
    await db
      .insertInto('attendance')
      .values({
        id: newId(),
        class_id: c.A,
        session_id: sessionId,
        user_id: l.a3,
        check_in_at: at(13).toISOString(),
        check_in_latitude: 30.27,
        check_in_longitude: 120.15,
        check_in_photo_key: 'x',
        check_out_at: at(14, 30).toISOString(),
        check_out_latitude: 30.27,
        check_out_longitude: 120.15,
        check_out_photo_key: 'y',
        minutes: 90,
      })
      .execute();
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('finds learners by name or phone within scope only', async () => {
    const found = (await get(DEMO.hangzhouRegulator, `/api/trace/learners?q=${encodeURIComponent('张伟')}`)).body;
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([w.learners.a1]);
    expect(found.items[0].idNumberMasked).toContain('*');
    expect(
      (await get(DEMO.hangzhouRegulator, '/api/trace/learners?q=13800000002')).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([w.learners.a2]);
    expect((await get(DEMO.ningboRegulator, `/api/trace/learners?q=${encodeURIComponent('张伟')}`)).body.total).toBe(0);
    expect(
      (await get(DEMO.adminB, '/api/trace/learners')).body.items.every(
        (x: { institutionName: string }) => x.institutionName === '宁波海曙智造电器有限公司',
      ),
    ).toBe(true);
    expect((await get(DEMO.learnerA, '/api/trace/learners')).status).toBe(403);
  });

  it('shows every session of the learner with its checks, refusals, device, place and face checks', async () => {
    expect((await get(DEMO.ningboRegulator, `/api/trace/learners/${w.learners.a1}`)).status).toBe(404);
    expect((await get(DEMO.adminB, `/api/trace/learners/${w.learners.a1}`)).status).toBe(404);
    const { timeline } = (await get(DEMO.hangzhouRegulator, `/api/trace/learners/${w.learners.a1}`)).body;
    expect(timeline.learner).toMatchObject({ id: w.learners.a1, name: '张伟' });
    expect(timeline.classes.map((c: { id: string }) => c.id).sort()).toEqual([w.classes.A, w.classes.A2].sort());
    expect(timeline.sessions).toHaveLength(2);
    const first = timeline.sessions.find((s: { id: string }) => s.id === firstSession);
    expect(first).toMatchObject({
      className: '电工（五级）统计测试班',
      lessonTitle: '第 1 讲',
      ip: '10.1.2.3',
      place: null,
      device: 'Chrome 126 · Windows',
      creditedMs: 600_000,
      heartbeats: 30,
      end: { kind: 'superseded', byDevice: 'phone-2', byIp: '10.9.9.9' },
    });
    expect(first.refused).toHaveLength(1);
    expect(first.checks).toMatchObject([{ kind: 'code', outcome: 'passed', answers: [{ result: 'passed' }] }]);
    expect(
      first.faceChecks.map((f: { id: string; result: string; hasPhoto: boolean }) => [f.id, f.result, f.hasPhoto]),
    ).toEqual([
      [checks.pass, 'pass', true],
      [checks.fail, 'fail', true],
    ]);
    // The third check names no session: it is placed on the session open at its time.
    expect(
      timeline.sessions.find((s: { id: string }) => s.id !== firstSession).faceChecks.map((f: { id: string }) => f.id),
    ).toEqual([checks.noPhoto]);
    expect(timeline.totals).toMatchObject({
      sessions: 2,
      creditedMs: 700_000,
      refused: 1,
      checksPassed: 1,
      faceChecksPassed: 1,
      faceChecksFailed: 2,
    });
    expect(timeline.maySeePhotos).toBe(true);
    expect((await get(DEMO.operator, `/api/trace/learners/${w.learners.a1}`)).body.timeline.maySeePhotos).toBe(false);
    // Ningbo's regulator traces its own learner, and sees only Ningbo's classes.
    const b1 = (await get(DEMO.ningboRegulator, `/api/trace/learners/${w.learners.b1}`)).body.timeline;
    expect(b1.sessions.map((s: { classId: string }) => s.classId)).toEqual([w.classes.B]);
  });

  it('serves a face check photo to the regulator and the learner’s institution only, auditing every viewing', async () => {
    const url = `/api/trace/face-checks/${checks.fail}/photo`;
    const photo = async (phone: string) =>
      p.app.inject({ method: 'GET', url, headers: { cookie: (await login(p, phone)).cookie } });
    expect((await photo(DEMO.operator)).statusCode).toBe(403);
    expect((await photo(DEMO.teacherA)).statusCode).toBe(403);
    expect((await photo(DEMO.ningboRegulator)).statusCode).toBe(404);
    expect((await photo(DEMO.adminB)).statusCode).toBe(404);
    const seen = await photo(DEMO.hangzhouRegulator);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(seen.rawPayload, PHOTO)).toBe(0);
    expect((await photo(DEMO.adminA)).statusCode).toBe(200);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'face.check_photo_viewed')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.target_id, a.actor_role])).toEqual([
      [checks.fail, 'regulator'],
      [checks.fail, 'institution_admin'],
    ]);
    expect(JSON.parse(audit[0].details)).toMatchObject({ userId: w.learners.a1, result: 'fail' });
    expect((await photo(DEMO.hangzhouRegulator)).statusCode).toBe(200);
    expect(
      (
        await p.app.inject({
          method: 'GET',
          url: `/api/trace/face-checks/${checks.noPhoto}/photo`,
          headers: { cookie: (await login(p, DEMO.hangzhouRegulator)).cookie },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('reports per class and learner what the evidence of the period says', async () => {
    const period = `from=${beijingDate(p.clock.now().getTime() - 7 * 86_400_000)}&to=${today}`;
    const { report } = (await get(DEMO.adminA, `/api/inspection?${period}`)).body;
    expect(report.institution).toMatchObject({ id: w.institutions.A, regionName: '西湖区' });
    expect(report.classes.map((c: { classId: string }) => c.classId).sort()).toEqual(
      [w.classes.A, w.classes.A2].sort(),
    );
    const A = report.classes.find((c: { classId: string }) => c.classId === w.classes.A);
    const row = (userId: string) => A.learners.find((l: { userId: string }) => l.userId === userId);
    // 35 beats of 20 s = 700 s = 0.2 class hours of 45 minutes (never rounded up).
    expect(row(w.learners.a1)).toMatchObject({
      onlineSeconds: 700,
      onlineHours: 0.2,
      sessions: 2,
      refusedReports: 1,
      failedChecks: 0,
      otherDeviceStarts: 1,
      faceChecksPassed: 1,
      faceChecksFailed: 2,
    });
    expect(row(w.learners.a1).findings).toEqual(['refused_reports', 'face_check_failures', 'other_device']);
    expect(row(w.learners.a2)).toMatchObject({
      onlineSeconds: 240,
      refusedReports: 2,
      failedChecks: 1,
      anomalies: 3,
      findings: ['refused_reports', 'failed_checks'],
    });
    expect(row(w.learners.a3)).toMatchObject({
      onlineSeconds: 0,
      offlineMinutes: 90,
      offlineHours: 2,
      findings: ['offline_without_online'],
    });
    expect(A.totals).toMatchObject({ enrolled: 3, flagged: 3, anomalies: 1 + 1 + 3, faceChecksFailed: 2 });
    expect(report.summary.classes).toBe(2);

    // Scope: the institution's own; a regulator of its subtree, who must say which institution.
    expect((await get(DEMO.adminA, `/api/inspection?${period}&institutionId=${w.institutions.B}`)).status).toBe(404);
    expect(
      (await get(DEMO.ningboRegulator, `/api/inspection?${period}&institutionId=${w.institutions.A}`)).status,
    ).toBe(404);
    expect((await get(DEMO.hangzhouRegulator, `/api/inspection?${period}`)).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'institutionId',
    });
    expect(
      (await get(DEMO.hangzhouRegulator, `/api/inspection?${period}&institutionId=${w.institutions.A}`)).body.report
        .summary.classes,
    ).toBe(2);
    expect((await get(DEMO.teacherA, `/api/inspection?${period}`)).status).toBe(403);
    expect((await get(DEMO.adminA, `/api/inspection?from=${today}&to=2020-01-01`)).body.error.code).toBe(
      'STATS_PERIOD_INVALID',
    );
    expect((await get(DEMO.adminA, `/api/inspection?from=${today}`)).status).toBe(400);
  });

  it('exports the report as an Excel file with masked ID numbers, and audits the export', async () => {
    const period = `from=${today}&to=${today}`;
    const before = await p.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'pii.inspection_exported')
      .execute();
    expect(before).toHaveLength(0);
    const res = await p.app.inject({
      method: 'GET',
      url: `/api/inspection.xlsx?${period}`,
      headers: { cookie: (await login(p, DEMO.adminA)).cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename*=UTF-8');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const detail = workbook.getWorksheet('学员明细')!;
    expect((detail.getRow(1).values as unknown[]).slice(1)).toEqual([...LEARNER_HEADERS]);
    const rows = detail.getSheetValues().slice(2).filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(4); // a1, a2, a3 in the electrician class; a1 in the other
    expect(rows.every((r) => String(r[4]).includes('*'))).toBe(true);
    expect(workbook.getWorksheet('班级汇总')!.rowCount).toBe(3);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.inspection_exported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: w.institutions.A, institution_id: w.institutions.A });
    expect(JSON.parse(audit[0].details)).toMatchObject({ from: today, to: today, classes: 2, learners: 4 });
    // Out of scope: nothing exported, nothing audited.
    expect(
      (
        await p.app.inject({
          method: 'GET',
          url: `/api/inspection.xlsx?${period}&institutionId=${w.institutions.A}`,
          headers: { cookie: (await login(p, DEMO.ningboRegulator)).cookie },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      await p.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'pii.inspection_exported')
        .execute(),
    ).toHaveLength(1);
  });
});
