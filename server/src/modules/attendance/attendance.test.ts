import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { fileTypeFromBuffer } from 'file-type';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import {
  attendedMinutes,
  distanceMeters,
  makeAttendanceToken,
  offlineClassHours,
  verifyAttendanceToken,
  type TheoryProgress,
} from './attendance.js';
import { openSealedBytes } from '../../platform/crypto.js';
import { AttendanceService, attendanceTokenKey } from './attendance.service.js';
import { LearningTheoryProgress } from '../learning/index.js';
import { beijingDate } from '../../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../classes/classes.testkit.js';

// Offline attendance: the rotating venue code and the geofence as pure functions, then check-in and check-out through
// the API on the configured dialect with a manual clock, the refusals (each leaving nothing behind), the encrypted
// photo evidence, and attended minutes becoming offline class hours.

describe('venue code tokens', () => {
  const key = randomBytes(32);
  const ids = { classId: '0190a0b0-0000-7000-8000-000000000001', sessionId: '0190a0b0-0000-7000-8000-000000000002' };
  const at = (iso: string) => new Date(iso);

  it('names the class, session and minute, and is valid for that minute plus the grace (90 s)', () => {
    const issued = makeAttendanceToken(key, ids, at('2030-03-11T01:00:20.000Z'));
    expect(issued.expiresAt.toISOString()).toBe('2030-03-11T01:01:30.000Z');
    expect(issued.refreshInSeconds).toBe(40);
    for (const when of ['2030-03-11T01:00:00.000Z', '2030-03-11T01:00:59.999Z', '2030-03-11T01:01:29.999Z']) {
      expect(verifyAttendanceToken(key, issued.token, at(when), { sessionId: ids.sessionId })).toMatchObject({
        ok: true,
        ...ids,
        window: issued.window,
      });
    }
    expect(verifyAttendanceToken(key, issued.token, at('2030-03-11T01:01:30.000Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyAttendanceToken(key, issued.token, at('2030-03-12T01:00:00.000Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    // A node whose clock is a few seconds behind still accepts it; a token from minutes ahead is not ours to accept.
    expect(verifyAttendanceToken(key, issued.token, at('2030-03-11T00:59:55.000Z')).ok).toBe(true);
    expect(verifyAttendanceToken(key, issued.token, at('2030-03-11T00:58:00.000Z'))).toEqual({
      ok: false,
      reason: 'not_yet_valid',
    });
  });

  it('rotates every minute', () => {
    const a = makeAttendanceToken(key, ids, at('2030-03-11T01:00:00.000Z'));
    const b = makeAttendanceToken(key, ids, at('2030-03-11T01:00:59.000Z'));
    const c = makeAttendanceToken(key, ids, at('2030-03-11T01:01:00.000Z'));
    expect(b.token).toBe(a.token);
    expect(b.refreshInSeconds).toBe(1);
    expect(c.token).not.toBe(a.token);
    expect(c.window).toBe(a.window + 1);
  });

  it('refuses tampered, forged, malformed and other-session tokens', () => {
    const now = at('2030-03-11T01:00:10.000Z');
    const { token } = makeAttendanceToken(key, ids, now);
    const parts = token.split('.');
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    expect(verifyAttendanceToken(key, [...parts.slice(0, 4), flip(parts[4])].join('.'), now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    // Moving the token to a later minute or another session breaks the signature.
    expect(
      verifyAttendanceToken(key, [parts[0], parts[1], parts[2], Number(parts[3]) + 1, parts[4]].join('.'), now),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAttendanceToken(key, [parts[0], parts[1], ids.classId, parts[3], parts[4]].join('.'), now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyAttendanceToken(randomBytes(32), token, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAttendanceToken(key, token, now, { sessionId: ids.classId })).toEqual({
      ok: false,
      reason: 'other_session',
    });
    for (const bad of ['', 'x', token.replace(/^a1\./, 'a0.'), `${token}.x`, token.replace(/\.\d+\./, '.soon.')]) {
      expect(verifyAttendanceToken(key, bad, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('accepts a token at every moment of its validity and at none after (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), fc.integer({ min: 0, max: 200_000 }), (issuedMs, laterMs) => {
        const issued = makeAttendanceToken(key, ids, new Date(issuedMs));
        const check = verifyAttendanceToken(key, issued.token, new Date(issuedMs + laterMs));
        const valid = issuedMs + laterMs < issued.expiresAt.getTime();
        expect(check.ok).toBe(valid);
        if (!valid) expect(check).toEqual({ ok: false, reason: 'expired' });
      }),
    );
  });
});

describe('geofence and hours', () => {
  it('measures great-circle distances (haversine)', () => {
    const venue = { latitude: 30.2741, longitude: 120.1551 };
    expect(distanceMeters(venue, venue)).toBe(0);
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111_195, 0);
    expect(distanceMeters({ latitude: 0, longitude: 179.5 }, { latitude: 0, longitude: -179.5 })).toBeCloseTo(
      111_195,
      0,
    );
    // Hangzhou West Lake to Shanghai People's Square: about 165 km.
    expect(distanceMeters(venue, { latitude: 31.2304, longitude: 121.4737 }) / 1000).toBeCloseTo(165, -1);
    // 0.0009° of latitude is about 100 m.
    expect(Math.round(distanceMeters(venue, { latitude: 30.275, longitude: 120.1551 }))).toBe(100);
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        (lat1, lon1, lat2, lon2) => {
          const a = { latitude: lat1, longitude: lon1 };
          const b = { latitude: lat2, longitude: lon2 };
          expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
          expect(distanceMeters(a, b)).toBeLessThanOrEqual(Math.PI * 6_371_008.8 + 1e-6);
        },
      ),
    );
  });

  it('credits the overlap of presence with the session, and nothing without a check-out', () => {
    const session = { startsAt: '2030-03-11T01:00:00.000Z', endsAt: '2030-03-11T05:00:00.000Z' };
    expect(attendedMinutes('2030-03-11T00:40:00.000Z', '2030-03-11T04:30:00.000Z', session)).toBe(210);
    expect(attendedMinutes('2030-03-11T01:10:30.000Z', '2030-03-11T05:25:00.000Z', session)).toBe(229);
    expect(attendedMinutes('2030-03-11T00:10:00.000Z', '2030-03-11T00:50:00.000Z', session)).toBe(0);
    expect(attendedMinutes('2030-03-11T00:40:00.000Z', null, session)).toBe(0);
  });

  it('turns minutes into class hours to one decimal, never rounding up', () => {
    expect(offlineClassHours(210, 45)).toBe(4.6);
    expect(offlineClassHours(450, 45)).toBe(10);
    expect(offlineClassHours(44, 45)).toBe(0.9);
    expect(offlineClassHours(3, 30)).toBe(0.1);
    expect(offlineClassHours(0, 45)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 10, max: 120 }), (minutes, length) => {
        const hours = offlineClassHours(minutes, length);
        expect(hours).toBeLessThanOrEqual(minutes / length);
        expect(minutes / length - hours).toBeLessThan(0.1 + 1e-9);
        expect(Math.round(hours * 10)).toBeCloseTo(hours * 10, 9);
      }),
    );
  });
});

// ---- through the API ---------------------------------------------------------------------------------------------

// A real 8×8 JPEG (made with ffmpeg).
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU4LjQyLjEwMAD/2wBDAAgUFBcUFxsbGxsbGyAeICEhISAgICAhISEkJCQqKiokJCQhISQkKCgqKi4vLisrKisvLzIyMjw8OTlGRkhWVmf/xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABgcQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAAIAAgDASIAAhEAAxEA/9oADAMBAAIRAxEAPwCLAFF/f//Z',
  'base64',
);
const PHOTO = JPEG.toString('base64');
const VENUE = { latitude: 30.2741, longitude: 120.1551 };
const NEAR = { latitude: 30.275, longitude: 120.1551, accuracy: 15 }; // about 100 m north of the venue
const FAR = { latitude: 30.3191, longitude: 120.1551, accuracy: 15 }; // 0.045° (about 5 km) north

describe('offline attendance through the API', () => {
  let p: TestPlatform;
  let classId: string;
  let sessionA: { id: string; startsAt: string; endsAt: string };
  let sessionB: { id: string };
  const learner = {} as Record<'l1' | 'l2' | 'l3' | 'l4' | 'l5' | 'l6', string>;
  const phones = {
    l1: '13800000001',
    l2: '13800000002',
    l3: '13800000003',
    l4: '13800000004',
    l5: '13800000005',
    l6: '13800000006',
  } as const;
  /** Learners whose online theory the fake learning engine reports as unfinished. */
  const unfinishedTheory = new Set<string>();
  let day10: string;
  let day11: string;

  const at = (iso: string) => p.clock.set(new Date(iso));
  const as = (phone: string) => login(p, phone);
  const code = async (session: Session, sessionId = sessionA.id) => {
    const res = await call(p, session, 'GET', `/api/classes/${classId}/sessions/${sessionId}/qr`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.token as string;
  };
  const scan = (
    session: Session,
    action: 'check-in' | 'check-out',
    token: string,
    where: typeof NEAR = NEAR,
    photo = PHOTO,
  ) => call(p, session, 'POST', `/api/attendance/${action}`, { token, ...where, photo });
  const rowsOf = (user: string) =>
    p.database.db.selectFrom('attendance').selectAll().where('user_id', '=', user).execute();
  const auditOf = (user: string) =>
    p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', user)
      .where('action', 'like', 'attendance.%')
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    day10 = day(10);
    day11 = day(11);
    for (const [k, phone] of Object.entries(phones)) learner[k as keyof typeof learner] = await userId(p, phone);
    const world = await prepareClassWorld(p);
    const sessions = [
      {
        title: '配电实训（一）',
        venueName: '西湖实训基地',
        address: '杭州市西湖区文三路 1 号',
        ...VENUE,
        startsAt: `${day10}T01:00:00.000Z`,
        endsAt: `${day10}T05:00:00.000Z`,
      },
      {
        title: '配电实训（二）',
        venueName: '西湖实训基地',
        address: '杭州市西湖区文三路 1 号',
        ...VENUE,
        startsAt: `${day11}T01:00:00.000Z`,
        endsAt: `${day11}T05:00:00.000Z`,
      },
    ];
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）实训考勤班',
      startDate: day(7),
      endDate: day(40),
      sessions: [...sessions, ...topUpSession(world, sessions, `${day(12)}T00:00:00.000Z`, VENUE)],
      learnerIds: [learner.l1, learner.l2, learner.l4, learner.l5, learner.l6],
    });
    classId = klass.id;
    sessionA = klass.sessions.find((s) => s.title === '配电实训（一）')!;
    sessionB = klass.sessions.find((s) => s.title === '配电实训（二）')!;
    // The learning engine does not exist yet: a fake answers for it, swapped into the graph the routes use.
    const theory: TheoryProgress = { isTheoryComplete: async (user) => !unfinishedTheory.has(user) };
    const { db, clock, cipher, hot, blobs } = p.services.infra;
    const { audit, policies, classes } = p.services;
    p.services.attendance = new AttendanceService({ db, clock, cipher, hot, blobs, audit, policies, classes, theory });
    unfinishedTheory.add(learner.l4);
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('gives the venue code only to the staff of the class’s institution', async () => {
    at(`${day10}T00:40:20.000Z`);
    const teacher = await as(DEMO.teacherA);
    const res = await call(p, teacher, 'GET', `/api/classes/${classId}/sessions/${sessionA.id}/qr`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresAt: `${day10}T00:41:30.000Z`, refreshInSeconds: 40 });
    expect(res.body.token).toEqual(expect.any(String));
    expect(
      (await call(p, await as(DEMO.adminA), 'GET', `/api/classes/${classId}/sessions/${sessionA.id}/qr`)).body.token,
    ).toBe(res.body.token);
    expect(
      (await call(p, await as(DEMO.adminB), 'GET', `/api/classes/${classId}/sessions/${sessionA.id}/qr`)).status,
    ).toBe(404);
    expect(
      (await call(p, await as(DEMO.teacherB), 'GET', `/api/classes/${classId}/sessions/${sessionA.id}/qr`)).status,
    ).toBe(404);
    expect(
      (await call(p, await as(DEMO.xihuRegulator), 'GET', `/api/classes/${classId}/sessions/${sessionA.id}/qr`)).status,
    ).toBe(403);
    expect(
      (await call(p, await as(phones.l1), 'GET', `/api/classes/${classId}/sessions/${sessionA.id}/qr`)).status,
    ).toBe(403);
    expect((await call(p, teacher, 'GET', `/api/classes/${classId}/sessions/${classId}/qr`)).status).toBe(404);
    // The screen refreshes at the next minute and shows a new code.
    p.clock.advance(40_000);
    expect(await code(teacher)).not.toBe(res.body.token);
  });

  it('refuses check-in before the session opens, leaving nothing behind', async () => {
    at(`${day10}T00:20:00.000Z`);
    const l5 = await as(phones.l5);
    const res = await scan(l5, 'check-in', await code(await as(DEMO.teacherA)));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'ATTENDANCE_SESSION_NOT_OPEN',
      details: { action: 'check-in', opensAt: `${day10}T00:30:00.000Z`, closesAt: `${day10}T05:00:00.000Z` },
    });
    expect(await rowsOf(learner.l5)).toEqual([]);
  });

  it('checks a learner in within the radius, with the photo encrypted at rest and the scan audited', async () => {
    at(`${day10}T00:40:00.000Z`);
    const l1 = await as(phones.l1);
    const token = await code(await as(DEMO.teacherA));
    const res = await scan(l1, 'check-in', token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.attendance).toMatchObject({
      sessionId: sessionA.id,
      checkInAt: `${day10}T00:40:00.000Z`,
      checkOutAt: null,
      checkInDistanceMeters: 100,
      minutes: 0,
    });

    const [row] = await rowsOf(learner.l1);
    expect(row.check_in_photo_key).toBe(`attendance/${row.id}/check-in.jpg.enc`);
    const { blobs, cipher } = p.services.infra;
    const chunks: Buffer[] = [];
    for await (const chunk of await blobs.open(row.check_in_photo_key)) chunks.push(Buffer.from(chunk as Buffer));
    const stored = Buffer.concat(chunks);
    // Not readable as an image, and the photo's bytes appear nowhere in it...
    expect(await fileTypeFromBuffer(stored)).toBeUndefined();
    expect(stored.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(stored.includes(JPEG.subarray(0, 64))).toBe(false);
    // ...yet it decrypts to exactly what the learner sent.
    expect(openSealedBytes(cipher, stored).equals(JPEG)).toBe(true);
    expect((await p.services.attendance.photo(row.id, 'check-in'))!.equals(JPEG)).toBe(true);

    const [entry] = await auditOf(learner.l1);
    expect(entry).toMatchObject({
      action: 'attendance.checked_in',
      target_id: row.id,
      ip: expect.any(String),
      at: `${day10}T00:40:00.000Z`,
    });
    expect(JSON.parse(entry.details)).toEqual({
      classId,
      sessionId: sessionA.id,
      at: `${day10}T00:40:00.000Z`,
      latitude: NEAR.latitude,
      longitude: NEAR.longitude,
      accuracy: 15,
      distanceMeters: 100,
      radiusMeters: 500,
    });
  });

  it('lets a code be used once per learner and action', async () => {
    at(`${day10}T00:45:10.000Z`);
    const token = await code(await as(DEMO.teacherA));
    const l2 = await as(phones.l2);
    const l6 = await as(phones.l6);
    // Everyone in the room scans the same screen...
    expect((await scan(l2, 'check-in', token)).status).toBe(201);
    expect((await scan(l6, 'check-in', token)).status).toBe(201);
    // ...but nobody twice.
    const replay = await scan(l2, 'check-in', token);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('ATTENDANCE_TOKEN_REPLAYED');
    p.clock.advance(60_000);
    expect((await scan(l2, 'check-in', await code(await as(DEMO.teacherA)))).body.error.code).toBe(
      'ATTENDANCE_ALREADY_CHECKED_IN',
    );
    expect(await rowsOf(learner.l2)).toHaveLength(1);
  });

  it('refuses expired, tampered and forged codes, a wrong place, unfinished theory, learners not on the roster and non-images — recording nothing', async () => {
    at(`${day10}T00:50:00.000Z`);
    const teacher = await as(DEMO.teacherA);
    const stale = await code(teacher);
    at(`${day10}T00:51:30.000Z`);
    const fresh = await code(teacher);
    const l5 = await as(phones.l5);
    const l4 = await as(phones.l4);
    const l3 = await as(phones.l3);
    const blobsBefore = await p.services.infra.blobs.list('attendance');
    const expectCode = async (res: Awaited<ReturnType<typeof scan>>, status: number, errorCode: string) => {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(errorCode);
      return res.body.error;
    };

    await expectCode(await scan(l5, 'check-in', stale), 400, 'ATTENDANCE_TOKEN_EXPIRED');
    const parts = fresh.split('.');
    await expectCode(
      await scan(l5, 'check-in', [...parts.slice(0, 4), parts[4].split('').reverse().join('')].join('.')),
      400,
      'ATTENDANCE_TOKEN_INVALID',
    );
    const forged = makeAttendanceToken(randomBytes(32), { classId, sessionId: sessionA.id }, p.clock.now()).token;
    await expectCode(await scan(l5, 'check-in', forged), 400, 'ATTENDANCE_TOKEN_INVALID');
    // A code signed with our key but naming the session under another class is void.
    const misfiled = makeAttendanceToken(
      attendanceTokenKey(p.services.infra.cipher),
      { classId: newId(), sessionId: sessionA.id },
      p.clock.now(),
    ).token;
    await expectCode(await scan(l5, 'check-in', misfiled), 400, 'ATTENDANCE_TOKEN_INVALID');

    const far = await expectCode(await scan(l5, 'check-in', fresh, FAR), 403, 'ATTENDANCE_TOO_FAR');
    expect(far.details.radiusMeters).toBe(500);
    expect(far.details.distanceMeters).toBeGreaterThan(4950);
    expect(far.details.distanceMeters).toBeLessThan(5050);
    expect(far.messages.en).toBe(
      `You are about ${far.details.distanceMeters} m from the venue, outside the attendance radius of 500 m`,
    );

    await expectCode(await scan(l4, 'check-in', fresh), 403, 'ATTENDANCE_THEORY_INCOMPLETE');
    await expectCode(await scan(l3, 'check-in', fresh), 403, 'ATTENDANCE_NOT_ENROLLED');
    await expectCode(
      await scan(l5, 'check-in', fresh, NEAR, Buffer.from('%PDF-1.7\nnot a face\n').toString('base64')),
      415,
      'ATTENDANCE_PHOTO_INVALID',
    );
    await expectCode(await scan(l5, 'check-in', fresh, NEAR, 'not base64 at all!'), 415, 'ATTENDANCE_PHOTO_INVALID');
    await expectCode(
      await scan(l5, 'check-in', fresh, NEAR, Buffer.alloc(2 * 1024 * 1024 + 3, 0xff).toString('base64')),
      413,
      'ATTENDANCE_PHOTO_TOO_LARGE',
    );
    const staff = await scan(teacher, 'check-in', fresh);
    expect(staff.status).toBe(403);

    for (const user of [learner.l3, learner.l4, learner.l5]) {
      expect(await rowsOf(user)).toEqual([]);
      expect(await auditOf(user)).toEqual([]);
    }
    expect(await p.services.infra.blobs.list('attendance')).toEqual(blobsBefore);
    // None of the refusals used up the code: the learner at the venue with a photo gets in with it.
    expect((await scan(l5, 'check-in', fresh)).status).toBe(201);
  });

  it('checks out, crediting the overlap with the session; check-out has its own rules', async () => {
    at(`${day10}T04:30:00.000Z`);
    const l1 = await as(phones.l1);
    const teacher = await as(DEMO.teacherA);
    const far = await scan(l1, 'check-out', await code(teacher), FAR);
    expect(far.body.error.code).toBe('ATTENDANCE_TOO_FAR');
    const token = await code(teacher);
    const res = await scan(l1, 'check-out', token, { latitude: 30.2745, longitude: 120.1555, accuracy: 8 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.attendance).toMatchObject({
      checkInAt: `${day10}T00:40:00.000Z`,
      checkOutAt: `${day10}T04:30:00.000Z`,
      checkInDistanceMeters: 100,
      minutes: 210,
    });
    expect(res.body.attendance.checkOutDistanceMeters).toBeLessThan(100);
    expect((await scan(l1, 'check-out', token)).body.error.code).toBe('ATTENDANCE_TOKEN_REPLAYED');
    p.clock.advance(60_000);
    expect((await scan(l1, 'check-out', await code(teacher))).body.error.code).toBe('ATTENDANCE_ALREADY_CHECKED_OUT');
    const audit = await auditOf(learner.l1);
    expect(audit.map((a) => a.action)).toEqual(['attendance.checked_in', 'attendance.checked_out']);
    expect(JSON.parse(audit[1].details)).toMatchObject({
      at: `${day10}T04:30:00.000Z`,
      minutes: 210,
      accuracy: 8,
      distanceMeters: expect.any(Number),
    });
    const [row] = await rowsOf(learner.l1);
    expect((await p.services.attendance.photo(row.id, 'check-out'))!.equals(JPEG)).toBe(true);

    // Someone who never checked in cannot check out; after the session's end plus 30 minutes nobody can.
    const l3 = await as(phones.l3);
    expect((await scan(l3, 'check-out', await code(teacher))).body.error.code).toBe('ATTENDANCE_NOT_ENROLLED');
    const enrolledStranger = await as(phones.l4);
    expect((await scan(enrolledStranger, 'check-out', await code(teacher))).body.error.code).toBe(
      'ATTENDANCE_NOT_CHECKED_IN',
    );
    at(`${day10}T05:30:01.000Z`);
    const late = await scan(await as(phones.l2), 'check-out', await code(await as(DEMO.teacherA)));
    expect(late.body.error).toMatchObject({
      code: 'ATTENDANCE_SESSION_NOT_OPEN',
      details: { action: 'check-out', closesAt: `${day10}T05:30:00.000Z` },
    });
    expect((await rowsOf(learner.l2))[0].check_out_at).toBeNull();
  });

  it('adds up sessions into offline class hours for the learner', async () => {
    at(`${day11}T00:55:00.000Z`);
    const l1 = await as(phones.l1);
    // Two scans at once (a double tap, or two API nodes): exactly one gets through.
    const token = await code(await as(DEMO.teacherA), sessionB.id);
    const both = await Promise.all([scan(l1, 'check-in', token), scan(l1, 'check-in', token)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(['ATTENDANCE_TOKEN_REPLAYED', 'ATTENDANCE_ALREADY_CHECKED_IN']).toContain(
      both.find((r) => r.status === 409)!.body.error.code,
    );
    expect((await rowsOf(learner.l1)).filter((r) => r.session_id === sessionB.id)).toHaveLength(1);
    at(`${day11}T05:10:00.000Z`);
    expect(
      (await scan(l1, 'check-out', await code(await as(DEMO.teacherA), sessionB.id))).body.attendance.minutes,
    ).toBe(240);

    const mine = await call(p, l1, 'GET', `/api/attendance/mine?classId=${classId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.attendance).toMatchObject({
      classId,
      classHourMinutes: 45,
      radiusMeters: 500,
      theoryComplete: true,
      minutes: 450,
      classHours: 10,
    });
    const attended = mine.body.attendance.sessions.filter((s: any) => s.attendance);
    expect(attended.map((s: any) => [s.id, s.attendance.minutes])).toEqual([
      [sessionA.id, 210],
      [sessionB.id, 240],
    ]);
    expect((await call(p, await as(phones.l3), 'GET', `/api/attendance/mine?classId=${classId}`)).status).toBe(404);
    expect(
      (await call(p, await as(phones.l4), 'GET', `/api/attendance/mine?classId=${classId}`)).body.attendance,
    ).toMatchObject({ theoryComplete: false, minutes: 0 });
  });

  it('reports the class’s attendance to its institution, its regulators and operators only', async () => {
    const report = await call(p, await as(DEMO.adminA), 'GET', `/api/classes/${classId}/attendance`);
    expect(report.status).toBe(200);
    const byUser = new Map<string, any>(report.body.attendance.learners.map((l: any) => [l.userId, l]));
    expect(report.body.attendance).toMatchObject({ classId, classHourMinutes: 45, radiusMeters: 500 });
    expect(byUser.get(learner.l1)).toMatchObject({ minutes: 450, classHours: 10, enrolment: 'enrolled' });
    expect(byUser.get(learner.l1).records).toEqual([
      expect.objectContaining({
        sessionId: sessionA.id,
        checkInAt: `${day10}T00:40:00.000Z`,
        checkOutAt: `${day10}T04:30:00.000Z`,
        checkInDistanceMeters: 100,
        minutes: 210,
      }),
      expect.objectContaining({ sessionId: sessionB.id, minutes: 240 }),
    ]);
    // Checked in without checking out: present on the record, credited nothing.
    for (const user of [learner.l2, learner.l6, learner.l5]) {
      expect(byUser.get(user)).toMatchObject({
        minutes: 0,
        classHours: 0,
        records: [expect.objectContaining({ sessionId: sessionA.id, checkOutAt: null, minutes: 0 })],
      });
    }
    expect(byUser.get(learner.l4)).toMatchObject({ minutes: 0, records: [] });
    expect(byUser.has(learner.l3)).toBe(false);

    for (const phone of [
      DEMO.teacherA,
      DEMO.xihuRegulator,
      DEMO.hangzhouRegulator,
      DEMO.provinceRegulator,
      DEMO.operator,
    ]) {
      expect((await call(p, await as(phone), 'GET', `/api/classes/${classId}/attendance`)).status, phone).toBe(200);
    }
    for (const phone of [DEMO.adminB, DEMO.teacherB, DEMO.haishuRegulator, DEMO.ningboRegulator]) {
      expect((await call(p, await as(phone), 'GET', `/api/classes/${classId}/attendance`)).status, phone).toBe(404);
    }
    expect((await call(p, await as(phones.l1), 'GET', `/api/classes/${classId}/attendance`)).status).toBe(403);
  });

  it('answers the theory gate in production from the learning engine: no lesson completed, theory not complete', async () => {
    const production = new LearningTheoryProgress({ db: p.database.db });
    expect(await production.isTheoryComplete(learner.l1, classId)).toBe(false);
  });
});
