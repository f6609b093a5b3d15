import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { AlertStore } from '../alerts/index.js';
import {
  openApprovedClass,
  prepareClassWorld,
  topUpSession,
  userId,
  type ClassWorld,
} from '../classes/classes.testkit.js';
import { certificateFacts } from './certificate-facts.js';
import { parseCertificateNumber } from './certificate-number.js';
import { verifyCertificatePdf } from './offline-verify.js';
import { enrolFacePhoto, FakeAssessments, FakeOnlineCredit, portraitJpeg, useFakes } from './certificates.testkit.js';
import { openSeal, publicKeyFromPem, sealInPdf, verifyPayload } from './signature.js';
import { skillWorkbook } from './skill-import.js';

// Training certificates through the API on the configured dialect: closing a class issues them to the eligible
// learners and stores every refusal reason; anyone verifies one by its number without signing in; the regulator
// revokes (proposed when fraud is confirmed); every endpoint keeps to its tenant's scope.

describe('training certificates', () => {
  let p: TestPlatform;
  let world: ClassWorld;
  let classId: string;
  const assessments = new FakeAssessments();
  let online: FakeOnlineCredit;
  const L = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'] as const;
  const ids = {} as Record<(typeof L)[number] | 'learnerB', string>;
  const s = {} as Record<
    'adminA' | 'adminB' | 'teacherA' | 'xihu' | 'ningbo' | 'province' | 'operator' | 'l1' | 'l2' | 'learnerB',
    Session
  >;
  let certificateId = '';
  let number = '';
  let endDate = '';
  // Sessions last at most a week; the tests move the clock past the class's end, then sign in again.
  const signIn = async () => {
    s.adminA = await login(p, DEMO.adminA);
    s.adminB = await login(p, DEMO.adminB);
    s.teacherA = await login(p, DEMO.teacherA);
    s.xihu = await login(p, DEMO.xihuRegulator);
    s.ningbo = await login(p, DEMO.ningboRegulator);
    s.province = await login(p, DEMO.provinceRegulator);
    s.operator = await login(p, DEMO.operator);
    s.l1 = await login(p, '13800000001');
    s.l2 = await login(p, '13800000002');
    s.learnerB = await login(p, DEMO.learnerB);
  };

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    for (const [i, k] of L.entries()) ids[k] = await userId(p, `138000000${String(i + 1).padStart(2, '0')}`);
    ids.learnerB = await userId(p, DEMO.learnerB);
    world = await prepareClassWorld(p);
    const venue = { latitude: 30.2741, longitude: 120.1551 };
    endDate = day(20);
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）结业班',
      startDate: day(7),
      endDate,
      sessions: topUpSession(world, [], `${day(10)}T00:00:00.000Z`, venue),
      learnerIds: L.map((k) => ids[k]),
    });
    classId = klass.id;
    const lessons = await p.database.db
      .selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .select('lessons.id')
      .where('class_courses.class_id', '=', classId)
      .execute();
    online = new FakeOnlineCredit(lessons.length);
    useFakes(p, { assessments, online });
    const full = world.plan.online * 45 * 60;
    const session = klass.sessions[0];
    const attend = async (user: string, minutes: number) =>
      p.database.db
        .insertInto('attendance')
        .values({
          id: newId(),
          class_id: classId,
          session_id: session.id,
          user_id: user,
          check_in_at: session.startsAt,
          check_in_latitude: venue.latitude,
          check_in_longitude: venue.longitude,
          check_in_photo_key: 'attendance/test/in.jpg.enc',
          check_out_at: new Date(Date.parse(session.startsAt) + minutes * 60_000).toISOString(),
          check_out_latitude: venue.latitude,
          check_out_longitude: venue.longitude,
          check_out_photo_key: 'attendance/test/out.jpg.enc',
          minutes,
        })
        .execute();
    // Everyone completes the hours and passes both assessments, except for one thing each:
    // l2 online hours short, l3 offline hours short, l4 theory failed, l5 practical failed, l6 confirmed fraud,
    // l7 subsidy on hold, l8 nothing at all.
    for (const k of ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7'] as const) {
      online.seconds.set(ids[k], k === 'l2' ? full - 45 * 60 : full);
      await attend(ids[k], k === 'l3' ? world.plan.offline * 45 - 90 : world.plan.offline * 45);
      assessments.set(classId, ids[k], {
        ...(k === 'l4' ? { theoryScore: 52, theoryPassed: false } : {}),
        ...(k === 'l5' ? { practicalScore: 41, practicalPassed: false } : {}),
      });
    }
    const now = p.clock.now().toISOString();
    const store = new AlertStore({ db: p.database.db, clock: p.clock, notifications: p.services.notifications });
    const raised = await store.upsert({
      kind: 'concurrent_lessons',
      subject: { type: 'learner', id: ids.l6 },
      userId: ids.l6,
      classId,
      severity: 'high',
      windowKey: 'test',
      windowStart: Date.parse(now),
      windowEnd: Date.parse(now),
      facts: {},
      evidence: [],
      sessionIds: [],
    });
    await p.database.db.updateTable('alerts').set({ status: 'confirmed' }).where('id', '=', raised.alertId).execute();
    await p.database.db
      .insertInto('subsidy_holds')
      .values({
        id: newId(),
        user_id: ids.l7,
        class_id: classId,
        alert_id: raised.alertId,
        status: 'held',
        reason: '代学待查',
        created_by: ids.l7,
        created_at: now,
        released_by: null,
        released_at: null,
        release_reason: null,
      })
      .execute();
    await enrolFacePhoto(p, ids.l1, await portraitJpeg());
    await signIn();
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('closes a class only once its end date has come', async () => {
    const early = await call(p, s.adminA, 'POST', `/api/classes/${classId}/close`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'CLASS_NOT_ENDED', details: { endDate } });
    expect((await call(p, s.adminA, 'POST', `/api/classes/${classId}/certificates/issue`)).body.error.code).toBe(
      'CERTIFICATE_CLASS_NOT_CLOSED',
    );
    expect((await call(p, s.adminA, 'GET', '/api/certificates')).body.total).toBe(0);
  });

  it('issues certificates when the class closes and gives each refused learner every reason', async () => {
    p.clock.set(new Date(`${endDate}T02:00:00.000Z`)); // 10:00 in Beijing on the last day
    await signIn();
    const closed = await call(p, s.adminA, 'POST', `/api/classes/${classId}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.class.status).toBe('closed');

    const res = await call(p, s.adminA, 'GET', `/api/classes/${classId}/certificates`);
    expect(res.status).toBe(200);
    expect(res.body.issued.map((c: any) => c.userId)).toEqual([ids.l1]);
    const refused = new Map<string, string[]>(
      res.body.refused.map((r: any) => [r.userId, r.reasons.map((x: any) => x.code)]),
    );
    expect(Object.fromEntries(L.slice(1).map((k) => [k, refused.get(ids[k])]))).toEqual({
      l2: ['hours_online'],
      l3: ['hours_offline'],
      l4: ['theory_not_passed'],
      l5: ['practical_not_passed'],
      l6: ['fraud_confirmed'],
      l7: ['subsidy_hold'],
      l8: ['hours_online', 'hours_offline', 'theory_not_passed', 'practical_not_passed'],
    });
    const l4 = res.body.refused.find((r: any) => r.userId === ids.l4);
    expect(l4.reasons[0]).toEqual({
      code: 'theory_not_passed',
      zh: '理论考核未通过（52）',
      en: 'Theory assessment not passed (52)',
    });

    const cert = res.body.issued[0];
    certificateId = cert.id;
    number = cert.number;
    const parts = parseCertificateNumber(number);
    expect(parts).toEqual({
      regionCode: '330106',
      year: Number(endDate.slice(0, 4)),
      institutionCode: '0001',
      serial: 1,
    });
    expect(cert).toMatchObject({
      status: 'valid',
      classId,
      occupationCode: '6-31-01-03',
      occupationName: '电工',
      level: 5,
      onlineHours: world.plan.online,
      offlineHours: world.plan.offline,
      totalHours: world.plan.minHours,
      issueDate: endDate,
      revokedAt: null,
      revocationProposal: null,
    });
    expect(cert.idNumberMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'certificates.issued')
      .where('target_id', '=', classId)
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ issued: 1, refused: 7 }]);
  });

  it('lets anyone verify a certificate by its number, with a signature that checks against the published key', async () => {
    const res = await p.app.inject({ method: 'GET', url: `/api/public/verify/${number}`, remoteAddress: '10.9.0.1' });
    expect(res.statusCode).toBe(200);
    const v = res.json();
    const l1 = await p.database.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', ids.l1)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({
      number,
      status: 'valid',
      revokedOn: null,
      occupationName: '电工',
      level: 5,
      levelLabelZh: '五级/初级工',
      totalHours: world.plan.minHours,
      issueDate: endDate,
      algorithm: 'Ed25519',
      signatureValid: true,
    });
    expect(v.name).not.toBe(l1.name);
    expect(v.name[0]).toBe(l1.name[0]);
    expect(v.name).toContain('*');
    expect(v.idNumber).toMatch(/^\d{4}\*{10}/);
    const key = (await call(p, null, 'GET', '/api/public/certificate-key')).body;
    expect(key.keyId).toBe(v.keyId);
    const publicKey = publicKeyFromPem(key.publicKeyPem);
    expect(verifyPayload(v.payload, v.signature, publicKey)).toBe(true);
    expect(JSON.parse(v.payload)).toMatchObject({
      number,
      name: v.name,
      idNumber: v.idNumber,
      institution: v.institution,
    });
    // Typed with spaces, hyphens or lower case, the number is still found.
    const typed = `${number.slice(0, 8).toLowerCase()} ${number.slice(8, 12)}-${number.slice(12)}`;
    expect((await call(p, null, 'GET', `/api/public/verify/${encodeURIComponent(typed)}`)).body.number).toBe(number);
  });

  it('answers a wrong check character, an unknown number and garbage the same way', async () => {
    const last = number.at(-1) === '0' ? '1' : '0';
    const wrongCheck = number.slice(0, -1) + last;
    const serial = Number(number.slice(16, 22));
    const unknownButWellFormed = (await import('./certificate-number.js')).formatCertificateNumber({
      regionCode: '330106',
      year: Number(endDate.slice(0, 4)),
      institutionCode: '0001',
      serial: serial + 500,
    });
    const answers = [];
    for (const n of [wrongCheck, unknownButWellFormed, 'hello', 'YX000000']) {
      const res = await p.app.inject({ method: 'GET', url: `/api/public/verify/${n}`, remoteAddress: '10.9.0.2' });
      answers.push({ status: res.statusCode, error: { ...res.json().error } });
    }
    expect(answers[0]).toEqual({
      status: 404,
      error: { code: 'NOT_FOUND', message: expect.any(String), messages: expect.any(Object) },
    });
    for (const a of answers) expect(a).toEqual(answers[0]);
  });

  it('rate-limits the public lookup per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push(
        (await p.app.inject({ method: 'GET', url: `/api/public/verify/YX${i}`, remoteAddress: '10.9.0.3' })).statusCode,
      );
    expect(statuses.slice(0, 30).every((c) => c === 404)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another address is not held back.
    expect(
      (await p.app.inject({ method: 'GET', url: `/api/public/verify/${number}`, remoteAddress: '10.9.0.4' }))
        .statusCode,
    ).toBe(200);
  });

  it('gives the holder a signed PDF with the photo, readable offline', async () => {
    const res = await p.app.inject({
      method: 'GET',
      url: `/api/certificates/${certificateId}/pdf`,
      headers: { cookie: s.l1.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The photo (the portrait's 210 × 270 pixels) and the embedded subset font.
    expect(pdf.toString('latin1')).toMatch(
      /\/Subtype \/Image[^>]*\/Width 210[^>]*\/Height 270|\/Height 270[^>]*\/Width 210/,
    );
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    const seal = openSeal(sealInPdf(pdf)!)!;
    const key = publicKeyFromPem((await call(p, null, 'GET', '/api/public/certificate-key')).body.publicKeyPem);
    expect(JSON.parse(seal.payload).number).toBe(number);
    expect(verifyPayload(seal.payload, seal.signature, key)).toBe(true);
    // What `npm run verify:certificate -- file.pdf` decides: valid as issued, not valid with one byte of the seal changed.
    expect(verifyCertificatePdf(pdf, key)).toMatchObject({ ok: true, payload: { number } });
    const text0 = pdf.toString('latin1');
    const at = text0.indexOf('(yx1.') + 12;
    const tampered = Buffer.from(pdf);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    expect(verifyCertificatePdf(tampered, key)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyCertificatePdf(Buffer.from('%PDF-1.3 no seal'), key)).toMatchObject({ ok: false, reason: 'no_seal' });
    // The text layer carries the Chinese title (pdftotext reads the subset font's ToUnicode map).
    const dir = mkdtempSync(path.join(tmpdir(), 'yx-cert-'));
    writeFileSync(path.join(dir, 'c.pdf'), pdf);
    execFileSync('pdftotext', [path.join(dir, 'c.pdf'), path.join(dir, 'c.txt')]);
    const text = readFileSync(path.join(dir, 'c.txt'), 'utf8');
    expect(text).toContain('培训合格证书');
    expect(text).toContain(number);
    // The institution's download is personal data leaving the platform: audited.
    expect(
      (
        await p.app.inject({
          method: 'GET',
          url: `/api/certificates/${certificateId}/pdf`,
          headers: { cookie: s.adminA.cookie },
        })
      ).statusCode,
    ).toBe(200);
    const audited = await p.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'pii.certificate_downloaded')
      .execute();
    expect(audited.map((a) => a.actor_id)).toEqual([s.adminA.userId]);
  });

  it('issues again to a learner who became eligible, and never twice to the same learner', async () => {
    assessments.set(classId, ids.l4, { theoryScore: 71, theoryPassed: true });
    const res = await call(p, s.adminA, 'POST', `/api/classes/${classId}/certificates/issue`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.issued.map((c: any) => c.userId).sort()).toEqual([ids.l1, ids.l4].sort());
    expect(res.body.refused.map((r: any) => r.userId)).not.toContain(ids.l4);
    expect(res.body.refused).toHaveLength(6);
    const l4 = res.body.issued.find((c: any) => c.userId === ids.l4);
    expect(parseCertificateNumber(l4.number)!.serial).toBe(2);
    const again = await call(p, s.adminA, 'POST', `/api/classes/${classId}/certificates/issue`);
    expect(again.body.issued).toHaveLength(2);
  });

  it('keeps every certificate endpoint to its tenant', async () => {
    const listed = async (session: Session) =>
      (await call(p, session, 'GET', '/api/certificates')).body.items?.map((c: any) => c.userId).sort();
    const both = [ids.l1, ids.l4].sort();
    expect(await listed(s.l1)).toEqual([ids.l1]);
    expect(await listed(s.l2)).toEqual([]);
    expect(await listed(s.adminA)).toEqual(both);
    expect(await listed(s.adminB)).toEqual([]);
    expect(await listed(s.xihu)).toEqual(both);
    expect(await listed(s.province)).toEqual(both);
    expect(await listed(s.ningbo)).toEqual([]);
    expect(await listed(s.operator)).toEqual(both);
    expect((await call(p, s.teacherA, 'GET', '/api/certificates')).body.error.code).toBe('FORBIDDEN');
    expect((await call(p, null, 'GET', '/api/certificates')).status).toBe(401);
    expect((await call(p, s.xihu, 'GET', '/api/certificates/counts')).body).toEqual({
      valid: 2,
      revoked: 0,
      proposed: 0,
    });
    expect((await call(p, s.ningbo, 'GET', '/api/certificates/counts')).body).toEqual({
      valid: 0,
      revoked: 0,
      proposed: 0,
    });
    expect((await call(p, s.l2, 'GET', '/api/certificates/counts')).body).toEqual({
      valid: 0,
      revoked: 0,
      proposed: 0,
    });

    for (const session of [s.l2, s.adminB, s.ningbo, s.learnerB]) {
      expect((await call(p, session, 'GET', `/api/certificates/${certificateId}`)).status).toBe(404);
      expect((await call(p, session, 'GET', `/api/certificates/${certificateId}/pdf`)).status).toBe(404);
    }
    expect((await call(p, s.xihu, 'GET', `/api/certificates/${certificateId}`)).body.certificate.number).toBe(number);
    for (const session of [s.adminB, s.ningbo, s.l1])
      expect((await call(p, session, 'GET', `/api/classes/${classId}/certificates`)).status).toBe(404);
    expect((await call(p, s.adminB, 'POST', `/api/classes/${classId}/certificates/issue`)).status).toBe(404);
    expect((await call(p, s.xihu, 'POST', `/api/classes/${classId}/certificates/issue`)).body.error.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await call(p, s.ningbo, 'POST', `/api/certificates/${certificateId}/revoke`, { reason: '越权' })).status,
    ).toBe(404);
    expect(
      (await call(p, s.adminA, 'POST', `/api/certificates/${certificateId}/revoke`, { reason: '机构自撤' })).body.error
        .code,
    ).toBe('FORBIDDEN');
    // Searching by number prefix and by name.
    const byNumber = await call(p, s.xihu, 'GET', `/api/certificates?q=${number.slice(0, 18)}`);
    expect(byNumber.body.items.map((c: any) => c.number)).toContain(number);
    expect((await call(p, s.xihu, 'GET', `/api/certificates?q=YX99`)).body.total).toBe(0);
  });

  it('proposes revocation when fraud is confirmed for the learner and class, and the regulator revokes with a reason', async () => {
    const store = new AlertStore({ db: p.database.db, clock: p.clock, notifications: p.services.notifications });
    const at = Date.parse(p.clock.now().toISOString());
    const { alertId } = await store.upsert({
      kind: 'concurrent_lessons',
      subject: { type: 'learner', id: ids.l1 },
      userId: ids.l1,
      classId,
      severity: 'high',
      windowKey: 'later',
      windowStart: at,
      windowEnd: at,
      facts: {},
      evidence: [],
      sessionIds: [],
    });
    const decided = await call(p, s.xihu, 'POST', `/api/alerts/${alertId}/decide`, {
      decision: 'confirm',
      reason: '核实为多开代学',
      revoke: 'none',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const proposals = await call(p, s.xihu, 'GET', '/api/certificates?proposed=true');
    expect(proposals.body.items.map((c: any) => c.id)).toEqual([certificateId]);
    expect(proposals.body.items[0].revocationProposal).toMatchObject({ reason: '核实为多开代学', alertId });
    expect((await call(p, s.xihu, 'GET', '/api/certificates/counts')).body).toEqual({
      valid: 2,
      revoked: 0,
      proposed: 1,
    });
    // The proposal alone changes nothing for the public.
    expect((await call(p, null, 'GET', `/api/public/verify/${number}`)).body.status).toBe('valid');

    expect(
      (await call(p, s.xihu, 'POST', `/api/certificates/${certificateId}/revoke`, { reason: '   ' })).body.error.code,
    ).toBe('CERTIFICATE_REASON_REQUIRED');
    const revoked = await call(p, s.xihu, 'POST', `/api/certificates/${certificateId}/revoke`, {
      reason: '经核实存在代学行为，撤销证书',
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.certificate).toMatchObject({
      status: 'revoked',
      revocationReason: '经核实存在代学行为，撤销证书',
      revokedAt: p.clock.now().toISOString(),
    });
    const publicView = (await call(p, null, 'GET', `/api/public/verify/${number}`)).body;
    expect(publicView).toMatchObject({
      status: 'revoked',
      revokedOn: beijingDate(p.clock.now()),
      signatureValid: true,
    });
    expect(JSON.stringify(publicView)).not.toContain('代学');
    const again = await call(p, s.xihu, 'POST', `/api/certificates/${certificateId}/revoke`, { reason: '再次撤销' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CERTIFICATE_ALREADY_REVOKED');
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'certificate.revoked')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({
      number,
      reason: '经核实存在代学行为，撤销证书',
      proposedByAlert: alertId,
    });
    expect((await call(p, s.xihu, 'GET', '/api/certificates?proposed=true')).body.total).toBe(0);
    // The subsidies module's view: a revoked certificate is no certificate; l4's still counts.
    expect(await certificateFacts.trainingCertificateOf(p.database.db, classId, ids.l1)).toBeNull();
    expect(await certificateFacts.trainingCertificateOf(p.database.db, classId, ids.l4)).toMatchObject({
      number: expect.stringMatching(/^YX330106/),
    });
    expect((await call(p, s.xihu, 'GET', '/api/certificates?status=revoked')).body.items.map((c: any) => c.id)).toEqual(
      [certificateId],
    );
  });
});

describe('skill-level certificates', () => {
  let p: TestPlatform;
  const s = {} as Record<'xihu' | 'ningbo' | 'adminA' | 'l1' | 'operator', Session>;
  let l1IdNumber = '';

  beforeAll(async () => {
    p = await createTestPlatform();
    s.xihu = await login(p, DEMO.xihuRegulator);
    s.ningbo = await login(p, DEMO.ningboRegulator);
    s.adminA = await login(p, DEMO.adminA);
    s.operator = await login(p, DEMO.operator);
    s.l1 = await login(p, '13800000001');
    const row = await p.database.db
      .selectFrom('users')
      .select('id_number_enc')
      .where('id', '=', s.l1.userId)
      .executeTakeFirstOrThrow();
    l1IdNumber = p.services.infra.cipher.decrypt(row.id_number_enc);
  });
  afterAll(async () => {
    await p?.drop();
  });

  const good = (over: Partial<Record<string, string>> = {}) => ({
    number: 'S123433000567263000089',
    name: '张三',
    idNumber: '11010519491231002X',
    occupationCode: '6-31-01-03',
    organisation: '浙江省电力行业评价中心',
    issuedOn: '2026-06-30',
    ...over,
  });

  it('records one by API with the 22-character number validated, and links it to the holder', async () => {
    const res = await call(
      p,
      s.xihu,
      'POST',
      '/api/skill-certificates',
      good({ idNumber: l1IdNumber, name: '学员甲' }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.certificate).toMatchObject({
      number: 'S123433000567263000089',
      kind: 'S',
      level: 3,
      userId: s.l1.userId,
      occupationName: '电工',
      source: 'api',
    });
    expect(res.body.certificate.idNumberMasked).toMatch(/^\d{4}\*{10}/);
    const bad = await call(p, s.xihu, 'POST', '/api/skill-certificates', good({ number: 'S123439000567263000089' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'SKILL_CERTIFICATE_NUMBER_INVALID', field: 'number' });
    expect(bad.body.error.details.problem).toBe('province');
    const level = await call(p, s.xihu, 'POST', '/api/skill-certificates', good({ number: 'S123433000567267000089' }));
    expect(level.body.error.details.problem).toBe('level');
    const dup = await call(p, s.xihu, 'POST', '/api/skill-certificates', good());
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('SKILL_CERTIFICATE_DUPLICATE');
    expect(
      (await call(p, s.adminA, 'POST', '/api/skill-certificates', good({ number: 'Y123433000567263000090' }))).body
        .error.code,
    ).toBe('FORBIDDEN');
  });

  it('imports a workbook with a row report, and keeps to each scope', async () => {
    const file = await skillWorkbook([
      good({ number: 'Y000133000001265000001', name: '李四', idNumber: '11010519491231002X' }),
      good({ number: 'Y000133000001266000002' }),
      good({ number: 'Y000133000001265000003', idNumber: '110105194912310021' }),
      good({ number: 'S123433000567263000089' }),
      good({ number: 'Y000133000001265000004', occupationCode: '9-99-99-99', issuedOn: '2026-02-30' }),
    ]);
    const upload = (mode: string) =>
      p.app.inject({
        method: 'POST',
        url: `/api/skill-certificates/import?mode=${mode}`,
        payload: file,
        headers: { cookie: s.xihu.cookie, 'x-csrf-token': s.xihu.csrf, 'content-type': 'application/octet-stream' },
      });
    const checked = (await upload('check')).json();
    expect(checked).toMatchObject({ mode: 'check', rows: 5, valid: 1, invalid: 4, imported: 0 });
    expect(checked.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
      [3, 'number', 'SKILL_CERTIFICATE_NUMBER_INVALID'],
      [4, 'idNumber', 'IDENTITY_ID_NUMBER_INVALID'],
      [5, 'number', 'SKILL_CERTIFICATE_DUPLICATE'],
      [6, 'occupationCode', 'SKILL_CERTIFICATE_OCCUPATION_UNKNOWN'],
      [6, 'issuedOn', 'SKILL_CERTIFICATE_ROW_DATE_INVALID'],
    ]);
    expect((await upload('all')).json().error.code).toBe('SKILL_CERTIFICATE_FILE_HAS_ERRORS');
    const imported = (await upload('valid-only')).json();
    expect(imported).toMatchObject({ imported: 1 });

    const numbers = async (session: Session) =>
      (await call(p, session, 'GET', '/api/skill-certificates')).body.items.map((c: any) => c.number).sort();
    expect(await numbers(s.xihu)).toEqual(['S123433000567263000089', 'Y000133000001265000001']);
    expect(await numbers(s.operator)).toEqual(['S123433000567263000089', 'Y000133000001265000001']);
    expect(await numbers(s.ningbo)).toEqual([]);
    expect(await numbers(s.l1)).toEqual(['S123433000567263000089']);
    expect((await call(p, s.adminA, 'GET', '/api/skill-certificates')).body.error.code).toBe('FORBIDDEN');
    // The subsidies module's view, by the holder's ID lookup hash and occupation.
    const hash = p.services.infra.cipher.lookupHash('id', l1IdNumber);
    expect(await certificateFacts.skillLevelOf(p.database.db, hash, '6-31-01-03')).toEqual({
      level: 3,
      number: 'S123433000567263000089',
    });
    expect(await certificateFacts.skillLevelOf(p.database.db, hash, '4-01-01-01')).toBeNull();
  });
});
