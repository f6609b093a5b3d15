import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../../adapters/blobs.js';
import type { HotState } from '../../adapters/hotstate.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { openSealedBytes, sealBytes, type PiiCipher } from '../../platform/crypto.js';
import { AppError, type ErrorCode } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeBase64Photo } from '../../platform/photo.js';
import { formatBeijingTime } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import type { PoliciesService } from '../policies/index.js';
import {
  attendedMinutes,
  checkInWindow,
  checkOutWindow,
  distanceMeters,
  isWithin,
  makeAttendanceToken,
  offlineClassHours,
  verifyAttendanceToken,
  TOKEN_CLOCK_SKEW_SECONDS,
  TOKEN_GRACE_SECONDS,
  TOKEN_WINDOW_SECONDS,
  type TheoryProgress,
  type Window,
} from './attendance.js';
import { canSeeClass, classPolicy, type ClassesService } from '../classes/index.js';
import {
  attendanceOf,
  attendanceOfClass,
  attendanceOfLearner,
  enrolmentOf,
  enrolmentsOfClass,
  findAttendance,
  findClassRow,
  findSession,
  insertCheckIn,
  recordCheckOut,
  sessionsOfClass,
  userNames,
  type AttendanceRow,
  type ClassRow,
  type SessionRow,
} from './attendance.repository.js';

export const attendancePermissions = declarePermissions({
  'attendance.qr': ['institution_admin', 'teacher'],
  'attendance.check': ['learner'],
  'attendance.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'attendance.mine': ['learner'],
});

/**
 * The face check of a check-in or check-out photo against the learner's enrolled face (the faces module's
 * FaceVerifierService behind it, wired in services.ts). `reason` when not ok: 'not_enrolled', 'mismatch', a quality
 * reason ('no_face', 'too_dark', …) or 'photo_invalid'; for a quality reason, `qualityError` is the face module's
 * error code that tells the learner what to fix.
 */
export interface AttendanceFaceCheck {
  verify(
    userId: string,
    photo: Buffer,
    context: { kind: 'attendance'; id: string },
  ): Promise<{
    ok: boolean;
    reason?: string;
    qualityError?: ErrorCode;
    checkId: string;
    distance: number | null;
    threshold: number;
  }>;
}

/** Largest live photo accepted (decoded bytes). */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

type Action = 'check-in' | 'check-out';

export type ScanInput = { token: string; latitude: number; longitude: number; accuracy: number; photo: string };
export type VenueCode = { token: string; expiresAt: string; refreshInSeconds: number };
export type AttendanceRecord = {
  id: string;
  sessionId: string;
  checkInAt: string;
  checkOutAt: string | null;
  checkInDistanceMeters: number;
  checkOutDistanceMeters: number | null;
  minutes: number;
};
export type SessionInfo = {
  id: string;
  title: string;
  venueName: string;
  address: string;
  startsAt: string;
  endsAt: string;
};
export type ClassAttendance = {
  classId: string;
  className: string;
  classHourMinutes: number;
  radiusMeters: number;
  sessions: SessionInfo[];
  learners: {
    userId: string;
    name: string;
    enrolment: 'enrolled' | 'withdrawn' | null;
    minutes: number;
    classHours: number;
    records: AttendanceRecord[];
  }[];
};
export type MyAttendance = {
  classId: string;
  className: string;
  classHourMinutes: number;
  radiusMeters: number;
  theoryComplete: boolean;
  minutes: number;
  classHours: number;
  sessions: (SessionInfo & { attendance: AttendanceRecord | null })[];
};

// ---- photo evidence ------------------------------------------------------------------------------------------

/** Decodes the base64 photo (a data: URL prefix is allowed) and accepts it only if its content is a JPEG or PNG. */
export async function readPhoto(input: string): Promise<{ bytes: Buffer; ext: 'jpg' | 'png' }> {
  const bytes = decodeBase64Photo(input);
  if (!bytes) throw new AppError('ATTENDANCE_PHOTO_INVALID', { field: 'photo' });
  if (bytes.length > PHOTO_MAX_BYTES)
    throw new AppError('ATTENDANCE_PHOTO_TOO_LARGE', {
      field: 'photo',
      params: { limitMb: PHOTO_MAX_BYTES / 1024 / 1024 },
    });
  const type = bytes.length > 0 ? await fileTypeFromBuffer(bytes) : undefined;
  if (type?.ext !== 'jpg' && type?.ext !== 'png') throw new AppError('ATTENDANCE_PHOTO_INVALID', { field: 'photo' });
  return { bytes, ext: type.ext };
}

/**
 * The key that signs venue codes: derived from the server's hash key under its own label, so there is no new secret
 * to deploy and the signatures cannot be confused with the lookup hashes made from the same key.
 */
export function attendanceTokenKey(cipher: PiiCipher): Buffer {
  return Buffer.from(cipher.lookupHash('attendance-qr-key', 'v1'), 'base64url');
}

// ---- service ---------------------------------------------------------------------------------------------------

/**
 * Offline practice attendance: a rotating signed QR code at the venue, scanned by the learner's phone with its
 * position and a live photo; check-in and check-out become attended minutes and, under the class's policy, offline
 * class hours. Offline practice opens only once the learner's online theory is complete.
 */
export class AttendanceService {
  private readonly tokenKey: Buffer;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      cipher: PiiCipher;
      hot: HotState;
      blobs: BlobStore;
      audit: AuditService;
      policies: PoliciesService;
      classes: ClassesService;
      theory: TheoryProgress;
      /** Verifies the live photo against the enrolled face; absent only where a test exercises the other rules alone. */
      face?: AttendanceFaceCheck | null;
    },
  ) {
    this.tokenKey = attendanceTokenKey(deps.cipher);
  }

  private async policyOf(klass: ClassRow) {
    // The rules the class was approved under; a later policy change does not move its radius or class-hour length.
    return (await classPolicy(this.deps.policies, this.deps.db, klass)).document;
  }

  private async classRow(id: string): Promise<ClassRow | undefined> {
    return findClassRow(this.deps.db, id);
  }

  // ---- venue screen --------------------------------------------------------------------------------------------

  /** The code the venue screen shows now, for the staff of the class's institution. */
  async venueCode(actor: Actor, classId: string, sessionId: string): Promise<VenueCode> {
    requirePermission(actor, attendancePermissions['attendance.qr']);
    const klass = await this.classRow(classId);
    if (!klass || klass.institution_id !== actor.institutionId) throw new AppError('NOT_FOUND');
    const session = await findSession(this.deps.db, sessionId);
    if (!session || session.class_id !== classId) throw new AppError('NOT_FOUND');
    if (klass.status !== 'approved')
      throw new AppError('ATTENDANCE_CLASS_NOT_ACTIVE', { details: { status: klass.status } });
    const issued = makeAttendanceToken(this.tokenKey, { classId, sessionId }, this.deps.clock.now());
    return {
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      refreshInSeconds: issued.refreshInSeconds,
    };
  }

  // ---- learner: check in and out -------------------------------------------------------------------------------

  /** What both actions check first: the photo, the code, who scans it, and that it was not used for this action. */
  private async scan(actor: Actor, input: ScanInput, action: Action) {
    requirePermission(actor, attendancePermissions['attendance.check']);
    const photo = await readPhoto(input.photo);
    const now = this.deps.clock.now();
    const check = verifyAttendanceToken(this.tokenKey, input.token, now);
    if (!check.ok)
      throw new AppError(check.reason === 'expired' ? 'ATTENDANCE_TOKEN_EXPIRED' : 'ATTENDANCE_TOKEN_INVALID', {
        field: 'token',
      });
    const session = await findSession(this.deps.db, check.sessionId);
    // A genuine signature over a session that no longer belongs to that class (the plan changed) is void.
    if (!session || session.class_id !== check.classId)
      throw new AppError('ATTENDANCE_TOKEN_INVALID', { field: 'token' });
    // Once per learner and action: the marker lives in hot state so every API node sees it, for as long as the
    // code could still be accepted anywhere.
    const marker = `attendance:used:${action}:${actor.userId}:${check.signature}`;
    if (await this.deps.hot.get(marker)) throw new AppError('ATTENDANCE_TOKEN_REPLAYED', { field: 'token' });
    const gate = await this.deps.classes.learningAllowed(actor.userId, session.class_id);
    if (gate.reason === 'not_enrolled') throw new AppError('ATTENDANCE_NOT_ENROLLED');
    if (!gate.allowed) throw new AppError('ATTENDANCE_CLASS_NOT_ACTIVE', { details: { reason: gate.reason } });
    const klass = (await this.classRow(session.class_id))!;
    const policy = await this.policyOf(klass);
    const distance = distanceMeters(input, {
      latitude: Number(session.latitude),
      longitude: Number(session.longitude),
    });
    return { now, session, klass, policy, photo, marker, distance };
  }

  private requireOpen(window: Window, now: Date, action: Action) {
    if (isWithin(window, now)) return;
    throw new AppError('ATTENDANCE_SESSION_NOT_OPEN', {
      details: { action, ...window },
      params: {
        action: action === 'check-in' ? { 'zh-CN': '签到', en: 'Check-in' } : { 'zh-CN': '签退', en: 'Check-out' },
        opensAt: formatBeijingTime(window.opensAt),
        closesAt: formatBeijingTime(window.closesAt),
      },
    });
  }

  private requireNear(distance: number, radius: number) {
    if (distance <= radius) return;
    const metres = Math.round(distance);
    throw new AppError('ATTENDANCE_TOO_FAR', {
      details: { distanceMeters: metres, radiusMeters: radius },
      params: { distance: metres, radius },
    });
  }

  /**
   * The photo must show the learner's enrolled face. Checked last, after the cheap rules, because the engine takes
   * a good part of a second; the check is stored as evidence (context: this attendance record) whatever its result,
   * and a refusal leaves the code unused so that the learner can retake the photo.
   */
  private async requireFace(
    userId: string,
    photo: Buffer,
    attendanceId: string,
  ): Promise<{ checkId: string; distance: number | null } | null> {
    if (!this.deps.face) return null;
    const check = await this.deps.face.verify(userId, photo, { kind: 'attendance', id: attendanceId });
    if (check.ok)
      return {
        checkId: check.checkId,
        distance: check.distance === null ? null : Math.round(check.distance * 1000) / 1000,
      };
    const details = {
      reason: check.reason,
      faceCheckId: check.checkId,
      distance: check.distance,
      threshold: check.threshold,
    };
    if (check.reason === 'not_enrolled') throw new AppError('ATTENDANCE_FACE_NOT_ENROLLED', { details });
    if (check.reason === 'mismatch') throw new AppError('ATTENDANCE_FACE_MISMATCH', { details });
    const quality = check.qualityError;
    if (quality) throw new AppError(quality, { field: 'photo', details });
    throw new AppError('ATTENDANCE_PHOTO_INVALID', { field: 'photo', details });
  }

  /**
   * Claims the code for this learner and action, stores the encrypted photo, then runs the write; if the write
   * fails, the photo is removed and the code released so that nothing is left of a refused attempt.
   */
  private async record<T>(marker: string, photoKey: string, photo: Buffer, write: () => Promise<T>): Promise<T> {
    const ttl = TOKEN_WINDOW_SECONDS + TOKEN_GRACE_SECONDS + TOKEN_CLOCK_SKEW_SECONDS;
    if (!(await this.deps.hot.setIfAbsent(marker, '1', ttl)))
      throw new AppError('ATTENDANCE_TOKEN_REPLAYED', { field: 'token' });
    try {
      await this.deps.blobs.put(photoKey, sealBytes(this.deps.cipher, photo));
      return await write();
    } catch (error) {
      await this.deps.blobs.delete(photoKey).catch(() => {});
      await this.deps.hot.del(marker);
      throw error;
    }
  }

  async checkIn(actor: Actor, input: ScanInput, meta: RequestMeta): Promise<AttendanceRecord> {
    const { now, session, klass, policy, photo, marker, distance } = await this.scan(actor, input, 'check-in');
    this.requireOpen(checkInWindow({ startsAt: session.starts_at, endsAt: session.ends_at }), now, 'check-in');
    this.requireNear(distance, policy.attendanceRadiusMeters);
    if (!(await this.deps.theory.isTheoryComplete(actor.userId, klass.id)))
      throw new AppError('ATTENDANCE_THEORY_INCOMPLETE');
    const { db } = this.deps;
    const existing = await attendanceOf(db, session.id, actor.userId);
    if (existing) throw new AppError('ATTENDANCE_ALREADY_CHECKED_IN');
    const id = newId();
    const face = await this.requireFace(actor.userId, photo.bytes, id);
    const photoKey = `attendance/${id}/check-in.${photo.ext}.enc`;
    const at = now.toISOString();
    await this.record(marker, photoKey, photo.bytes, () =>
      db.transaction().execute(async (trx) => {
        const inserted = await insertCheckIn(trx, {
          id,
          class_id: klass.id,
          session_id: session.id,
          user_id: actor.userId,
          check_in_at: at,
          check_in_latitude: input.latitude,
          check_in_longitude: input.longitude,
          check_in_photo_key: photoKey,
          check_out_at: null,
          check_out_latitude: null,
          check_out_longitude: null,
          check_out_photo_key: null,
          minutes: null,
        });
        // Two scans racing on different nodes: the unique (session, learner) pair lets one through.
        if (!inserted) throw new AppError('ATTENDANCE_ALREADY_CHECKED_IN');
        await this.audit(trx, actor, meta, 'attendance.checked_in', id, klass, session, {
          at,
          ...this.position(input),
          distance,
          radiusMeters: policy.attendanceRadiusMeters,
          ...(face ? { face } : {}),
        });
      }),
    );
    return this.toRecord((await findAttendance(db, id))!, session);
  }

  async checkOut(actor: Actor, input: ScanInput, meta: RequestMeta): Promise<AttendanceRecord> {
    const { now, session, klass, policy, photo, marker, distance } = await this.scan(actor, input, 'check-out');
    const { db } = this.deps;
    const row = await attendanceOf(db, session.id, actor.userId);
    if (!row) throw new AppError('ATTENDANCE_NOT_CHECKED_IN');
    if (row.check_out_at) throw new AppError('ATTENDANCE_ALREADY_CHECKED_OUT');
    const times = { startsAt: session.starts_at, endsAt: session.ends_at };
    this.requireOpen(checkOutWindow(times, row.check_in_at), now, 'check-out');
    this.requireNear(distance, policy.attendanceRadiusMeters);
    const at = now.toISOString();
    const minutes = attendedMinutes(row.check_in_at, at, times);
    const face = await this.requireFace(actor.userId, photo.bytes, row.id);
    const photoKey = `attendance/${row.id}/check-out.${photo.ext}.enc`;
    await this.record(marker, photoKey, photo.bytes, () =>
      db.transaction().execute(async (trx) => {
        const recorded = await recordCheckOut(trx, row.id, {
          check_out_at: at,
          check_out_latitude: input.latitude,
          check_out_longitude: input.longitude,
          check_out_photo_key: photoKey,
          minutes,
        });
        if (!recorded) throw new AppError('ATTENDANCE_ALREADY_CHECKED_OUT');
        await this.audit(trx, actor, meta, 'attendance.checked_out', row.id, klass, session, {
          at,
          ...this.position(input),
          distance,
          radiusMeters: policy.attendanceRadiusMeters,
          minutes,
          ...(face ? { face } : {}),
        });
      }),
    );
    return this.toRecord((await findAttendance(db, row.id))!, session);
  }

  private position(input: ScanInput) {
    return { latitude: input.latitude, longitude: input.longitude, accuracy: input.accuracy };
  }

  private async audit(
    trx: DbOrTrx,
    actor: Actor,
    meta: RequestMeta,
    action: string,
    id: string,
    klass: ClassRow,
    session: SessionRow,
    details: {
      at: string;
      latitude: number;
      longitude: number;
      accuracy: number;
      distance: number;
      radiusMeters: number;
      minutes?: number;
      face?: { checkId: string; distance: number | null };
    },
  ) {
    const { distance, ...rest } = details;
    await this.deps.audit.record(trx, {
      actor,
      action,
      targetType: 'attendance',
      targetId: id,
      institutionId: klass.institution_id,
      regionCode: klass.region_code,
      meta,
      details: { classId: klass.id, sessionId: session.id, ...rest, distanceMeters: Math.round(distance) },
    });
  }

  /** The stored photo of a check-in or check-out, decrypted: evidence for face verification. */
  async photo(attendanceId: string, action: Action): Promise<Buffer | null> {
    const row = await findAttendance(this.deps.db, attendanceId);
    const key = action === 'check-in' ? row?.check_in_photo_key : row?.check_out_photo_key;
    if (!key) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.deps.blobs.open(key)) chunks.push(Buffer.from(chunk as Buffer));
    return openSealedBytes(this.deps.cipher, Buffer.concat(chunks));
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  private toRecord(row: AttendanceRow, session: SessionRow): AttendanceRecord {
    const venue = { latitude: Number(session.latitude), longitude: Number(session.longitude) };
    const at = (lat: number | null, lon: number | null) =>
      lat === null || lon === null
        ? null
        : Math.round(distanceMeters({ latitude: Number(lat), longitude: Number(lon) }, venue));
    return {
      id: row.id,
      sessionId: row.session_id,
      checkInAt: row.check_in_at,
      checkOutAt: row.check_out_at,
      checkInDistanceMeters: at(row.check_in_latitude, row.check_in_longitude)!,
      checkOutDistanceMeters: at(row.check_out_latitude, row.check_out_longitude),
      minutes: row.minutes ?? 0,
    };
  }

  private toSession(s: SessionRow): SessionInfo {
    return {
      id: s.id,
      title: s.title,
      venueName: s.venue_name,
      address: s.address,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
    };
  }

  /** Per learner and session: times, distances and minutes; per learner the offline class hours. */
  async classAttendance(actor: Actor, classId: string): Promise<ClassAttendance> {
    requirePermission(actor, attendancePermissions['attendance.read']);
    const klass = await this.classRow(classId);
    if (!klass || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    const { db } = this.deps;
    const [policy, sessions, rows, enrolments] = await Promise.all([
      this.policyOf(klass),
      sessionsOfClass(db, classId),
      attendanceOfClass(db, classId),
      enrolmentsOfClass(db, classId),
    ]);
    const userIds = [
      ...new Set([
        ...enrolments.filter((e) => e.status === 'enrolled').map((e) => e.user_id),
        ...rows.map((r) => r.user_id),
      ]),
    ];
    const users = await userNames(db, userIds);
    const sessionById = new Map(sessions.map((s) => [s.id, s]));
    return {
      classId,
      className: klass.name,
      classHourMinutes: policy.classHourMinutes,
      radiusMeters: policy.attendanceRadiusMeters,
      sessions: sessions.map((s) => this.toSession(s)),
      learners: users.map((u) => {
        const records = rows
          .filter((r) => r.user_id === u.id)
          .map((r) => this.toRecord(r, sessionById.get(r.session_id)!));
        const minutes = records.reduce((sum, r) => sum + r.minutes, 0);
        return {
          userId: u.id,
          name: u.name,
          enrolment: enrolments.find((e) => e.user_id === u.id)?.status ?? null,
          minutes,
          classHours: offlineClassHours(minutes, policy.classHourMinutes),
          records,
        };
      }),
    };
  }

  /** The learner's own sessions and attendance in a class they are (or were) on the roster of. */
  async mine(actor: Actor, classId: string): Promise<MyAttendance> {
    requirePermission(actor, attendancePermissions['attendance.mine']);
    const { db } = this.deps;
    const enrolment = await enrolmentOf(db, classId, actor.userId);
    const klass = enrolment ? await this.classRow(classId) : undefined;
    if (!klass) throw new AppError('NOT_FOUND');
    const [policy, sessions, rows, theoryComplete] = await Promise.all([
      this.policyOf(klass),
      sessionsOfClass(db, classId),
      attendanceOfLearner(db, classId, actor.userId),
      this.deps.theory.isTheoryComplete(actor.userId, classId),
    ]);
    const mapped = sessions.map((s) => {
      const row = rows.find((r) => r.session_id === s.id);
      return { ...this.toSession(s), attendance: row ? this.toRecord(row, s) : null };
    });
    const minutes = mapped.reduce((sum, s) => sum + (s.attendance?.minutes ?? 0), 0);
    return {
      classId,
      className: klass.name,
      classHourMinutes: policy.classHourMinutes,
      radiusMeters: policy.attendanceRadiusMeters,
      theoryComplete,
      minutes,
      classHours: offlineClassHours(minutes, policy.classHourMinutes),
      sessions: mapped,
    };
  }
}
