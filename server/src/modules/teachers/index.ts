// Front door of modules/teachers (teacher qualifications kept by an institution); other modules import only from here.
export { teacherRoutes } from './teachers.routes.js';
export { TeachersService } from './teachers.service.js';
// Platform-wide disqualification (by the person's ID lookup hash); disqualifyForFinding answers early warning's hook.
export { TeacherBansService, disqualifyForFinding, type TeacherBan } from './bans.service.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as teachersContract from './teachers.contract.js';
