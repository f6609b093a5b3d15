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
export { statsResponses } from './stats.contract.js';
