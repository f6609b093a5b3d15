// Front door of modules/stats (roll-ups, dashboards, traceability and the self-inspection report); other modules import only from here.
export {
  RollupService,
  ROLLUP_JOB,
  DEFAULT_ROLLUP_OPTIONS,
  deriveDay,
  derivePlatformDay,
  type RollupOptions,
  type RollupResult,
} from './rollup.service.js';
export { DashboardService, type Dashboard } from './dashboard.service.js';
export { PlatformStatsService, type PlatformStats } from './platform-stats.service.js';
export { TraceService, type Timeline } from './trace.service.js';
export { InspectionService, type InspectionReport } from './inspection.service.js';
export { statsPermissions } from './stats.scope.js';
export { createStatsServices } from './services.js';
export { statsRoutes } from './stats.routes.js';
export {
  type StatsActiveDailyTable,
  type StatsCursorsTable,
  type StatsDailyTable,
  type StatsDirtyDaysTable,
  type StatsLearnerDailyTable,
  type StatsOccupationDailyTable,
  type StatsPlatformDailyTable,
  type StatsUserCountsTable,
} from './stats.tables.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as statsContract from './stats.contract.js';
