// Front door of modules/classes (class opening, review, changes after approval, who may see a class and under which policy); other modules import only from here.
export { canSeeClass, classPolicy, classScope } from './class-scope.js';
export { ClassStatusSchema } from './classes.contract.js';
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
  type EnrolmentStatus,
  type EnrolmentsTable,
  type TeacherDisqualificationsTable,
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
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as classesContract from './classes.contract.js';
