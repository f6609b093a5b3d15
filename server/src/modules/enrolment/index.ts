export { enrolmentRoutes } from './enrolment.routes.js';
export { EnrolmentService } from './enrolment.service.js';
export { learnerClassRoutes } from './learner-classes.routes.js';
export { LearnerClassesService } from './learner-classes.service.js';
