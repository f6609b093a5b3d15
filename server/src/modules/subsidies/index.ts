// Front door of modules/subsidies (regional subsidy rules applied to evidence, claims, the person-level ledger, review and payment); other modules import only from here.
export { eligibility, type Eligibility, type EarlierGrant, type Evidence } from './eligibility.js';
export { ClaimsService } from './claims.service.js';
export { progressHours } from './hours.js';
export { PaymentsService } from './payments.service.js';
// Consequences of confirmed fraud: unpaid lines cancelled, recovery orders for paid ones (early warning's hook).
export { RecoveryService, RECOVERY_OVERDUE_JOB, type FraudFinding } from './recovery.service.js';
export { recoveryRoutes } from './recovery.routes.js';
export { subsidyRoutes } from './subsidies.routes.js';
export {
  NO_ASSESSMENT_YET,
  NO_CERTIFICATES_YET,
  NO_TARGET_GROUPS,
  type HoursFacts,
  type LearnerHours,
  type AssessmentOutcome,
  type CertificateFacts,
  type SubsidyPorts,
  type SupervisionFacts,
  type TargetGroupFacts,
} from './ports.js';
export {
  type SubsidyBatchesTable,
  type SubsidyClaimLinesTable,
  type SubsidyClaimsTable,
  type SubsidyGrantsTable,
  type SubsidyPersonsTable,
  type SubsidyRecoveryEventsTable,
  type SubsidyRecoveryOrdersTable,
  type SubsidyTrainingsTable,
} from './subsidies.tables.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as subsidiesContract from './subsidies.contract.js';
export type * as recoveryContract from './recovery.contract.js';
