// Front door of modules/enrolment (roster import, the class roster, self-enrolment and the learner's classes); other modules import only from here.
export { enrolmentRoutes } from './enrolment.routes.js';
export { EnrolmentService, readRosterUpload } from './enrolment.service.js';
export { zipUnpackedSize } from './enrolment-import.js';
export { learnerClassRoutes } from './learner-classes.routes.js';
export { LearnerClassesService } from './learner-classes.service.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as enrolmentContract from './enrolment.contract.js';
export type * as learnerClassesContract from './learner-classes.contract.js';
