// Front door of modules/jobs (the embedded job runner); other modules import only from here.
export { type JobsTable } from './jobs.tables.js';
export { defineJob, JobPayloadError, LocalJobRunner, type JobContext, type JobDefinition } from './jobs.js';
