// Front door of modules/subsidies (regional subsidy rules applied to evidence, claims, the person-level ledger, review and payment); other modules import only from here.
export { eligibility, type Eligibility, type EarlierGrant, type Evidence } from './eligibility.js';
export {
  NO_TARGET_GROUPS,
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
  type SubsidyTrainingsTable,
} from './subsidies.tables.js';
