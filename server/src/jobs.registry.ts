import { DEMO_CONTENT_JOB } from './database/seed/demo-content.js';
import { LEARNER_JOB, SCAN_JOB } from './modules/alerts/index.js';
import { EXAM_DEADLINE_JOB } from './modules/exams/index.js';
import { MEDIA_JOB } from './modules/media/index.js';
import { SEAL_JOB } from './modules/seal/index.js';
import { ROLLUP_JOB } from './modules/stats/index.js';
import { RECOVERY_OVERDUE_JOB } from './modules/subsidies/index.js';
import type { Services } from './services.js';

/**
 * Every background job of the platform, registered in one place with the services its handler names. A job is
 * declared with `defineJob` beside the code it runs (id, payload schema, handler); add new ones here.
 */
export function registerJobs(services: Services): void {
  const { jobs } = services;
  jobs.register(MEDIA_JOB, { media: services.media });
  jobs.register(LEARNER_JOB, { detection: services.detection });
  jobs.register(SCAN_JOB, { detection: services.detection });
  jobs.register(ROLLUP_JOB, { rollup: services.stats.rollup });
  // The services object itself: the attempts service is looked up when the job runs (tests swap the question source).
  jobs.register(EXAM_DEADLINE_JOB, services);
  jobs.register(DEMO_CONTENT_JOB, services);
  // Recovery orders past their due date: marked overdue once, on the institution's credit record.
  jobs.register(RECOVERY_OVERDUE_JOB, services);
  jobs.register(SEAL_JOB, { seal: services.seal });
}
