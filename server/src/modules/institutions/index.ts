export {
  InstitutionsService,
  canSeeInstitution,
  findInstitution,
  institutionPermissions,
  type Institution,
  type InstitutionApplication,
} from './institutions.service.js';
export { InstitutionRegistrationService } from './registration.service.js';
export { InstitutionReviewService } from './review.service.js';
export { InstitutionDocumentsService } from './documents.service.js';
export { requireActiveInstitution } from './institution-guard.js';
export { makeCreditCode } from './credit-code.js';
// Credit records (信用记录): the score (pure), events recorded as consequences, the standing classes and claims ask.
export {
  CREDIT_RULES,
  creditStanding,
  findingSeverity,
  type CreditSeverity,
  type CreditEventKind,
} from './credit-score.js';
export {
  CreditService,
  creditStandingOf,
  recordConfirmedFinding,
  recordCreditEvent,
  type CreditNewEvent,
} from './credit.service.js';
export { creditRoutes } from './credit.routes.js';
export { institutionRoutes } from './institutions.routes.js';
export {
  type InstitutionCreditEventsTable,
  type InstitutionDocumentsTable,
  type InstitutionReviewsTable,
  type InstitutionsTable,
  type TrainingRoomsTable,
} from './institutions.tables.js';
export { trainingRoomRoutes } from './training-rooms.routes.js';
export { TrainingRoomsService } from './training-rooms.service.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as institutionsContract from './institutions.contract.js';
export type * as trainingRoomsContract from './training-rooms.contract.js';
export type * as creditContract from './credit.contract.js';
