import { createHmac, timingSafeEqual } from 'node:crypto';

// Offline practice attendance (线下实训考勤), as pure functions: the rotating venue QR token, the geofence distance,
// the windows in which checking in and out is open, and how attended time becomes offline class hours.

/**
 * Whether a learner has finished the online theory of a class. Offline practice may be attended only after it.
 * The learning engine answers it from its verified progress (`LearningTheoryProgress` in modules/learning).
 */
export interface TheoryProgress {
  isTheoryComplete(userId: string, classId: string): Promise<boolean>;
}

/** The venue screen shows a new code every minute ... */
export const TOKEN_WINDOW_SECONDS = 60;
/** ... and a code stays valid for its minute plus this grace, so a scan at 0:59 still arrives in time (90 s total). */
export const TOKEN_GRACE_SECONDS = 30;
/** API nodes' clocks may differ a little: a code from a window starting this much later is still accepted. */
export const TOKEN_CLOCK_SKEW_SECONDS = 10;
/** Checking in opens this long before the session starts (arriving early is normal). */
export const CHECK_IN_OPENS_BEFORE_MINUTES = 30;
/** Checking out stays open this long after the session ends (queues at the exit). */
export const CHECK_OUT_CLOSES_AFTER_MINUTES = 30;

const VERSION = 'a1';
const WINDOW_MS = TOKEN_WINDOW_SECONDS * 1000;
const ID = /^[0-9A-Za-z-]{1,64}$/;

export type AttendanceTokenClaims = { classId: string; sessionId: string; window: number; signature: string };
export type IssuedAttendanceToken = { token: string; window: number; expiresAt: Date; refreshInSeconds: number };
export type TokenCheck =
  | ({ ok: true } & AttendanceTokenClaims)
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'other_session' | 'expired' | 'not_yet_valid' };

/** The minute window a moment falls in (minutes since the epoch). */
export const tokenWindow = (at: Date): number => Math.floor(at.getTime() / WINDOW_MS);

function sign(key: Buffer, classId: string, sessionId: string, window: number): string {
  // Domain-separated so a signature made here can never be mistaken for another use of the same key.
  return createHmac('sha256', key)
    .update(`yunxue-attendance:${VERSION}:${classId}:${sessionId}:${window}`)
    .digest('base64url');
}

/**
 * The code the venue screen shows now: it names the class, the session and the current minute, signed with the
 * server's key. `refreshInSeconds` is the time left until the next minute, when the screen should fetch a new one.
 */
export function makeAttendanceToken(
  key: Buffer,
  ids: { classId: string; sessionId: string },
  now: Date,
): IssuedAttendanceToken {
  if (!ID.test(ids.classId) || !ID.test(ids.sessionId)) throw new Error('Attendance token ids must be plain ids');
  const window = tokenWindow(now);
  const start = window * WINDOW_MS;
  return {
    token: [VERSION, ids.classId, ids.sessionId, window, sign(key, ids.classId, ids.sessionId, window)].join('.'),
    window,
    expiresAt: new Date(start + (TOKEN_WINDOW_SECONDS + TOKEN_GRACE_SECONDS) * 1000),
    refreshInSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000)),
  };
}

/** Reads the claims of a token without trusting them (to find the session to check against). */
export function parseAttendanceToken(token: string): AttendanceTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [version, classId, sessionId, window, signature] = parts as [string, string, string, string, string];
  if (
    version !== VERSION ||
    !ID.test(classId) ||
    !ID.test(sessionId) ||
    !/^\d{1,12}$/.test(window) ||
    !/^[A-Za-z0-9_-]{43}$/.test(signature)
  )
    return null;
  return { classId, sessionId, window: Number(window), signature };
}

/**
 * Checks a scanned token: our signature, for the expected session when one is given, and inside its minute plus the
 * grace. The signature is checked before anything else so that a forged token learns nothing about time.
 */
export function verifyAttendanceToken(
  key: Buffer,
  token: string,
  now: Date,
  expected: { sessionId?: string } = {},
): TokenCheck {
  const claims = parseAttendanceToken(token);
  if (!claims) return { ok: false, reason: 'malformed' };
  const good = Buffer.from(sign(key, claims.classId, claims.sessionId, claims.window));
  const given = Buffer.from(claims.signature);
  if (good.length !== given.length || !timingSafeEqual(good, given)) return { ok: false, reason: 'bad_signature' };
  if (expected.sessionId !== undefined && expected.sessionId !== claims.sessionId)
    return { ok: false, reason: 'other_session' };
  const start = claims.window * WINDOW_MS;
  if (now.getTime() < start - TOKEN_CLOCK_SKEW_SECONDS * 1000) return { ok: false, reason: 'not_yet_valid' };
  if (now.getTime() >= start + (TOKEN_WINDOW_SECONDS + TOKEN_GRACE_SECONDS) * 1000)
    return { ok: false, reason: 'expired' };
  return { ok: true, ...claims };
}

export type Position = { latitude: number; longitude: number };

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine): well within a metre of the ellipsoid at venue scale. */
export function distanceMeters(a: Position, b: Position): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type SessionTimes = { startsAt: string; endsAt: string };
export type Window = { opensAt: string; closesAt: string };

export function checkInWindow(session: SessionTimes): Window {
  return {
    opensAt: new Date(Date.parse(session.startsAt) - CHECK_IN_OPENS_BEFORE_MINUTES * 60_000).toISOString(),
    closesAt: new Date(session.endsAt).toISOString(),
  };
}

export function checkOutWindow(session: SessionTimes, checkInAt: string): Window {
  return {
    opensAt: new Date(checkInAt).toISOString(),
    closesAt: new Date(Date.parse(session.endsAt) + CHECK_OUT_CLOSES_AFTER_MINUTES * 60_000).toISOString(),
  };
}

export const isWithin = (window: Window, now: Date): boolean =>
  now.getTime() >= Date.parse(window.opensAt) && now.getTime() <= Date.parse(window.closesAt);

/**
 * Whole minutes attended: the overlap of [check-in, check-out] with the session's [start, end]. Arriving early or
 * staying late earns nothing extra, and a missing check-out credits nothing (presence was never confirmed).
 */
export function attendedMinutes(checkInAt: string, checkOutAt: string | null, session: SessionTimes): number {
  if (!checkOutAt) return 0;
  const from = Math.max(Date.parse(checkInAt), Date.parse(session.startsAt));
  const to = Math.min(Date.parse(checkOutAt), Date.parse(session.endsAt));
  return to > from ? Math.floor((to - from) / 60_000) : 0;
}

/** Offline class hours from minutes under the policy's class-hour length: one decimal, never rounded up. */
export function offlineClassHours(minutes: number, classHourMinutes: number): number {
  // Integer arithmetic: 210 min / 45 is 4.666… → 4.6, and 90 / 45 stays exactly 2.
  return Math.floor((Math.floor(minutes) * 10) / classHourMinutes) / 10;
}
