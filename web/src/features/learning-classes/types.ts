// Shapes of the learner's class API (server/src/modules/enrolment/learner-classes.service.ts) and of attendance.

import type { ClassStatus } from '../classes/types';

export type Phase = 'upcoming' | 'running' | 'ended';
export type GateReason = 'ok' | 'not_enrolled' | 'not_approved' | 'outside_period';

type ClassHead = {
  id: string;
  name: string;
  institutionName: string;
  regionCode: string;
  occupationCode: string;
  occupationName: string;
  occupationNameEn: string;
  level: number;
  startDate: string;
  endDate: string;
  status: ClassStatus;
  phase: Phase;
  offlineHours: number;
};

export type MyClassSummary = ClassHead & {
  learning: { allowed: boolean; reason: GateReason };
  source: 'import' | 'manual' | 'self';
  courseCount: number;
  attendance: { sessions: number; attended: number; minutes: number; classHours: number };
};

export type MySession = {
  id: string;
  title: string;
  venueName: string;
  address: string;
  startsAt: string;
  endsAt: string;
  attendance: { checkInAt: string; checkOutAt: string | null; minutes: number } | null;
};

export type MyClassDetail = MyClassSummary & {
  classHourMinutes: number;
  radiusMeters: number;
  theoryComplete: boolean;
  withdrawable: boolean;
  courses: { id: string; title: string; classHours: number; lessons: number }[];
  sessions: MySession[];
};

export type OpenClass = ClassHead & {
  capacity: number;
  enrolled: number;
  placesLeft: number;
  courseCount: number;
  sessionCount: number;
  mine: boolean;
};

export type OpenClassFilters = { q?: string; occupation?: string; region?: string };

export type ScanAction = 'check-in' | 'check-out';

/** POST /api/attendance/check-in and check-out. */
export type ScanBody = { token: string; latitude: number; longitude: number; accuracy: number; photo: string };

export type AttendanceRecord = {
  id: string;
  sessionId: string;
  checkInAt: string;
  checkOutAt: string | null;
  checkInDistanceMeters: number;
  checkOutDistanceMeters: number | null;
  minutes: number;
};

/** GET /api/classes/:id/sessions/:sessionId/qr */
export type VenueCode = { token: string; expiresAt: string; refreshInSeconds: number };
