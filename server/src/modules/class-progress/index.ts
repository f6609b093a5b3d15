export { type LessonCredit, type OnlineCredit, type OnlineProgressReader } from './online-progress.js';
export { progressRoutes } from './progress.routes.js';
export { ProgressService } from './progress.service.js';
export { onlineClassHours } from './progress.js';
