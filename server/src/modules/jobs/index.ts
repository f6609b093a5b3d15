export { type JobsTable } from './jobs.tables.js';
export { LocalJobRunner } from './jobs.js';
