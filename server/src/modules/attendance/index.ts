export { attendanceRoutes } from './attendance.routes.js';
export { AttendanceService } from './attendance.service.js';
export { type TheoryProgress, offlineClassHours } from './attendance.js';
