// Front door of modules/classes (class opening, review, changes after approval, who may see a class and under which policy); other modules import only from here.
export { canSeeClass, classPolicy } from './class-scope.js';
export { classRoutes } from './classes.routes.js';
export { ClassesService } from './classes.service.js';
export {
  type AttendanceTable,
  type ClassChangesTable,
  type ClassCoursesTable,
  type ClassReviewsTable,
  type ClassSessionsTable,
  type ClassStatus,
  type ClassTeachersTable,
  type ClassesTable,
  type EnrolmentsTable,
  type TeacherQualificationsTable,
} from './classes.tables.js';
export {
  type AccountMatch,
  chunks,
  countEnrolled,
  enrolmentStatuses,
  overlappingEnrolments,
  phoneOwners,
  usersByIdNumberHashes,
} from './enrolment.repository.js';
