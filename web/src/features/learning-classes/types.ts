// Shapes of the learner's class API and of attendance: the server's contracts (server/src/modules/enrolment/
// learner-classes.contract.ts, attendance/attendance.contract.ts), as types; what the pages send is declared here.
export type {
  Phase,
  MyClassSummary,
  MySession,
  MyClassDetail,
  OpenClass,
  AttendanceRecord,
  VenueCode,
} from '@contracts';

export type GateReason = 'ok' | 'not_enrolled' | 'not_approved' | 'outside_period';

export type OpenClassFilters = { q?: string; occupation?: string; region?: string };

export type ScanAction = 'check-in' | 'check-out';

/** POST /api/attendance/check-in and check-out. */
export type ScanBody = { token: string; latitude: number; longitude: number; accuracy: number; photo: string };
