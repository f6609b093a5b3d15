// Front door of modules/alerts (early warning: detectors, alert store and workflow, notifications); other modules import only from here.
export { AlertStore } from './alert-store.js';
export { alertRoutes } from './alerts.routes.js';
export { AlertsService, type ConfirmedFinding } from './alerts.service.js';
export {
  type AlertEventsTable,
  type AlertEvidenceTable,
  type AlertScansTable,
  type AlertsTable,
  type NotificationsTable,
  type SubsidyHoldsTable,
} from './alerts.tables.js';
export { DetectionService, LEARNER_DELAY_SECONDS, LEARNER_JOB, SCAN_JOB } from './detection.service.js';
export { NotificationsService } from './notifications.service.js';
// Holds and confirmed findings for the subsidies module's SupervisionFacts port (wired in services.ts).
export { alertSupervisionFacts } from './subsidy-facts.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as alertsContract from './alerts.contract.js';
