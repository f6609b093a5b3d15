import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { facePhotos, photoVariants, type FacePhotoSet } from '../../testing/face-photos.js';
import { sharedFaceEngine } from '../../adapters/face-engine/face-api-engine.js';
import { userId } from '../classes/classes.testkit.js';
import { DEFAULT_QUALITY_RULES, FaceEvidence } from './index.js';

// Face enrolment, ID photos, re-enrolment and verification through the API (and the FaceVerifier port the learning
// engine calls) on the configured dialect, with the real engine on real photos: about a dozen analyses in all.

let p: TestPlatform;
let photos: FacePhotoSet;
/** Reads stored photos back the way the service does (decrypting with the platform's key). */
let evidence: FaceEvidence;
const s = {} as Record<'l1' | 'l2' | 'l3' | 'lB' | 'adminA' | 'adminB' | 'xihu' | 'ningbo' | 'operator', Session>;
const ids = { l1: '', l2: '', l3: '', lB: '' };
const b64 = (bytes: Buffer) => bytes.toString('base64');
const photo = (name: string) => b64(photos.read(name));
const auditOf = (action: string) =>
  p.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

beforeAll(async () => {
  photos = await facePhotos();
  p = await createTestPlatform();
  const { db, cipher, blobs } = p.services.infra;
  evidence = new FaceEvidence({ db, cipher, blobs, engine: sharedFaceEngine(), quality: DEFAULT_QUALITY_RULES });
  await sharedFaceEngine().warmUp();
  s.l1 = await login(p, DEMO.learnerA);
  s.l2 = await login(p, '13800000002');
  s.l3 = await login(p, '13800000003');
  s.lB = await login(p, DEMO.learnerB);
  s.adminA = await login(p, DEMO.adminA);
  s.adminB = await login(p, DEMO.adminB);
  s.xihu = await login(p, DEMO.xihuRegulator);
  s.ningbo = await login(p, DEMO.ningboRegulator);
  s.operator = await login(p, DEMO.operator);
  ids.l1 = await userId(p, DEMO.learnerA);
  ids.l2 = await userId(p, '13800000002');
  ids.l3 = await userId(p, '13800000003');
  ids.lB = await userId(p, DEMO.learnerB);
}, 300_000);

afterAll(async () => {
  await p?.drop();
});

describe('face enrolment', { timeout: 120_000 }, () => {
  it('enrols the learner’s own live photo once, encrypted at rest, audited, never returning the face data', async () => {
    expect((await call(p, s.l1, 'GET', '/api/faces/enrolment')).body.enrolment).toMatchObject({
      status: 'none',
      request: null,
    });
    const res = await call(p, s.l1, 'POST', '/api/faces/enrolment', { photo: photo('franck_01829.jpg') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.enrolment).toMatchObject({ status: 'active', idPhotoOnFile: false, request: null });
    expect(JSON.stringify(res.body)).not.toMatch(/descriptor/i);

    const row = await p.database.db
      .selectFrom('face_enrolments')
      .selectAll()
      .where('user_id', '=', ids.l1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'live', status: 'active', slot: 'live:active', created_by: ids.l1 });
    expect(row.descriptor_enc.startsWith('v1.')).toBe(true);
    const stored = readFileSync(p.services.infra.blobs.localPath(row.photo_key)!);
    expect(stored.subarray(0, 3).toString()).toBe('v1.');
    expect(stored.includes(photos.read('franck_01829.jpg').subarray(0, 64))).toBe(false);
    expect((await evidence.readPhoto(row.photo_key)).equals(photos.read('franck_01829.jpg'))).toBe(true);
    const [entry] = await auditOf('face.enrolled');
    expect(entry).toMatchObject({ actor_id: ids.l1, target_id: row.id });
    expect(JSON.parse(entry.details)).toMatchObject({
      source: 'live',
      sameFaceAccounts: 0,
      threshold: sharedFaceEngine().threshold,
    });

    const again = await call(p, s.l1, 'POST', '/api/faces/enrolment', { photo: photo('franck_04035.jpg') });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FACE_ALREADY_ENROLLED');
  });

  it('refuses poor photos with the quality reason and stores nothing', async () => {
    const dark = await call(p, s.l2, 'POST', '/api/faces/enrolment', {
      photo: b64(await photoVariants.darkened(photos.read('cage.jpg'))),
    });
    expect(dark.status).toBe(422);
    expect(dark.body.error).toMatchObject({ code: 'FACE_TOO_DARK', field: 'photo', details: { reason: 'too_dark' } });
    expect(dark.body.error.messages['zh-CN']).toContain('光线太暗');
    const two = await call(p, s.l2, 'POST', '/api/faces/enrolment', {
      photo: b64(await photoVariants.sideBySide(photos.read('cage.jpg'), photos.read('obama4_crop.jpg'))),
    });
    expect(two.body.error.code).toBe('FACE_MULTIPLE_FACES');
    const text = await call(p, s.l2, 'POST', '/api/faces/enrolment', {
      photo: b64(Buffer.from('hello, this is not an image')),
    });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('FACE_PHOTO_INVALID');
    expect(
      await p.database.db.selectFrom('face_enrolments').select('id').where('user_id', '=', ids.l2).execute(),
    ).toEqual([]);
    expect((await call(p, s.l2, 'GET', '/api/faces/enrolment')).body.enrolment.status).toBe('none');
  });

  it('lets only learners enrol, and only staff in scope read a learner’s faces', async () => {
    expect((await call(p, s.adminA, 'POST', '/api/faces/enrolment', { photo: photo('cage.jpg') })).status).toBe(403);
    expect((await call(p, s.l2, 'GET', `/api/faces/users/${ids.l1}`)).status).toBe(403);
    expect((await call(p, s.adminB, 'GET', `/api/faces/users/${ids.l1}`)).status).toBe(404);
    expect((await call(p, s.ningbo, 'GET', `/api/faces/users/${ids.l1}`)).status).toBe(404);
    const xihu = await call(p, s.xihu, 'GET', `/api/faces/users/${ids.l1}`);
    expect(xihu.status).toBe(200);
    expect(xihu.body.faces).toMatchObject({
      userId: ids.l1,
      live: { source: 'live', status: 'active' },
      idPhoto: null,
      pending: null,
    });
    expect(xihu.body.faces.live.quality.faceShare).toBeGreaterThan(0.4);
  });
});

describe('face verification (the learning engine’s FaceVerifier port)', { timeout: 120_000 }, () => {
  it('passes another photo of the enrolled person and fails a different person, storing every check with its photo', async () => {
    const verifier = p.services.faceVerifier;
    const same = await verifier.verify(ids.l1, photos.read('franck_04035.jpg'), { kind: 'learning', id: 'session-1' });
    expect(same.ok).toBe(true);
    expect(same.distance!).toBeLessThanOrEqual(same.threshold);
    const other = await verifier.verify(ids.l1, photos.read('obama4_crop.jpg'));
    expect(other).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(other.distance!).toBeGreaterThan(other.threshold);
    const checks = await p.database.db
      .selectFrom('face_checks')
      .selectAll()
      .where('user_id', '=', ids.l1)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(checks.map((c) => [c.result, c.reason, c.context_kind, c.context_id])).toEqual([
      ['pass', null, 'learning', 'session-1'],
      ['fail', 'mismatch', 'learning', null],
    ]);
    expect((await evidence.readPhoto(checks[1].photo_key!)).equals(photos.read('obama4_crop.jpg'))).toBe(true);
  });

  it('rejects a poor photo with its quality reason and answers not enrolled for a learner without a face', async () => {
    const verifier = p.services.faceVerifier;
    expect(await verifier.verify(ids.l1, await photoVariants.blurred(photos.read('franck_04035.jpg')))).toMatchObject({
      ok: false,
      reason: 'blurred',
    });
    expect(await verifier.verify(ids.l1, Buffer.from('not an image'))).toMatchObject({
      ok: false,
      reason: 'photo_invalid',
    });
    expect(await verifier.verify(ids.l2, photos.read('cage.jpg'))).toMatchObject({ ok: false, reason: 'not_enrolled' });
    const results = await p.database.db
      .selectFrom('face_checks')
      .select(['result', 'reason'])
      .where('result', 'in', ['rejected', 'not_enrolled'])
      .execute();
    expect(results).toHaveLength(3);
  });
});

describe('re-enrolment', { timeout: 120_000 }, () => {
  let requestId = '';

  it('is requested by the learner with a new photo and shows the institution how far it is from the enrolled face', async () => {
    const res = await call(p, s.l1, 'POST', '/api/faces/re-enrolment', {
      photo: photo('franck_02045.jpg'),
      reason: '换了新手机，重新采集',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.enrolment).toMatchObject({ status: 'active', request: { status: 'pending' } });
    requestId = res.body.enrolment.request.id;
    expect(
      (await call(p, s.l1, 'POST', '/api/faces/re-enrolment', { photo: photo('franck_02045.jpg'), reason: '再来一次' }))
        .body.error.code,
    ).toBe('FACE_REENROLMENT_PENDING');
    expect(
      (await call(p, s.l2, 'POST', '/api/faces/re-enrolment', { photo: photo('cage.jpg'), reason: '没有采集过' })).body
        .error.code,
    ).toBe('FACE_NOT_ENROLLED');

    const list = await call(p, s.adminA, 'GET', '/api/faces/re-enrolments');
    expect(list.body.requests).toHaveLength(1);
    expect(list.body.requests[0]).toMatchObject({
      id: requestId,
      userId: ids.l1,
      status: 'pending',
      reason: '换了新手机，重新采集',
      matchesCompared: true,
    });
    expect((await call(p, s.adminB, 'GET', '/api/faces/re-enrolments')).body.requests).toEqual([]);
  });

  it('is approved by the learner’s institution only: the new face replaces the old one, audited', async () => {
    const before = await p.database.db
      .selectFrom('face_enrolments')
      .select('id')
      .where('user_id', '=', ids.l1)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect((await call(p, s.adminB, 'POST', `/api/faces/re-enrolments/${requestId}/approve`, {})).status).toBe(404);
    expect((await call(p, s.l1, 'POST', `/api/faces/re-enrolments/${requestId}/approve`, {})).status).toBe(403);
    expect((await call(p, s.xihu, 'POST', `/api/faces/re-enrolments/${requestId}/approve`, {})).status).toBe(403);
    const res = await call(p, s.adminA, 'POST', `/api/faces/re-enrolments/${requestId}/approve`, {
      note: '本人到场核实',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.faces).toMatchObject({
      live: { id: requestId, status: 'active', decisionNote: '本人到场核实' },
      pending: null,
    });
    const old = await p.database.db
      .selectFrom('face_enrolments')
      .select(['status', 'slot'])
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(old).toEqual({ status: 'superseded', slot: null });
    const [entry] = await auditOf('face.reenrolment_approved');
    expect(entry).toMatchObject({ actor_id: (await login(p, DEMO.adminA)).userId, target_id: requestId });
    expect(JSON.parse(entry.details)).toMatchObject({ userId: ids.l1, replaced: before.id, note: '本人到场核实' });
    expect((await call(p, s.adminA, 'POST', `/api/faces/re-enrolments/${requestId}/approve`, {})).body.error.code).toBe(
      'FACE_REQUEST_NOT_PENDING',
    );
    // Verification now uses the new face.
    expect((await p.services.faceVerifier.verify(ids.l1, photos.read('franck_04117.jpg'))).ok).toBe(true);
  });

  it('is rejected with a reason the learner sees, when the new photo is somebody else', async () => {
    p.clock.advance(60_000);
    const res = await call(p, s.l1, 'POST', '/api/faces/re-enrolment', {
      photo: photo('cage2_crop.jpg'),
      reason: '请更换',
    });
    expect(res.status).toBe(201);
    const id = res.body.enrolment.request.id;
    const [listed] = (await call(p, s.adminA, 'GET', '/api/faces/re-enrolments')).body.requests;
    expect(listed).toMatchObject({ id, matchesCompared: false });
    expect((await call(p, s.adminA, 'POST', `/api/faces/re-enrolments/${id}/reject`, {})).status).toBe(400);
    p.clock.advance(60_000);
    expect(
      (await call(p, s.adminA, 'POST', `/api/faces/re-enrolments/${id}/reject`, { note: '照片不是本人' })).status,
    ).toBe(200);
    expect((await call(p, s.l1, 'GET', '/api/faces/enrolment')).body.enrolment).toMatchObject({
      status: 'active',
      request: { id, status: 'rejected', note: '照片不是本人' },
    });
    expect(await auditOf('face.reenrolment_rejected')).toHaveLength(1);
  });
});

describe('one face on several accounts, and ID photos', { timeout: 120_000 }, () => {
  it('flags a face enrolled on a second account to both institutions, naming only what each may see', async () => {
    expect((await call(p, s.l3, 'POST', '/api/faces/enrolment', { photo: photo('franck_02159.jpg') })).status).toBe(
      201,
    );
    // (The mismatching check on l1 earlier raised a different_face alert: account-sharing.test.ts covers those.)
    const alertsA = (await call(p, s.adminA, 'GET', '/api/faces/alerts')).body.alerts.filter(
      (a: { kind: string }) => a.kind === 'same_face_other_account',
    );
    expect(alertsA).toHaveLength(1);
    expect(alertsA[0]).toMatchObject({
      kind: 'same_face_other_account',
      user: { id: ids.l3 },
      otherUser: { id: ids.l1 },
      otherAccount: true,
    });
    expect(alertsA[0].distance).toBeLessThanOrEqual(alertsA[0].threshold);

    // Institution B's learner shows the same face: B sees the alert, but not who A's learner is.
    expect((await call(p, s.lB, 'POST', '/api/faces/enrolment', { photo: photo('franck_02221.jpg') })).status).toBe(
      201,
    );
    const alertsB = (await call(p, s.adminB, 'GET', '/api/faces/alerts')).body.alerts;
    expect(alertsB.length).toBeGreaterThanOrEqual(1);
    for (const alert of alertsB)
      expect(alert).toMatchObject({ user: { id: ids.lB }, otherUser: null, otherAccount: true });
    expect((await call(p, s.adminA, 'GET', `/api/faces/alerts?userId=${ids.lB}`)).body.alerts[0]).toMatchObject({
      user: null,
      otherAccount: true,
    });
    expect((await call(p, s.operator, 'GET', `/api/faces/alerts?userId=${ids.lB}`)).body.alerts[0].user).toMatchObject({
      id: ids.lB,
    });
    const [entry] = (await auditOf('face.enrolled')).filter((e) => e.actor_id === ids.lB);
    expect(JSON.parse(entry.details).sameFaceAccounts).toBeGreaterThanOrEqual(1);
  });

  it('compares an ID photo uploaded by the institution with the live face and flags a mismatch', async () => {
    expect(
      (await call(p, s.adminB, 'POST', `/api/faces/users/${ids.l2}/id-photo`, { photo: photo('cage.jpg') })).status,
    ).toBe(404);
    expect(
      (await call(p, s.l2, 'POST', `/api/faces/users/${ids.l2}/id-photo`, { photo: photo('cage.jpg') })).status,
    ).toBe(403);
    const res = await call(p, s.adminA, 'POST', `/api/faces/users/${ids.l3}/id-photo`, { photo: photo('cage.jpg') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.faces.idPhoto).toMatchObject({ source: 'id_photo', status: 'active', matchesCompared: false });
    expect(res.body.faces.idPhoto.comparedDistance).toBeGreaterThan(0.52);
    const alerts = (await call(p, s.adminA, 'GET', `/api/faces/alerts?userId=${ids.l3}`)).body.alerts;
    expect(alerts.map((a: { kind: string }) => a.kind)).toContain('id_photo_mismatch');
    const [entry] = await auditOf('face.id_photo_uploaded');
    expect(JSON.parse(entry.details)).toMatchObject({ userId: ids.l3, source: 'id_photo' });
    expect((await call(p, s.l3, 'GET', '/api/faces/enrolment')).body.enrolment.idPhotoOnFile).toBe(true);
  });

  it('shows an enrolment photo to staff in scope and audits every viewing', async () => {
    const faces = (await call(p, s.adminA, 'GET', `/api/faces/users/${ids.l3}`)).body.faces;
    const res = await p.app.inject({
      method: 'GET',
      url: `/api/faces/enrolments/${faces.live.id}/photo`,
      headers: { cookie: s.adminA.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.rawPayload.equals(photos.read('franck_02159.jpg'))).toBe(true);
    expect((await call(p, s.adminB, 'GET', `/api/faces/enrolments/${faces.live.id}/photo`)).status).toBe(404);
    const viewed = await auditOf('face.photo_viewed');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ target_id: faces.live.id, institution_id: expect.any(String) });
  });
});
