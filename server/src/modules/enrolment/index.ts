// Front door of modules/enrolment (roster import, the class roster, self-enrolment and the learner's classes); other modules import only from here.
export { enrolmentRoutes } from './enrolment.routes.js';
export { EnrolmentService } from './enrolment.service.js';
export { learnerClassRoutes } from './learner-classes.routes.js';
export { LearnerClassesService } from './learner-classes.service.js';
