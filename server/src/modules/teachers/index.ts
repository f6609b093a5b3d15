export { teacherRoutes } from './teachers.routes.js';
export { TeachersService } from './teachers.service.js';
