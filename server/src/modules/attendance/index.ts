// Front door of modules/attendance (offline attendance: venue codes, check-in and check-out with a live photo, offline class hours); other modules import only from here.
export { attendanceRoutes } from './attendance.routes.js';
export { AttendanceService } from './attendance.service.js';
export { type TheoryProgress, offlineClassHours } from './attendance.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as attendanceContract from './attendance.contract.js';
