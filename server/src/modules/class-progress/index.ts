// Front door of modules/class-progress (hours per learner of a class (online through the OnlineProgressReader port) and the Excel export); other modules import only from here.
export { type LessonCredit, type OnlineCredit, type OnlineProgressReader } from './online-progress.js';
export { progressRoutes } from './progress.routes.js';
export { ProgressService } from './progress.service.js';
export { onlineClassHours } from './progress.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as progressContract from './progress.contract.js';
