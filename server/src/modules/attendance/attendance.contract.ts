import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  AttendanceRecord as AttendanceRecordSource,
  ClassAttendance as ClassAttendanceSource,
  MyAttendance as MyAttendanceSource,
  SessionInfo as SessionInfoSource,
  VenueCode as VenueCodeSource,
} from './attendance.service.js';

export const VenueCodeSchema = Type.Object({
  token: Type.String(),
  expiresAt: Type.String(),
  refreshInSeconds: Type.Number(),
});
export type VenueCode = Static<typeof VenueCodeSchema>;

export const AttendanceRecordSchema = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  checkInAt: Type.String(),
  checkOutAt: OrNull(Type.String()),
  checkInDistanceMeters: Type.Number(),
  checkOutDistanceMeters: OrNull(Type.Number()),
  minutes: Type.Number(),
});
export type AttendanceRecord = Static<typeof AttendanceRecordSchema>;

export const SessionInfoSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  venueName: Type.String(),
  address: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
});
export type SessionInfo = Static<typeof SessionInfoSchema>;

export const ClassAttendanceSchema = Type.Object({
  classId: Type.String(),
  className: Type.String(),
  classHourMinutes: Type.Number(),
  radiusMeters: Type.Number(),
  sessions: Type.Array(SessionInfoSchema),
  learners: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      enrolment: OrNull(StringEnum(['enrolled', 'withdrawn'])),
      minutes: Type.Number(),
      classHours: Type.Number(),
      records: Type.Array(AttendanceRecordSchema),
    }),
  ),
});
export type ClassAttendance = Static<typeof ClassAttendanceSchema>;

export const MyAttendanceSchema = Type.Object({
  classId: Type.String(),
  className: Type.String(),
  classHourMinutes: Type.Number(),
  radiusMeters: Type.Number(),
  theoryComplete: Type.Boolean(),
  minutes: Type.Number(),
  classHours: Type.Number(),
  sessions: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      venueName: Type.String(),
      address: Type.String(),
      startsAt: Type.String(),
      endsAt: Type.String(),
      attendance: OrNull(AttendanceRecordSchema),
    }),
  ),
});
export type MyAttendance = Static<typeof MyAttendanceSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const attendanceResponses = {
  'GET /classes/:id/sessions/:sessionId/qr': { 200: VenueCodeSchema },
  'POST /attendance/check-in': { 201: Type.Object({ attendance: AttendanceRecordSchema }) },
  'POST /attendance/check-out': { 200: Type.Object({ attendance: AttendanceRecordSchema }) },
  'GET /classes/:id/attendance': { 200: Type.Object({ attendance: ClassAttendanceSchema }) },
  'GET /attendance/mine': { 200: Type.Object({ attendance: MyAttendanceSchema }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type AttendanceContractMatchesSources = [
  Check<SameShape<VenueCode, VenueCodeSource>>,
  Check<SameShape<AttendanceRecord, AttendanceRecordSource>>,
  Check<SameShape<SessionInfo, SessionInfoSource>>,
  Check<SameShape<ClassAttendance, ClassAttendanceSource>>,
  Check<SameShape<MyAttendance, MyAttendanceSource>>,
];
